import { ExpressionError } from '../expression.error.js';

/** Throws a clear argument error for a library function. */
export function argError(fnName: string, message: string): never {
  throw new ExpressionError('EXPRESSION_ERROR', `${fnName}: ${message}`);
}

/** A string argument (numbers and booleans are converted); undefined stays undefined. */
export function str(fnName: string, value: unknown, what = 'the text'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return argError(fnName, `${what} must be a string, got ${describe(value)}.`);
}

/** A finite number argument. */
export function num(fnName: string, value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return argError(fnName, `${what} must be a number, got ${describe(value)}.`);
}

/** An array argument; a single value counts as a one-element array, undefined as empty. */
export function arr(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A plain-object argument. */
export function obj(fnName: string, value: unknown, what = 'the object'): Record<string, unknown> {
  if (isRecord(value)) return value;
  return argError(fnName, `${what} must be an object, got ${describe(value)}.`);
}

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short description of a value's type for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Sets a key on a new object without ever touching a prototype (`__proto__` becomes an own field). */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Own enumerable value of a field, never an inherited one. */
export function own(target: unknown, key: string): unknown {
  return isRecord(target) && Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
}

/** Reads a dotted path (`a.b.0.c`) or an array of keys from a value, own fields only. */
export function getPath(value: unknown, path: unknown): unknown {
  const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? (path === '' ? [] : path.split('.')) : [String(path)];
  let current = value;
  for (const part of parts) {
    if (Array.isArray(current)) {
      const index = Number(part);
      current = Number.isInteger(index) ? current[index < 0 ? current.length + index : index] : undefined;
    } else current = own(current, part);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Throws when a built string would pass the cap. */
export function capString(fnName: string, length: number, max: number): void {
  if (length > max) {
    throw new ExpressionError('EXPRESSION_BUDGET', `${fnName} would build a string of ${length} characters, over the limit of ${max}.`);
  }
}

/** Throws when a built array would pass the cap. */
export function capArray(fnName: string, length: number, max: number): void {
  if (length > max) {
    throw new ExpressionError('EXPRESSION_BUDGET', `${fnName} would build ${length} elements, over the limit of ${max}.`);
  }
}
