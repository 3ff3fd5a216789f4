import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { removeDuplicatesNode } from './remove-duplicates.js';

const people = [
  { id: 1, email: 'a@x', meta: { src: 'web', at: 1 } },
  { email: 'a@x', meta: { at: 1, src: 'web' }, id: 1 },
  { id: 2, email: 'a@x', meta: { src: 'app', at: 2 } },
  { id: 3, email: 'b@x', meta: { src: 'web', at: 3 } },
];

describe('Remove Duplicates', () => {
  it('removes items equal in every field, whatever the key order', async () => {
    expect((await tryNode('core.removeDuplicates', {}, people)).json.map((j) => j.id)).toEqual([1, 2, 3]);
  });

  it('compares only the selected fields, keeping the first', async () => {
    expect((await tryNode('core.removeDuplicates', { compare: 'selectedFields', fields: 'email' }, people)).json.map((j) => j.id)).toEqual([
      1, 3,
    ]);
  });

  it('compares all fields except some', async () => {
    const out = await tryNode('core.removeDuplicates', { compare: 'allFieldsExcept', fields: ['id', 'meta.at'] }, people);
    expect(out.json.map((j) => j.id)).toEqual([1, 2, 3]);
  });

  it('names the parameter when a selected field is in no item, or none is given', async () => {
    expect((await tryNode('core.removeDuplicates', { compare: 'selectedFields', fields: 'phone' }, people)).error?.message).toMatch(
      /parameter 'fields' names 'phone'/,
    );
    expect((await tryNode('core.removeDuplicates', { compare: 'selectedFields' }, people)).error?.message).toMatch(
      /parameter 'fields' needs at least one/,
    );
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(removeDuplicatesNode, {}, { main: [] })).toEqual({ main: [] });
  });
});
