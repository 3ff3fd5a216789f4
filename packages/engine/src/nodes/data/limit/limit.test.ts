import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { limitNode } from './limit.js';

const input = [1, 2, 3, 4, 5, 6].map((n) => ({ n }));

describe('Limit', () => {
  it('keeps the first N items', async () => {
    expect((await tryNode('core.limit', { maxItems: 2 }, input)).json).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps the last N items', async () => {
    expect((await tryNode('core.limit', { maxItems: 2, keep: 'last' }, input)).json).toEqual([{ n: 5 }, { n: 6 }]);
  });

  it('skips items first', async () => {
    expect((await tryNode('core.limit', { maxItems: 2, skip: 3 }, input)).json).toEqual([{ n: 4 }, { n: 5 }]);
    expect((await tryNode('core.limit', { maxItems: 10, skip: 5 }, input)).json).toEqual([{ n: 6 }]);
  });

  it('refuses a negative or fractional count, naming the parameter', async () => {
    await expect(tryNode('core.limit', { maxItems: -1 }, input)).rejects.toThrow(/parameter 'maxItems'/);
    await expect(tryNode('core.limit', { maxItems: 1, skip: 'two' }, input)).rejects.toThrow(/parameter 'skip'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(limitNode, { maxItems: 3 }, { main: [] })).toEqual({ main: [] });
  });
});
