import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { aggregateNode } from './aggregate.js';

const rows = [{ email: 'a@x', tags: ['p'] }, { email: 'b@x', tags: ['q', 'r'] }, { tags: [] }];

describe('Aggregate', () => {
  it('collects fields into lists on one item', async () => {
    const { json } = await tryNode('core.aggregate', { fields: [{ field: 'email' }, { field: 'tags', renameTo: 'allTags' }] }, rows);
    expect(json).toEqual([{ email: ['a@x', 'b@x'], allTags: [['p'], ['q', 'r'], []] }]);
  });

  it('merges lists and keeps missing values when asked', async () => {
    const merged = await tryNode('core.aggregate', { mergeLists: true, fields: [{ field: 'tags' }] }, rows);
    expect(merged.json[0]).toEqual({ tags: ['p', 'q', 'r'] });
    const kept = await tryNode('core.aggregate', { keepMissing: true, fields: [{ field: 'email' }] }, rows);
    expect(kept.json[0]).toEqual({ email: ['a@x', 'b@x', null] });
  });

  it('puts all item data into one list, with chosen fields', async () => {
    const all = await tryNode('core.aggregate', { aggregate: 'allItemData' }, rows);
    expect(all.json[0]).toEqual({ data: rows });
    const some = await tryNode(
      'core.aggregate',
      { aggregate: 'allItemData', destinationField: 'people', include: 'selected', includeFields: 'email' },
      rows,
    );
    expect(some.json[0]).toEqual({ people: [{ email: 'a@x' }, { email: 'b@x' }, {}] });
  });

  it('carries files over when asked, renaming clashing keys', async () => {
    const file = { mimeType: 'text/plain', data: 'aGk=' };
    const out = await callNode(
      aggregateNode,
      { aggregate: 'allItemData', includeBinaries: true },
      {
        main: [
          { json: {}, binary: { data: file } },
          { json: {}, binary: { data: file } },
        ],
      },
    );
    expect(Object.keys(out.main?.[0]?.binary ?? {})).toEqual(['data', 'data_1']);
  });

  it('names the field when no item has it', async () => {
    const { error } = await tryNode('core.aggregate', { fields: [{ field: 'phone' }] }, rows);
    expect(error?.message).toMatch(/parameter 'fields\[0\]\.field' names 'phone', which no input item has/);
  });

  it('names the parameter when no field is given', async () => {
    const { error } = await tryNode('core.aggregate', {}, rows);
    expect(error?.message).toMatch(/parameter 'fields' needs at least one field/);
  });

  it('makes one item with empty lists from empty input', async () => {
    expect((await callNode(aggregateNode, { fields: [{ field: 'x' }] }, { main: [] })).main?.[0]?.json).toEqual({ x: [] });
  });
});
