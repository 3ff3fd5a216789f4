/**
 * A string that is equal for structurally equal JSON values, whatever the
 * order of object keys: used to compare items and to find duplicates.
 */
export function stableKey(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'u';
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value instanceof Date) return `D${value.toISOString()}`;
  const keys = Object.keys(value).sort();
  let out = '{';
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += `${JSON.stringify(key)}:${stableKey(v)},`;
  }
  return `${out}}`;
}

/** Whether two JSON values are structurally equal. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return stableKey(a) === stableKey(b);
}
