import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../testing/node-test-harness.js';
import { filterNode } from './filter.js';

const products = [
  { name: 'Lamp', price: 80, tags: ['home'] },
  { name: 'Pen', price: 2, tags: [] },
  { name: 'Desk', price: 300, tags: ['home', 'office'] },
];

describe('Filter', () => {
  it('keeps only the items that pass every condition', async () => {
    const { json } = await tryNode(
      'core.filter',
      {
        conditions: [
          { field: 'price', operator: 'number:gt', rightValue: 50 },
          { field: 'tags', operator: 'array:contains', rightValue: 'office' },
        ],
      },
      products,
    );
    expect(json.map((j) => j.name)).toEqual(['Desk']);
  });

  it('reports the discarded items on a second output when asked', async () => {
    const { output, execution } = await tryNode(
      'core.filter',
      { discardedOutput: true, conditions: [{ field: 'price', operator: 'number:gt', rightValue: 50 }] },
      products,
    );
    expect(output.main).toHaveLength(2);
    expect(output.discarded?.map((i) => i.json.name)).toEqual(['Pen']);
    expect(execution.status).toBe('success');
  });

  it('converts text to numbers with loose type validation', async () => {
    const { json } = await tryNode(
      'core.filter',
      { looseTypeValidation: true, conditions: [{ field: 'price', operator: 'number:gte', rightValue: '10' }] },
      [{ price: '12' }, { price: '9' }],
    );
    expect(json).toEqual([{ price: '12' }]);
  });

  it('fails with a parameter error for a field of the wrong type', async () => {
    const { error } = await tryNode('core.filter', { conditions: [{ field: 'price', operator: 'number:gt', rightValue: 1 }] }, [
      { price: [1] },
    ]);
    expect(error?.message).toMatch(/parameter 'conditions\[0\]\.field' holds an array, which is not a number.*\(item 0\)/);
  });

  it('returns no items for empty input', async () => {
    expect(await callNode(filterNode, { conditions: [] }, { main: [] })).toEqual({ main: [] });
  });
});
