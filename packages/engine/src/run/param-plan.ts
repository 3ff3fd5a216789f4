import type { z } from 'zod';
import { needsResolving } from '../expression/detect.js';
import type { PropertiesSchema } from '../nodes/ui-hints.js';

/** One `{{ }}` template inside a node's parameters, with the schema of the value it must produce. */
interface TemplateLeaf {
  readonly path: readonly (string | number)[];
  readonly template: string;
  readonly schema: z.ZodType;
  /** The schema accepts any value unchanged (`unknown`, `any`): no need to run it per item. */
  readonly acceptsAnything: boolean;
}

/**
 * How to get a node's parameters for items after the first one cheaply: the
 * first item's parameters are resolved and validated whole; for each later
 * item only the template leaves are resolved and checked against their own
 * schema, and written into a copy of the first item's parameters (copying just
 * the objects on each leaf's path). For 100,000 items this avoids 100,000
 * whole-schema validations and full copies of the parameter tree.
 *
 * Only plain shapes qualify: every container on a leaf's path must be an
 * object, array, optional, nullable or default schema without checks of its
 * own (a refinement could depend on the leaf), and the top level must not
 * refine. (Unknown keys need no care: leaves are known keys, and the first
 * item's validation has checked the rest.) Anything else returns undefined and the
 * engine validates every item whole, as before.
 */
export interface ParamPlan {
  readonly leaves: readonly TemplateLeaf[];
}

type Def = {
  type: string;
  checks?: unknown[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default']);
const ANYTHING = new Set(['unknown', 'any']);

/** The schema of the value at `key` inside a container schema, or undefined when it cannot be followed safely. */
function child(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  let s = schema;
  for (let d = defOf(s); WRAPPERS.has(d.type); d = defOf(s)) {
    if (d.checks?.length) return undefined;
    s = d.innerType!;
  }
  const def = defOf(s);
  if (def.checks?.length) return undefined;
  if (def.type === 'object' && typeof key === 'string') {
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    return Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (def.type === 'array' && typeof key === 'number') return def.element;
  return undefined;
}

function collect(value: unknown, schema: z.ZodType, path: (string | number)[], out: TemplateLeaf[], depth: number): boolean {
  if (typeof value === 'string') {
    if (needsResolving(value)) out.push({ path: [...path], template: value, schema, acceptsAnything: ANYTHING.has(defOf(schema).type) });
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (depth > 32) return false;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, v] of entries) {
    if (!containsTemplateShallow(v)) continue;
    const next = child(schema, key);
    if (!next) return false;
    path.push(key);
    const ok = collect(v, next, path, out, depth + 1);
    path.pop();
    if (!ok) return false;
  }
  return true;
}

function containsTemplateShallow(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return needsResolving(value);
  if (typeof value !== 'object' || value === null || depth > 32) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (containsTemplateShallow(v, depth + 1)) return true;
  return false;
}

/** Works out the plan for a node's parameters, or undefined when they must be validated whole per item. */
export function planParams(properties: PropertiesSchema | undefined, parameters: Record<string, unknown>): ParamPlan | undefined {
  if (!properties) return undefined;
  const top = defOf(properties);
  if (top.type !== 'object' || top.checks?.length) return undefined;
  const leaves: TemplateLeaf[] = [];
  if (!collect(parameters, properties, [], leaves, 0) || leaves.length === 0) return undefined;
  return { leaves };
}

/**
 * The parameters for one item: `base` (the first item's validated
 * parameters) with each leaf's value replaced. Returns undefined when a
 * leaf's container is missing from `base`, so the caller validates whole.
 */
export function applyLeaves(
  base: Record<string, unknown>,
  plan: ParamPlan,
  values: readonly unknown[],
): Record<string, unknown> | undefined {
  const root = copyObject(base);
  const copied: unknown[] = [];
  for (let l = 0; l < plan.leaves.length; l++) {
    const { path } = plan.leaves[l]!;
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (typeof next !== 'object' || next === null) return undefined;
      let copy = next as Record<string | number, unknown>;
      if (!copied.includes(next)) {
        copy = Array.isArray(next)
          ? (next.slice() as unknown as Record<string | number, unknown>)
          : copyObject(next as Record<string, unknown>);
        copied.push(copy);
        node[key] = copy;
      }
      node = copy;
    }
    node[path[path.length - 1]!] = values[l];
  }
  return root;
}

/** A shallow copy; a for-in loop is much faster than spread or Object.assign on V8 for this. */
function copyObject(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in source) if (Object.hasOwn(source, key)) out[key] = source[key];
  return out;
}

const plans = new WeakMap<object, ParamPlan | null>();

/** `planParams`, worked out once per compiled node (`key`). */
export function planFor(key: object, properties: PropertiesSchema | undefined, parameters: Record<string, unknown>): ParamPlan | undefined {
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = planParams(properties, parameters) ?? null;
    plans.set(key, plan);
  }
  return plan ?? undefined;
}
