import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { setNode } from './set.js';

const person = { name: 'Ada', age: 36, address: { city: 'London', zip: 'N1' } };

describe('Edit Fields (Set)', () => {
  it('sets typed fields, converting text to the declared type', async () => {
    const { json } = await tryNode(
      'core.set',
      {
        fields: [
          { name: 'count', type: 'number', value: '42' },
          { name: 'active', type: 'boolean', value: 'true' },
          { name: 'label', type: 'string', value: 7 },
          { name: 'tags', type: 'array', value: '["a","b"]' },
          { name: 'meta', type: 'object', value: { source: 'web' } },
          { name: 'raw', type: 'expression', value: [1, { x: 2 }] },
        ],
      },
      [person],
    );
    expect(json[0]).toEqual({
      ...person,
      count: 42,
      active: true,
      label: '7',
      tags: ['a', 'b'],
      meta: { source: 'web' },
      raw: [1, { x: 2 }],
    });
  });

  it('writes nested fields by dot path without changing the input item', async () => {
    const input = [{ json: structuredClone(person) }];
    const out = await callNode(setNode, { fields: [{ name: 'address.city', value: 'Paris' }] }, { main: input });
    expect(out.main?.[0]?.json.address).toEqual({ city: 'Paris', zip: 'N1' });
    expect(input[0]!.json.address).toEqual({ city: 'London', zip: 'N1' });
  });

  it('keeps a dotted name whole when dot notation is off', async () => {
    const { json } = await tryNode('core.set', { dotNotation: false, include: 'none', fields: [{ name: 'a.b', value: 'x' }] }, [{}]);
    expect(json[0]).toEqual({ 'a.b': 'x' });
  });

  it('keeps only the set fields, selected fields, or all but some', async () => {
    const fields = [{ name: 'greeting', value: 'hi' }];
    expect((await tryNode('core.set', { include: 'none', fields }, [person])).json[0]).toEqual({ greeting: 'hi' });
    expect((await tryNode('core.set', { include: 'selected', includeFields: 'name, address.city', fields }, [person])).json[0]).toEqual({
      name: 'Ada',
      address: { city: 'London' },
      greeting: 'hi',
    });
    expect((await tryNode('core.set', { include: 'except', includeFields: ['address'], fields }, [person])).json[0]).toEqual({
      name: 'Ada',
      age: 36,
      greeting: 'hi',
    });
  });

  it('renames and removes fields', async () => {
    const { json } = await tryNode('core.set', { rename: [{ from: 'address.city', to: 'city' }], remove: 'age' }, [person]);
    expect(json[0]).toEqual({ name: 'Ada', address: { zip: 'N1' }, city: 'London' });
  });

  it('sets the fields of a JSON object in JSON mode', async () => {
    const { json } = await tryNode('core.set', { mode: 'json', json: '{"status":"new","n":1}' }, [{ id: 1 }]);
    expect(json[0]).toEqual({ id: 1, status: 'new', n: 1 });
  });

  it('keeps binary data unless told not to', async () => {
    const binary = { data: { mimeType: 'text/plain', data: 'aGk=' } };
    const withFiles = await callNode(setNode, {}, { main: [{ json: {}, binary }] });
    expect(withFiles.main?.[0]?.binary).toBe(binary);
    const without = await callNode(setNode, { includeBinary: false }, { main: [{ json: {}, binary }] });
    expect(without.main?.[0]?.binary).toBeUndefined();
  });

  it('fails with an error naming the field when a value cannot be converted', async () => {
    const { error, execution } = await tryNode('core.set', { fields: [{ name: 'count', type: 'number', value: 'many' }] }, [{}], {
      name: 'Prepare',
    });
    expect(execution.status).toBe('error');
    expect(error?.message).toBe(`Node 'Prepare': parameter 'fields[0].value' ('count') must be a number, got "many" (item 0).`);
  });

  it('sets nothing as null in a number, boolean, array or object field, and as empty text in a text field, as n8n does', async () => {
    const fields = (['number', 'boolean', 'array', 'object', 'string'] as const).map((type) => ({ name: type, type, value: '{{ null }}' }));
    const { json } = await tryNode('core.set', { fields }, [{}]);
    expect(json[0]).toEqual({ number: null, boolean: null, array: null, object: null, string: '' });
  });

  it('sets the value as it is when conversion errors are ignored', async () => {
    const { json } = await tryNode(
      'core.set',
      { ignoreConversionErrors: true, fields: [{ name: 'count', type: 'number', value: 'many' }] },
      [{}],
    );
    expect(json[0]).toEqual({ count: 'many' });
  });

  it('names the parameter when JSON mode gets invalid JSON', async () => {
    const { error } = await tryNode('core.set', { mode: 'json', json: '{oops' }, [{}]);
    expect(error?.message).toMatch(/parameter 'json' is not valid JSON/);
  });

  it('refuses a field without a name before running', async () => {
    await expect(tryNode('core.set', { fields: [{ value: 1 }] }, [{}])).rejects.toThrow(/parameter 'fields\.0\.name'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(setNode, { fields: [{ name: 'a', value: 'b' }] }, { main: [] })).toEqual({ main: [] });
  });
});
