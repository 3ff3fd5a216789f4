import { EvaluationFault } from './evaluation-fault.error.js';

/**
 * A sequence: JSONata's "zero or more values", an array marked as such. The
 * flags are the ones JSONata's own functions look at, so a sequence built
 * here means the same to them.
 */
export type Sequence = unknown[] & {
  sequence?: boolean;
  keepSingleton?: boolean;
  tupleStream?: boolean;
  outerWrapper?: boolean;
  cons?: boolean;
};

/** A tuple of a tuple stream: `@` is the context value, the other keys are bound variables. */
export type Tuple = Record<string, unknown>;

/** A sequence holding `values`. */
export function sequence(...values: unknown[]): Sequence {
  const s = values as Sequence;
  s.sequence = true;
  return s;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

/** Marks an array built by an array constructor, so paths do not flatten it. */
export function markCons(array: unknown[]): unknown[] {
  Object.defineProperty(array, 'cons', { enumerable: false, configurable: false, value: true });
  return array;
}

/**
 * What every evaluated node gives its parent: an empty sequence is nothing,
 * a one-value sequence is its value unless it must stay an array (`[]`).
 */
export function collapse(result: unknown): unknown {
  if (Array.isArray(result)) {
    const s = result as Sequence;
    if (s.sequence === true && !s.tupleStream) {
      if (s.length === 0) return undefined;
      if (s.length === 1 && !s.keepSingleton) return s[0];
    }
  }
  return result;
}

/** `collapse` for a node marked `[]` (keep the array). */
export function collapseKeep(result: unknown): unknown {
  if (Array.isArray(result)) {
    const s = result as Sequence;
    if (s.sequence === true && !s.tupleStream) {
      s.keepSingleton = true;
      if (s.length === 0) return undefined;
    }
  }
  return result;
}

/** A JSONata function value: a lambda, a built-in, or a plain JS function (a regex matcher). */
export function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return v._jsonata_function === true || v._jsonata_lambda === true;
}

/** A finite number; infinities are an error (as in JSONata), NaN is not a number. */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number') return false;
  if (Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw new EvaluationFault('D1001', { value });
  return true;
}

export function isArrayOfNumbers(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (!isNumeric(v)) return false;
  return true;
}

export function isArrayOfStrings(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}

/** JSONata's effective boolean value (undefined stays undefined). */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return toBoolean(value[0]);
    if (value.length > 1) {
      for (const v of value) if (toBoolean(v)) return true;
    }
    return false;
  }
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'number':
      return isNumeric(value) && value !== 0;
    case 'boolean':
      return value;
    case 'object':
      return value !== null && !isFunction(value) && Object.keys(value).length > 0;
    default:
      return false;
  }
}

/** `toBoolean` with undefined as false (for `and`, `or`, conditions). */
export function truthy(value: unknown): boolean {
  return toBoolean(value) === true;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value of a field: own fields only, mapped over arrays (flattening one level), as JSONata's path step. */
export function lookupField(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const out = sequence();
    for (let i = 0; i < input.length; i++) {
      const res = lookupField(input[i], key);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (let j = 0; j < res.length; j++) out.push(res[j]);
      else out.push(res);
    }
    return out;
  }
  if (input !== null && typeof input === 'object' && hasOwn.call(input, key) && !isFunction(input)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

/** JSONata's `$append`, with the sequence budget. */
export function appendValues(a: unknown, b: unknown, maxSequence: number): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const left = Array.isArray(a) ? a : sequence(a);
  const right = Array.isArray(b) ? b : [b];
  if (left.length + right.length > maxSequence) throw new EvaluationFault('D2015', { value: left.length + right.length });
  return left.concat(right);
}

/** Deep equality as JSONata's `=`. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ak = Object.getOwnPropertyNames(a).sort();
  const bk = Object.getOwnPropertyNames(b).sort();
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) if (ak[i] !== bk[i]) return false;
  for (const k of ak) if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Every value in nested arrays, in order. */
export function flatten(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) flatten(v, out);
  else out.push(value);
  return out;
}

/** How many arguments a function value takes, as JSONata counts them for `$map` and friends. */
export function arityOf(fn: unknown): number {
  const f = fn as { arity?: unknown; implementation?: unknown; length?: unknown; arguments?: unknown[] };
  if (typeof f.arity === 'number') return f.arity;
  if (typeof f.implementation === 'function') return f.implementation.length;
  if (typeof f.length === 'number') return f.length;
  return Array.isArray(f.arguments) ? f.arguments.length : 0;
}
