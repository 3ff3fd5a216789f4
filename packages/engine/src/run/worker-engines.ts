import type { Workflow } from '../model/workflow.js';

/** Configurations kept (a host sends the same one every time unless its settings change); the least recently used goes first. */
const KEPT_CONFIGURATIONS = 4;

/** Workflows kept per configuration, by content, and the most characters of JSON they may take together. */
const KEPT_WORKFLOWS = 64;
const KEPT_WORKFLOW_CHARS = 4_000_000;

/** What an execution worker keeps between runs for one configuration, and the workflows it has run. */
export interface Kept<E> {
  readonly value: E;
  /** The configuration's key; undefined for one that is not kept. */
  readonly key: string | undefined;
  /**
   * The copy of `workflow` run here before, when one has the same content;
   * else `workflow`, kept for the next run. An engine compiles each workflow
   * object once (validation, parameter plans, expressions), so handing it the
   * same copy each time is what makes that work count for later runs, and a
   * workflow that changed is a new copy, compiled anew.
   */
  same(workflow: Workflow): Workflow;
}

/**
 * What an execution worker runs its executions with (an engine), one per
 * configuration (its tenant, limits, network policy, `$env`, node modules,
 * owner...): a run whose configuration was seen before gets what was made
 * for it, with the workflows it compiled. A configuration that is not plain
 * JSON data gets a new one each time.
 */
export class WorkerEngines<E> {
  readonly #kept = new Map<string, Kept<E>>();

  /** The one kept for `configuration`, else one made by `make` (and kept when the configuration can be found again). */
  get(configuration: unknown, make: () => E): Kept<E> {
    const key = plainJsonText(configuration);
    if (key === undefined) return keptValue(make(), undefined);
    return recent(this.#kept, key, KEPT_CONFIGURATIONS, () => keptValue(make(), key));
  }

  /** One made by `make` for one run, not kept. */
  once(make: () => E): Kept<E> {
    return keptValue(make(), undefined);
  }

  /** Forgets `kept`: the next run with its configuration gets a new one. */
  drop(kept: Kept<E>): void {
    if (kept.key !== undefined && this.#kept.get(kept.key) === kept) this.#kept.delete(kept.key);
  }
}

function keptValue<E>(value: E, key: string | undefined): Kept<E> {
  const workflows = new Map<string, Workflow>();
  let chars = 0;
  return {
    value,
    key,
    same(workflow) {
      const text = plainJsonText(workflow);
      if (text === undefined || text.length > KEPT_WORKFLOW_CHARS) return workflow;
      const found = workflows.get(text);
      if (found) {
        workflows.delete(text);
        workflows.set(text, found);
        return found;
      }
      // The least recently run go first.
      for (const old of workflows.keys()) {
        if (workflows.size < KEPT_WORKFLOWS && chars + text.length <= KEPT_WORKFLOW_CHARS) break;
        workflows.delete(old);
        chars -= old.length;
      }
      workflows.set(text, workflow);
      chars += text.length;
      return workflow;
    },
  };
}

/** The value under `key`, made now if missing; the map keeps the `max` most recently used, the oldest first. */
function recent<V>(map: Map<string, V>, key: string, max: number, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= max) map.delete(map.keys().next().value!);
    value = make();
  } else {
    map.delete(key);
  }
  map.set(key, value);
  return value;
}

/**
 * A value's JSON text when JSON says all of it: strings, finite numbers,
 * booleans, null, arrays and plain objects, without cycles. Otherwise
 * undefined (a date, a map, a typed array, a non-finite number, -0...), since
 * two different values would then have the same text. A property holding
 * `undefined` counts as absent, as it does for options.
 */
export function plainJsonText(value: unknown): string | undefined {
  return isPlainJson(value, 0) ? JSON.stringify(value) : undefined;
}

/** Deeper than this is taken for a cycle. */
const MAX_DEPTH = 256;

function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        // Holes and extra keys are not JSON.
        if (Object.keys(value).length !== value.length) return false;
        for (const item of value) if (item === undefined || !isPlainJson(item, depth + 1)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        if (item !== undefined && !isPlainJson(item, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
