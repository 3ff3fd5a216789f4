import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Item } from '../model/item.js';
import { planParameters } from '../model/parameter-plan.js';
import { createExpressionResolver } from './expression-resolver.js';
import { ItemParameters } from './item-parameters.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

const resolver = createExpressionResolver();
const items: Item[] = [{ json: { a: 'one', n: 1 } }, { json: { a: 'two', n: 2 } }, { json: { a: 'three', n: 3 } }];

function itemParameters(properties: z.ZodType, parameters: Record<string, unknown>, using = resolver): ItemParameters {
  return new ItemParameters({
    nodeName: 'Probe',
    parameters,
    properties,
    plan: planParameters(properties, parameters),
    resolver: using,
    itemCount: items.length,
    scope: (i) => makeExpressionScope({ items, itemIndex: i }),
  });
}

const plain = z.object({
  label: z.string(),
  count: z.number().optional(),
  script: z.string().meta({ noExpression: true }),
  options: z.object({ pattern: z.string().meta({ noExpression: true }).optional(), title: z.string().default('') }).default({ title: '' }),
});
const parameters = {
  label: '\\{{ a }} {{ $json.a }}',
  count: '{{ $json.n * 10 }}',
  script: 'x{{ $json.a }} \\{{ b }}',
  options: { pattern: '{{ $json.a }}', title: '\\{{ c }}' },
};
const expected = items.map(({ json }) => ({
  label: `{{ a }} ${String(json.a)}`,
  count: Number(json.n) * 10,
  script: 'x{{ $json.a }} \\{{ b }}',
  options: { pattern: '{{ $json.a }}', title: '{{ c }}' },
}));

describe.each([
  ['resolved per leaf', plain],
  ['validated whole', plain.refine(() => true)],
])('parameters per item (%s)', (_how, properties) => {
  it('gives the same parameters for every item, prepared before execute or asked for one by one', async () => {
    const eager = itemParameters(properties, parameters);
    await eager.prepare(items.length);
    const lazy = itemParameters(properties, parameters);
    const lazyReversed = [2, 1, 0].map((i) => lazy.get(i)).reverse();
    expect(items.map((_item, i) => eager.get(i))).toEqual(expected);
    expect(lazyReversed).toEqual(expected);
  });
});

describe('parameters per item', () => {
  it('names the parameter and the item when a template fails', async () => {
    const failing = itemParameters(plain, { label: 'x', script: '', count: '{{ $json.n > 1 ? $node("Missing").json : 1 }}' });
    await expect(failing.prepare(items.length)).rejects.toMatchObject({
      code: 'EXPRESSION_REFERENCE',
      details: { itemIndex: 1, parameter: 'count' },
    });
  });

  it('resolves an item not prepared yet when its expressions are compiled to synchronous code', async () => {
    await resolver.evaluateTemplate('{{ $uppercase("loads the language") }}', makeExpressionScope({ items }));
    const quick = itemParameters(plain, { label: '{{ $uppercase($json.a) }}', script: '' });
    expect(quick.get(2)).toMatchObject({ label: 'THREE' });
  });

  it('builds the parameters of items asked for one by one from their template values, evaluating each item once in a row', async () => {
    await resolver.evaluateTemplate('{{ $uppercase("loads the language") }}', makeExpressionScope({ items }));
    let evaluations = 0;
    const counting = {
      ...resolver,
      evaluateTemplateSync: (template: string, scope: Parameters<NonNullable<typeof resolver.evaluateTemplateSync>>[1]) => {
        evaluations++;
        return resolver.evaluateTemplateSync!(template, scope);
      },
    };
    const shared = { title: 'kept' };
    const lazy = itemParameters(plain, { label: '{{ $uppercase($json.a) }}', script: '', options: shared }, counting);
    const first = items.map((_item, i) => lazy.get(i));
    expect(first.map((p) => p.label)).toEqual(['ONE', 'TWO', 'THREE']);
    const asked = evaluations;
    expect(lazy.get(2)).toBe(first[2]);
    expect(evaluations).toBe(asked);
    // An earlier item is built again, equal to what it was.
    expect(lazy.get(1)).toEqual(first[1]);
    // Containers without templates are not copied per item, and nothing given out is the document's.
    expect(first[1]!.options).toBe(first[2]!.options);
    expect(first[1]!.options).not.toBe(shared);
  });

  it('refuses to give an item whose templates cannot be resolved synchronously before it was prepared', () => {
    const interpreted = createExpressionResolver({ compile: false });
    const slow = itemParameters(plain, { label: '{{ $uppercase($json.a) }}', script: '' }, interpreted);
    expect(() => slow.get(0)).toThrow("Node 'Probe': parameters for item 0 were not prepared before execute (the node has 3 input items).");
  });
});
