import { deletePath, getPath } from '../../data/shared/field-path.js';
import { copyJson } from '../../data/shared/copy-json.js';
import { deepEqual, stableKey } from '../../data/shared/stable-key.js';

/**
 * A scalar as fuzzy comparison sees it: text holding a number is that
 * number, "true"/"false" are booleans, and missing, null and "" are alike.
 */
function loosen(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t !== '' && Number.isFinite(Number(t))) return Number(t);
    return value;
  }
  return value;
}

/**
 * Whether two JSON values are equal: by content (key order does not
 * matter), or, with `fuzzy`, also when they differ only in type as `3` and
 * `"3"`, `true` and `"true"`, or a missing value, null and `""` do.
 */
export function valuesEqual(a: unknown, b: unknown, fuzzy: boolean): boolean {
  if (deepEqual(a, b)) return true;
  if (!fuzzy) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i], true));
  }
  const objA = typeof a === 'object' && a !== null;
  const objB = typeof b === 'object' && b !== null;
  if (objA || objB) {
    if (!objA || !objB) return false;
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const key of keys) if (!valuesEqual(ra[key], rb[key], true)) return false;
    return true;
  }
  return loosen(a) === loosen(b);
}

/** The key two items match on: their values of the fields, or undefined when one is missing or null. */
export function matchKey(json: Record<string, unknown>, fields: readonly string[], fuzzy: boolean): string | undefined {
  let key = '';
  for (const field of fields) {
    const v = getPath(json, field);
    if (v === undefined || v === null) return undefined;
    key += `${fuzzy ? stableKey(typeof v === 'object' ? v : loosen(v)) : stableKey(v)}\u0000`;
  }
  return key;
}

/** An item's fields with the skipped ones (dot paths) taken out; the item is not changed. */
export function withoutSkipped(json: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  if (skip.length === 0) return json;
  const copy = copyJson(json);
  for (const path of skip) deletePath(copy, path);
  return copy;
}
