import { describe, expect, it } from 'vitest';
import { describeNodeType } from '../../node-registry.js';
import { tryNode } from '../../../testing/node-test-harness.js';
import { setNode } from './set.js';

/** Edit Fields with one field named by `{{ $json.n }}`, as n8n workflows name a field with an expression. */
const namedByN = (extra: Record<string, unknown> = {}) => ({
  fields: [{ name: '{{ $json.n }}', type: 'number', value: '{{ $json.price }}' }],
  ...extra,
});

describe('Edit Fields (Set): a field name an expression gives as a number', () => {
  it('shows the editor the name it always showed: text of at least one character, with its label, description and placeholder', () => {
    const schema = describeNodeType(setNode).properties as {
      properties: { fields: { default: unknown; items: { properties: Record<string, unknown>; required: string[] } } };
    };
    const { fields } = schema.properties;
    expect(fields.items.properties.name).toEqual({
      type: 'string',
      minLength: 1,
      label: 'Name',
      description: 'Field name; a dot path such as `customer.email` sets a nested field.',
      placeholder: 'total',
    });
    expect(fields.items.required).toEqual(['name']);
    expect(fields.default).toEqual([]);
  });

  it('sets the field named by the number’s text, keeping the other fields, as n8n does (0 sets field "0")', async () => {
    const { json, error } = await tryNode('core.set', namedByN({ include: 'all' }), [
      { n: 0, price: 5 },
      { n: 12, price: 7 },
    ]);
    expect(error).toBeUndefined();
    expect(json).toEqual([
      { n: 0, price: 5, '0': 5 },
      { n: 12, price: 7, '12': 7 },
    ]);
  });

  it('makes a negative or several-digit number one key, whether or not dot notation is on', async () => {
    const input = [
      { n: -1, price: 1 },
      { n: 10, price: 2 },
    ];
    for (const dotNotation of [true, false]) {
      const { json } = await tryNode('core.set', namedByN({ include: 'none', dotNotation }), input);
      expect(json).toEqual([{ '-1': 1 }, { '10': 2 }]);
    }
  });

  it('still reads a name given as text as a dot path', async () => {
    const { json } = await tryNode('core.set', namedByN({ include: 'none' }), [{ n: 'order.0', price: 3 }]);
    expect(json).toEqual([{ order: { '0': 3 } }]);
  });

  it.each([
    [1.5, 'must be text or a whole number, got 1.5'],
    [Number.NaN, 'must be text or a whole number, got NaN'],
    [Number.POSITIVE_INFINITY, 'must be text or a whole number, got Infinity'],
    [2 ** 60, 'is a whole number too large to name a field exactly, got 1152921504606847000'],
  ])('refuses %s as a name, naming the node, the parameter and the value', async (n, problem) => {
    const { error, execution } = await tryNode('core.set', namedByN(), [{ n, price: 1 }], { name: 'Loop Discount' });
    expect(execution.status).toBe('error');
    expect(error?.message).toBe(`Node 'Loop Discount' (Edit Fields (Set)): parameter 'fields.0.name' ${problem} (item 0).`);
  });

  it.each([
    [true, 'true'],
    [null, 'null'],
    [{ a: 1 }, 'an object'],
  ])('refuses %s as a name as before', async (n, shown) => {
    const { error } = await tryNode('core.set', namedByN(), [{ n, price: 1 }], { name: 'Loop Discount' });
    expect(error?.message).toBe(
      `Node 'Loop Discount' (Edit Fields (Set)): parameter 'fields.0.name' expected a string, got ${shown} (item 0).`,
    );
  });

  it('refuses a number written as the name in the workflow itself, which the editor never writes', async () => {
    await expect(tryNode('core.set', { fields: [{ name: 0, value: 1 }] }, [{}])).rejects.toThrow(/parameter 'fields\.0\.name'/);
  });
});
