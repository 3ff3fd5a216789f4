import type { z } from 'zod';
import { MAX_NESTING_DEPTH } from './nesting-depth.js';
import { hasTemplate } from './template-marker.js';

/**
 * Whether a parameter string must go through the template resolver: it holds
 * a template, or an escaped `\{{`, which resolves to a literal `{{`.
 */
export function needsResolving(value: string): boolean {
  return value.includes('{{');
}

/** Where a value sits inside a node's parameters: object keys and array indexes. */
export type ParameterPath = readonly (string | number)[];

/** A parameter string that is resolved for each item. */
export interface TemplateLeaf {
  readonly path: ParameterPath;
  /** The path as messages name it: `options.title`, `fields.0.value`. */
  readonly name: string;
  readonly template: string;
  /** It holds an expression, not only escaped `\{{`. */
  readonly expression: boolean;
  /** The schema of the value it must produce; undefined when the way there cannot be followed (a union, a transform...). */
  readonly schema: z.ZodType | undefined;
  /** The schema accepts any value unchanged (`unknown` or `any`, at most optional or nullable): no need to run it per item. */
  readonly acceptsAnything: boolean;
}

/**
 * How a node's parameters are read, worked out once per workflow node from
 * its parameters and its type's schema. Every string is one of:
 *
 * - a **literal** (no `{{`): used as written;
 * - a **template** (it holds `{{`, an expression or an escaped `\{{`):
 *   resolved for each item;
 * - **as written**: the node type marks it, or an object or array around it,
 *   `noExpression` in the schema's UI hints, so `{{` in it is text (the Code
 *   node's code, the HTTP Request node's pagination expressions, which it
 *   evaluates itself on each answer).
 *
 * The workflow checks, the compiled workflow and the per-item resolution all
 * read parameters through this plan, so they cannot disagree.
 */
export interface ParameterPlan {
  /** The templates, in document order. None: the parameters are the same for every item. */
  readonly templates: readonly TemplateLeaf[];
  /** The strings holding `{{` that are taken as written because of `noExpression`. */
  readonly asWritten: readonly ParameterPath[];
  /**
   * Items after the first may resolve only the templates and write them into
   * a copy of the first item's validated parameters: the schema has no check
   * of its own at the top, and every container on a template's way is a
   * plain object or array (optional, nullable or defaulted at most) without
   * checks, so no refinement can depend on a template. Otherwise each item's
   * parameters are validated whole.
   */
  readonly perLeaf: boolean;
}

type Def = {
  type: string;
  checks?: unknown[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  in?: z.ZodType;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const noExpressionOf = (schema: z.ZodType): boolean =>
  (schema as { meta?: () => { noExpression?: boolean } | undefined }).meta?.()?.noExpression === true;

/** Wrappers a template's containers may have while items still resolve per leaf. */
const PLAIN_WRAPPERS = new Set(['optional', 'nullable', 'default']);
/** Other wrappers: followed to read UI hints, but then each item is validated whole. */
const OTHER_WRAPPERS = new Set(['prefault', 'nonoptional', 'readonly', 'catch']);
const ANYTHING = new Set(['unknown', 'any']);

/** What the walk knows about the schema at one place in the parameters. */
interface Place {
  /** The schema as declared there (wrappers included), when known. */
  readonly schema: z.ZodType | undefined;
  /** Every container up to here can be written into per leaf. */
  readonly plain: boolean;
  /** `noExpression` here or around. */
  readonly asWritten: boolean;
}

/** The schema under its wrappers, and what the wrappers and it say. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; asWritten: boolean; plain: boolean; anything: boolean } {
  let s = schema;
  let asWritten = false;
  let plain = true;
  let passesAnything = true;
  for (let i = 0; i < 16; i++) {
    if (noExpressionOf(s)) asWritten = true;
    const def = defOf(s);
    if (def.checks?.length) {
      plain = false;
      passesAnything = false;
    }
    const next = def.type === 'pipe' ? def.in : PLAIN_WRAPPERS.has(def.type) || OTHER_WRAPPERS.has(def.type) ? def.innerType : undefined;
    if (!next) break;
    if (!PLAIN_WRAPPERS.has(def.type)) plain = false;
    if (def.type !== 'optional' && def.type !== 'nullable') passesAnything = false;
    s = next;
  }
  return { inner: s, asWritten, plain, anything: passesAnything && ANYTHING.has(defOf(s).type) };
}

/** The place of `key` inside a container at `place`. */
function childPlace(place: Place, key: string | number): Place {
  if (!place.schema) return { schema: undefined, plain: false, asWritten: place.asWritten };
  const { inner, plain } = unwrap(place.schema);
  const def = defOf(inner);
  let schema: z.ZodType | undefined;
  let plainChild = place.plain && plain;
  if (def.type === 'object' && typeof key === 'string') {
    const shape = (inner as unknown as { shape: Record<string, z.ZodType> }).shape;
    schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
  } else if (def.type === 'array' && typeof key === 'number') {
    schema = def.element;
  } else if (def.type === 'record' && typeof key === 'string') {
    schema = def.valueType;
    plainChild = false;
  } else if (def.type === 'tuple' && typeof key === 'number') {
    schema = def.items?.[key];
    plainChild = false;
  }
  return { schema, plain: plainChild && schema !== undefined, asWritten: place.asWritten };
}

/**
 * Reads a node's parameters against its type's schema: the one walk over
 * parameters that tells templates from literals.
 *
 * @example
 * planParameters(z.object({ url: z.string(), code: z.string().meta({ noExpression: true }) }), {
 *   url: 'https://api.example.com/{{ $json.id }}',
 *   code: 'return "{{ x }}";',
 * });
 * // { templates: [{ path: ['url'], ... }], asWritten: [['code']], perLeaf: true }
 */
export function planParameters(properties: z.ZodType | undefined, parameters: Record<string, unknown>): ParameterPlan {
  const templates: TemplateLeaf[] = [];
  const asWritten: ParameterPath[] = [];
  // Without a schema nothing is validated, so any template can be written per leaf.
  let perLeaf = true;

  const visit = (value: unknown, place: Place, path: (string | number)[], depth: number): void => {
    const info = place.schema ? unwrap(place.schema) : undefined;
    const marked = place.asWritten || info?.asWritten === true;
    if (typeof value === 'string') {
      if (!needsResolving(value)) return;
      if (marked) asWritten.push([...path]);
      else {
        templates.push(leaf(path, value, place.schema, info?.anything === true));
        if (properties && !place.plain) perLeaf = false;
      }
      return;
    }
    if (typeof value !== 'object' || value === null || depth >= MAX_NESTING_DEPTH) return;
    const here = marked === place.asWritten ? place : { ...place, asWritten: marked };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], childPlace(here, i), path, depth + 1);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      visit((value as Record<string, unknown>)[key], childPlace(here, key), path, depth + 1);
      path.pop();
    }
  };

  visit(parameters, { schema: properties, plain: true, asWritten: false }, [], 0);
  return { templates, asWritten, perLeaf };
}

