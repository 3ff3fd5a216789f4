import type { Item } from '../model/item.js';
import { ExpressionError } from './expression.error.js';
import type { ExpressionScope } from './resolver.js';

/**
 * What `$node("Name")` gives: another node's last output on its main port.
 * `item`/`json` is the output item the current item descends from (through
 * the nodes between, as the run recorded it); where that is not known, the
 * item at the current item's index (the first item when that node gave
 * fewer), so one-item nodes such as a settings node can be read from every item.
 */
export interface NodeReference {
  readonly item: Item | undefined;
  readonly json: Record<string, unknown> | undefined;
  readonly binary: Item['binary'];
  readonly first: Item | undefined;
  readonly last: Item | undefined;
  readonly all: readonly Item[];
  /** The node's context (`currentRunIndex`, `noItemsLeft`... of a Loop Over Items); empty when it keeps none. */
  readonly context: Readonly<Record<string, unknown>>;
}

/** `$node(name)`: the reference, or a clear error when the node does not exist or has not run. */
export function nodeReference(scope: ExpressionScope, name: unknown): NodeReference {
  if (typeof name !== 'string') {
    throw new ExpressionError('EXPRESSION_REFERENCE', `$node() takes the node's name as text, e.g. $node("Fetch orders").`);
  }
  const items = scope.nodeOutput(name);
  if (!items) {
    const exists = scope.workflow.nodes.some((n) => n.name === name);
    throw new ExpressionError(
      'EXPRESSION_REFERENCE',
      exists
        ? `Node '${name}' has not run yet in this execution, so its output cannot be read here; connect it before this node.`
        : `There is no node named '${name}' in this workflow.`,
    );
  }
  const paired = items.length !== 1 && scope.item ? scope.pairedItem?.(name, scope.item) : undefined;
  const item = paired ?? items[scope.itemIndex] ?? items[0];
  const context = { ...scope.nodeContext?.(name) };
  return { item, json: item?.json, binary: item?.binary, first: items[0], last: items.at(-1), all: items, context };
}

/** Where a waiting execution resumes by default (the engine's `webhooks.waitingPath`). */
const DEFAULT_WAITING_PATH = '/webhook-waiting';

/**
 * `$execution.resumeUrl`: where a call resumes this execution once it waits
 * on a webhook Wait node, the host's own URL when it gives one, else the
 * path under the engine's default waiting path (`/webhook-waiting/<id>`).
 */
export function resumeUrlOf(scope: ExpressionScope): string {
  return scope.execution.resumeUrl ?? `${DEFAULT_WAITING_PATH}/${encodeURIComponent(scope.execution.id)}`;
}

/** `$input`: the items on this node's main input. */
export function inputReference(scope: ExpressionScope) {
  const items = scope.items;
  return { all: items, first: items[0], last: items.at(-1), item: scope.item };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The workflow's IANA time zone (UTC when it sets none). */
export function zoneOf(scope: ExpressionScope): string {
  return scope.workflow.settings.timezone ?? 'UTC';
}

/** `$today`: the calendar date (YYYY-MM-DD) of `now` in the workflow's time zone. */
export function todayOf(scope: ExpressionScope): string {
  const zone = zoneOf(scope);
  let format = dayFormats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new ExpressionError(
        'EXPRESSION_ERROR',
        `The workflow's time zone '${zone}' is not a valid IANA time zone (such as "Europe/Paris"); fix it in the workflow settings.`,
      );
    }
    dayFormats.set(zone, format);
  }
  return format.format(scope.now);
}

const dataCopies = new WeakMap<object, unknown>();

/**
 * A JSON copy of host-given values (`$vars`, `$env`), made once per object:
 * a function or class instance a host passes by mistake is never reachable
 * (JSONata can call functions it is given).
 */
function dataOnly(value: Readonly<Record<string, unknown>>): unknown {
  let copy = dataCopies.get(value);
  if (copy === undefined) {
    try {
      copy = JSON.parse(JSON.stringify(value)) as unknown;
    } catch {
      throw new ExpressionError('EXPRESSION_ERROR', 'The variables or environment given by the host are not JSON data (a cycle?).');
    }
    dataCopies.set(value, copy ?? {});
  }
  return copy;
}

/** Names an expression can read as `$name`, and how each is computed from the scope. */
export const ROOT_BINDINGS: Readonly<Record<string, (scope: ExpressionScope) => unknown>> = {
  json: (s) => s.item?.json ?? {},
  binary: (s) => s.item?.binary ?? {},
  input: inputReference,
  vars: (s) => dataOnly(s.vars),
  /** Another name of `$vars`. */
  variables: (s) => dataOnly(s.vars),
  env: (s) => dataOnly(s.env),
  execution: (s) => ({ id: s.execution.id, mode: s.execution.mode, resumeUrl: resumeUrlOf(s) }),
  workflow: (s) => ({ id: s.workflow.id, name: s.workflow.name }),
  itemIndex: (s) => s.itemIndex,
  runIndex: (s) => s.runIndex,
  now: (s) => new Date(s.now).toISOString(),
  today: todayOf,
};
