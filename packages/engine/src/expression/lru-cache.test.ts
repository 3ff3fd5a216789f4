import { expect, test } from 'vitest';
import { LruCache } from './lru-cache.js';

test('keeps at most its capacity, dropping the least recently used first', () => {
  const cache = new LruCache<string, number>(4);
  for (const k of ['a', 'b', 'c', 'd']) cache.set(k, k.charCodeAt(0));
  for (let i = 0; i < 3; i++) cache.set(`x${i}`, i);
  expect(cache.size).toBe(4);
  expect(cache.get('a')).toBeUndefined();
  expect(cache.get('x2')).toBe(2);
});

test('an entry used again after aging is kept over newer unused ones', () => {
  const cache = new LruCache<string, number>(4);
  cache.set('hot', 1);
  for (let i = 0; i < 3; i++) cache.set(`k${i}`, i);
  expect(cache.get('hot')).toBe(1);
  cache.set('new', 9);
  expect(cache.get('hot')).toBe(1);
  expect(cache.get('k0')).toBeUndefined();
});