function leaf(path: readonly (string | number)[], template: string, schema: z.ZodType | undefined, anything: boolean): TemplateLeaf {
  return { path: [...path], name: path.join('.'), template, expression: hasTemplate(template), schema, acceptsAnything: anything };
}

/**
 * The parameters with each template replaced by its value (`values[i]` for
 * `plan.templates[i]`), as a fresh copy: nothing in it is shared with
 * `parameters`, so a node cannot change the workflow document through it.
 */
export function withTemplateValues(
  parameters: Record<string, unknown>,
  plan: ParameterPlan,
  values: readonly unknown[],
): Record<string, unknown> {
  const out = copyDeep(parameters, 0) as Record<string, unknown>;
  for (let l = 0; l < plan.templates.length; l++) {
    const { path } = plan.templates[l]!;
    let node = out as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) node = node[path[i]!] as Record<string | number, unknown>;
    setOwn(node, path[path.length - 1]!, values[l]);
  }
  return out;
}

/**
 * The parameters for one item from `base`, the first item's validated
 * parameters, with each template's value replaced (see `perLeaf`): only the
 * objects on each template's path are copied. Undefined when a template's
 * container is missing from `base` (a default or transform changed its
 * shape), so the caller validates the item whole.
 */
export function applyLeaves(
  base: Record<string, unknown>,
  plan: ParameterPlan,
  values: readonly unknown[],
): Record<string, unknown> | undefined {
  const { templates } = plan;
  const root = copyObject(base);
  // The containers copied so far; with one template none can be met twice.
  const copied: unknown[] | undefined = templates.length > 1 ? [] : undefined;
  for (let l = 0; l < templates.length; l++) {
    const { path } = templates[l]!;
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (typeof next !== 'object' || next === null) return undefined;
      let copy = next as Record<string | number, unknown>;
      if (!copied?.includes(next)) {
        copy = Array.isArray(next)
          ? (next.slice() as unknown as Record<string | number, unknown>)
          : copyObject(next as Record<string, unknown>);
        copied?.push(copy);
        node[key] = copy;
      }
      node = copy;
    }
    setOwn(node, path[path.length - 1]!, values[l]);
  }
  return root;
}

/**
 * A shallow copy of parameters, whose keys are then only overwritten. Spread
 * defines each own key (an own `__proto__` too) and, on V8, clones an
 * object of a known shape in one step: about ten times faster here than a
 * for-in loop. (Copies that gain keys afterwards, such as an item's `json`,
 * are faster with the loop: see `nodes/data/shared/copy-json.ts`.)
 */
function copyObject(source: Record<string, unknown>): Record<string, unknown> {
  return { ...source };
}

function copyDeep(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth >= MAX_NESTING_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => copyDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key)) setOwn(out, key, copyDeep((value as Record<string, unknown>)[key], depth + 1));
  return out;
}

/** Sets an own property, `__proto__` included (JSON documents may hold one as a plain key). */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
