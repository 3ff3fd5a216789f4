import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { splitOutNode } from './split-out.js';

const order = {
  id: 7,
  customer: 'Ada',
  lines: [
    { sku: 'a', qty: 1 },
    { sku: 'b', qty: 2 },
  ],
  tags: ['x', 'y'],
};

describe('Split Out', () => {
  it('makes one item per element; object elements become the item', async () => {
    const { json } = await tryNode('core.splitOut', { fieldToSplitOut: 'lines' }, [order]);
    expect(json).toEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ]);
  });

  it('keeps all other fields, or selected ones', async () => {
    const all = await tryNode('core.splitOut', { fieldToSplitOut: 'tags', include: 'all' }, [order]);
    expect(all.json[0]).toEqual({ id: 7, customer: 'Ada', lines: order.lines, tags: 'x' });
    const some = await tryNode('core.splitOut', { fieldToSplitOut: 'tags', include: 'selected', fieldsToInclude: 'id' }, [order]);
    expect(some.json).toEqual([
      { id: 7, tags: 'x' },
      { id: 7, tags: 'y' },
    ]);
  });

  it('puts elements in a destination field', async () => {
    const { json } = await tryNode('core.splitOut', { fieldToSplitOut: 'lines', destinationField: 'line' }, [order]);
    expect(json[1]).toEqual({ line: { sku: 'b', qty: 2 } });
  });

  it('splits several fields side by side', async () => {
    const { json } = await tryNode('core.splitOut', { fieldToSplitOut: 'a, b' }, [{ a: [1, 2], b: ['x'] }]);
    expect(json).toEqual([{ a: 1, b: 'x' }, { a: 2 }]);
  });

  it('names each element after the field as written, a dot path included, as n8n does', async () => {
    const order = { Data: { Address: { Street: ['Main St'], Zip: ['1000'] } } };
    const { json } = await tryNode('core.splitOut', { fieldToSplitOut: 'Data.Address.Street, Data.Address.Zip' }, [order]);
    expect(json).toEqual([{ 'Data.Address.Street': 'Main St', 'Data.Address.Zip': '1000' }]);
  });

  it('skips items without the field, and names the parameter when no item has it', async () => {
    const ok = await tryNode('core.splitOut', { fieldToSplitOut: 'tags' }, [order, { id: 8 }]);
    expect(ok.json).toHaveLength(2);
    const { error } = await tryNode('core.splitOut', { fieldToSplitOut: 'items' }, [order]);
    expect(error?.message).toMatch(/parameter 'fieldToSplitOut' names 'items', which no input item has/);
  });

  it('refuses a missing field name before running', async () => {
    await expect(tryNode('core.splitOut', {}, [order])).rejects.toThrow(/parameter 'fieldToSplitOut'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(splitOutNode, { fieldToSplitOut: 'x' }, { main: [] })).toEqual({ main: [] });
  });
});
