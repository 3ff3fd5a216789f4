import { copyJson } from './copy-json.js';

/**
 * Reading and writing item fields by dot path (`customer.address.city`,
 * `lines[0].sku`). Writes copy every object on the way down, so the input
 * item the path started from is never changed.
 */

const cache = new Map<string, readonly string[]>();

/**
 * Splits a dot path into keys: `a.b[0].c` -> `['a', 'b', '0', 'c']`. With
 * `dotNotation` false the whole string is one key (for names that contain dots).
 */
export function splitPath(path: string, dotNotation = true): readonly string[] {
  if (!dotNotation) return [path];
  let keys = cache.get(path);
  if (!keys) {
    keys =
      path.includes('.') || path.includes('[')
        ? path
            .replace(/\[(\w+)\]/g, '.$1')
            .split('.')
            .filter((k) => k !== '')
        : [path];
    if (cache.size > 10_000) cache.clear();
    cache.set(path, keys);
  }
  return keys;
}

const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

/** The value at a dot path, or undefined when any step is missing. */
export function getPath(root: unknown, path: string, dotNotation = true): unknown {
  if (!dotNotation || (!path.includes('.') && !path.includes('['))) {
    return typeof root === 'object' && root !== null && Object.hasOwn(root, path) ? (root as Record<string, unknown>)[path] : undefined;
  }
  const keys = splitPath(path, dotNotation);
  let value = root;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Whether a dot path exists (its last key is present, even when it holds undefined or null). */
export function hasPath(root: unknown, path: string, dotNotation = true): boolean {
  const keys = splitPath(path, dotNotation);
  let value = root;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return true;
}

function shallowCopy(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return value.slice() as unknown as Record<string, unknown>;
  if (typeof value === 'object' && value !== null) return copyJson(value as Record<string, unknown>);
  return {};
}

/**
 * Sets a value at a dot path in `target`, which the caller owns (a fresh
 * object). Nested objects on the path are copied before they are written to,
 * so objects shared with input items stay untouched; missing ones are created.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown, dotNotation = true): void {
  if (!dotNotation || (!path.includes('.') && !path.includes('['))) {
    if (!UNSAFE.has(path)) target[path] = value;
    return;
  }
  const keys = splitPath(path, dotNotation);
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    if (UNSAFE.has(key)) return;
    const child = shallowCopy(node[key]);
    node[key] = child;
    node = child;
  }
  const last = keys[keys.length - 1]!;
  if (UNSAFE.has(last)) return;
  node[last] = value;
}

/** Removes the value at a dot path from `target` (owned by the caller), copying nested objects on the way. */
export function deletePath(target: Record<string, unknown>, path: string, dotNotation = true): void {
  const keys = splitPath(path, dotNotation);
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    const child = shallowCopy(next);
    node[key] = child;
    node = child;
  }
  const last = keys[keys.length - 1]!;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
}

/**
 * A list of field names from a parameter: an array, or a comma-separated
 * string (`"id, email"`). Blank entries are dropped.
 */
export function fieldList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  return list.map((f) => f.trim()).filter((f) => f !== '');
}
