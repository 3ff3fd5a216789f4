import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { sortNode } from './sort.js';

const products = [
  { name: 'item 10', price: 5, category: 'b' },
  { name: 'item 2', price: 20, category: 'a' },
  { name: 'Item 1', price: 5, category: 'a' },
  { name: 'no price', category: 'c' },
];

/** A seeded generator (mulberry32), so random order is the same every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Sort', () => {
  it('sorts by a number ascending, missing values last, ties in input order', async () => {
    const { json } = await tryNode('core.sort', { fields: [{ field: 'price' }] }, products);
    expect(json.map((j) => j.name)).toEqual(['item 10', 'Item 1', 'item 2', 'no price']);
  });

  it('sorts numbers descending, keeping ties in input order', async () => {
    const { json } = await tryNode('core.sort', { fields: [{ field: 'n', order: 'desc' }] }, [
      { n: 1, k: 'a' },
      { n: 3 },
      { n: 1, k: 'b' },
      { n: -2 },
    ]);
    expect(json).toEqual([{ n: 3 }, { n: 1, k: 'a' }, { n: 1, k: 'b' }, { n: -2 }]);
  });

  it('sorts by several keys in both directions', async () => {
    const { json } = await tryNode(
      'core.sort',
      {
        fields: [
          { field: 'price', order: 'desc' },
          { field: 'category', order: 'asc' },
        ],
      },
      products,
    );
    expect(json.map((j) => j.name)).toEqual(['item 2', 'Item 1', 'item 10', 'no price']);
  });

  it('orders text naturally, by locale, or by code point', async () => {
    const natural = await tryNode('core.sort', { fields: [{ field: 'name' }] }, products);
    expect(natural.json.map((j) => j.name)).toEqual(['Item 1', 'item 2', 'item 10', 'no price']);
    const codePoint = await tryNode('core.sort', { fields: [{ field: 'name' }], textOrder: 'codePoint' }, products);
    expect(codePoint.json.map((j) => j.name)).toEqual(['Item 1', 'item 10', 'item 2', 'no price']);
    const locale = await tryNode('core.sort', { fields: [{ field: 'w' }], textOrder: 'locale', locale: 'sv' }, [
      { w: 'ö' },
      { w: 'z' },
      { w: 'a' },
    ]);
    expect(locale.json.map((j) => j.w)).toEqual(['a', 'z', 'ö']);
  });

  it("shuffles with the engine's random source, the same way for the same seed", async () => {
    const input = Array.from({ length: 20 }, (_, n) => ({ n }));
    const a = await tryNode('core.sort', { mode: 'random' }, input, { random: seeded(7) });
    const b = await tryNode('core.sort', { mode: 'random' }, input, { random: seeded(7) });
    expect(a.json).toEqual(b.json);
    expect(a.json).not.toEqual(input);
    expect([...a.json].sort((x, y) => (x.n as number) - (y.n as number))).toEqual(input);
  });

  it('names the field when no item has it', async () => {
    const { error } = await tryNode('core.sort', { fields: [{ field: 'cost' }] }, products);
    expect(error?.message).toMatch(/parameter 'fields\[0\]\.field' names 'cost', which no input item has/);
  });

  it('names the parameter when there is nothing to sort by', async () => {
    const { error } = await tryNode('core.sort', {}, products);
    expect(error?.message).toMatch(/parameter 'fields' needs at least one field/);
  });

  it('refuses an unknown order before running', async () => {
    await expect(tryNode('core.sort', { fields: [{ field: 'x', order: 'up' }] }, products)).rejects.toThrow(/parameter 'fields\.0\.order'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(sortNode, { fields: [{ field: 'x' }] }, { main: [] })).toEqual({ main: [] });
  });
});
