import { nodeReference, ROOT_BINDINGS } from './bindings.js';
import { decodeStringLiteral } from './rewrite.js';
import type { ExpressionScope } from './resolver.js';

/** One step of a pure data reference: a field name or an array index. */
export type FastStep = { readonly field: string } | { readonly index: number };

/** A pure data reference such as `$json.a.b`, `$json["x"]` or `$node("Fetch").json.total`. */
export interface FastReference {
  /** A root binding name (`json`, `vars`...) or `node` with `nodeName`. */
  readonly root: string;
  readonly nodeName?: string;
  readonly steps: readonly FastStep[];
}

/** Returned when the data has a shape only JSONata handles (an array mid-path). */
export const NOT_FAST: unique symbol = Symbol('not fast');

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * Recognises a pure data reference, which is evaluated by direct property
 * access instead of JSONata. Returns undefined for anything else.
 */
export function parseFastReference(source: string): FastReference | undefined {
  const s = source.trim();
  if (s[0] !== '$') return undefined;
  let i = 1;
  const rootName = NAME.exec(s.slice(1))?.[0];
  if (!rootName) return undefined;
  i += rootName.length;
  let nodeName: string | undefined;
  if (rootName === 'node') {
    const m = /^\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)/.exec(s.slice(i));
    if (!m) return undefined;
    nodeName = decodeStringLiteral(m[1]!.slice(1, -1));
    if (nodeName === undefined) return undefined;
    i += m[0].length;
  } else if (!Object.prototype.hasOwnProperty.call(ROOT_BINDINGS, rootName)) return undefined;
  const steps: FastStep[] = [];
  while (i < s.length) {
    const ch = s[i];
    if (ch === '.') {
      const rest = s.slice(i + 1);
      if (rest[0] === '`') {
        const end = rest.indexOf('`', 1);
        if (end === -1) return undefined;
        steps.push({ field: rest.slice(1, end) });
        i += end + 2;
        continue;
      }
      const name = NAME.exec(rest)?.[0];
      // `.length` is refused by the language with a hint (see plainLengthStep), never read as a field here.
      if (!name || KEYWORDS.has(name) || name === 'length') return undefined;
      steps.push({ field: name });
      i += 1 + name.length;
      continue;
    }
    if (ch === '[') {
      const m = /^\[\s*(?:(-?\d{1,9})|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]/.exec(s.slice(i));
      if (!m) return undefined;
      if (m[1] !== undefined) steps.push({ index: Number(m[1]) });
      else {
        const field = decodeStringLiteral((m[2] ?? m[3])!);
        if (field === undefined || field.includes('`')) return undefined;
        steps.push({ field });
      }
      i += m[0].length;
      continue;
    }
    return undefined;
  }
  return nodeName === undefined ? { root: rootName, steps } : { root: rootName, nodeName, steps };
}

/** A compiled reader for one pure data reference. */
export type FastReader = (scope: ExpressionScope) => unknown;

/**
 * Compiles a reference into a reader that gives exactly what JSONata gives
 * for it, or NOT_FAST when the data needs JSONata's sequence rules (an array
 * in the middle of the path).
 */
export function compileFastReference(ref: FastReference): FastReader {
  const steps = ref.steps;
  const nodeName = ref.nodeName;
  const root = ROOT_BINDINGS[ref.root]!;
  const start: FastReader = nodeName === undefined ? root : (scope) => nodeReference(scope, nodeName);
  if (ref.root === 'json' && steps.length === 1 && 'field' in steps[0]!) {
    // The most common expression of all: one field of the current item.
    const field = steps[0].field;
    return (scope) => {
      const json = scope.item?.json;
      return json !== undefined && hasOwn.call(json, field) ? json[field] : undefined;
    };
  }
  if (steps.every((step) => 'field' in step)) {
    // Fields only: a tight loop over the names.
    const fields = steps.map((step) => (step as { field: string }).field);
    const n = fields.length;
    return (scope) => {
      let value: unknown = start(scope);
      for (let i = 0; i < n; i++) {
        if (value === undefined) return undefined;
        if (typeof value !== 'object' || value === null) {
          value = undefined;
          continue;
        }
        if (Array.isArray(value)) return NOT_FAST;
        const field = fields[i]!;
        value = hasOwn.call(value, field) ? (value as Record<string, unknown>)[field] : undefined;
      }
      return value;
    };
  }
  return (scope) => walkSteps(start(scope), steps);
}

const hasOwn = Object.prototype.hasOwnProperty;

function walkSteps(initial: unknown, steps: readonly FastStep[]): unknown {
  let value = initial;
  for (let s = 0; s < steps.length; s++) {
    if (value === undefined) return undefined;
    const step = steps[s]!;
    if ('field' in step) {
      if (Array.isArray(value)) return NOT_FAST;
      value =
        typeof value === 'object' && value !== null && hasOwn.call(value, step.field)
          ? (value as Record<string, unknown>)[step.field]
          : undefined;
      continue;
    }
    if (Array.isArray(value)) {
      for (const element of value) if (Array.isArray(element)) return NOT_FAST;
      value = value[step.index < 0 ? value.length + step.index : step.index];
    } else {
      value = step.index === 0 || step.index === -1 ? value : undefined;
    }
  }
  return value;
}

/** Reads a pure data reference once (compiles it each time; for tests and one-off use). */
export function readFastReference(ref: FastReference, scope: ExpressionScope): unknown {
  return compileFastReference(ref)(scope);
}
