import type { MapContext } from '../map-context.js';

/** What a mapper makes of an n8n node. */
export interface MappedNode {
  /** The Flowloom core node type. */
  type: string;
  parameters: Record<string, unknown>;
  /**
   * The Flowloom output ports an n8n output index becomes (usually one; none
   * when the index has no equivalent). Default: output 0 is `main`.
   */
  outputs?: (index: number) => readonly string[];
  /** The Flowloom input port an n8n input index becomes. Default: input 0 is `main`. */
  input?: (index: number) => string | undefined;
  /** The credential slot the node's n8n credential of this type fills. */
  credential?: { slot: string; n8nType: string };
}

/** How one n8n node type becomes a Flowloom one. */
export interface NodeMapping {
  /** The n8n type versions whose parameters this mapping knows. */
  readonly versions: readonly number[];
  map(ctx: MapContext): MappedNode;
}

/** Output 0 is `main`, nothing else: the default. */
export const mainOutput = (index: number): readonly string[] => (index === 0 ? ['main'] : []);

/** Input 0 is `main`. */
export const mainInput = (index: number): string | undefined => (index === 0 ? 'main' : undefined);

const PORT_NAME = /^[a-zA-Z][\w-]*$/;

/** Whether a name can be a Flowloom port name. */
export const isPortName = (name: unknown): name is string => typeof name === 'string' && PORT_NAME.test(name);

/**
 * An n8n field path as a Flowloom dot path: `['text anchors'].items` becomes
 * `text anchors.items`. A key holding a dot cannot be written as a dot path,
 * so such a path has no equivalent.
 */
export function fieldPath(ctx: MapContext, path: string, raw: string): string {
  if (raw.startsWith('=')) return String(ctx.convert(raw, path));
  const keys: string[] = [];
  const pattern = /\[\s*(?:'([^']*)'|"([^"]*)")\s*\]|\[(\d+)\]|([^.[\]]+)/g;
  let consumed = 0;
  for (const m of raw.matchAll(pattern)) {
    const between = raw.slice(consumed, m.index);
    if (between.replace(/\./g, '').trim() !== '') ctx.fail(path, `the field path '${raw}' cannot be read`);
    consumed = m.index + m[0].length;
    const key = m[1] ?? m[2] ?? m[3] ?? m[4]!.trim();
    if ((m[1] !== undefined || m[2] !== undefined) && key.includes('.')) {
      ctx.fail(path, `the field name '${key}' holds a dot, which a Flowloom field path cannot express`);
    }
    keys.push(key);
  }
  if (raw.slice(consumed).replace(/\./g, '').trim() !== '') ctx.fail(path, `the field path '${raw}' cannot be read`);
  return keys.join('.');
}

/** A comma-separated list of n8n field paths as Flowloom ones (kept as one string). */
export function fieldPaths(ctx: MapContext, path: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') ctx.fail(path, `expected a comma-separated list of fields, got ${JSON.stringify(raw)?.slice(0, 60)}`);
  if (raw.startsWith('=')) return String(ctx.convert(raw, path));
  return raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => fieldPath(ctx, path, f))
    .join(', ');
}

/** An n8n "resource locator" value (`{ __rl: true, value, mode }`) or a plain value, converted. */
export function locatorValue(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && '__rl' in raw) {
    ctx.ignore(`${path}.__rl`, `${path}.mode`, `${path}.cachedResultName`, `${path}.cachedResultUrl`);
    return ctx.value(`${path}.value`);
  }
  return raw === undefined ? undefined : ctx.convert(raw, path);
}

/** Drops undefined values, so defaults stay defaults. */
export function compact(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== undefined));
}
