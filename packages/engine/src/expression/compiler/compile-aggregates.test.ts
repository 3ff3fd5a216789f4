import { beforeAll, describe, expect, test } from 'vitest';
import { createExpressionResolver } from '../expression-resolver.js';
import { makeExpressionScope } from '../../testing/expression-scope.js';

// `$sum(path)` and its kin are folded along the path with no sequence built. The oracle is JSONata's
// interpreter: over data of every shape such a path can meet, both give the same value or the same error.
const compiled = createExpressionResolver();
const interpreted = createExpressionResolver({ compile: false });

class Money {
  constructor(readonly price: number) {}
}

const shapes: Record<string, unknown> = {
  'rows of numbers': {
    rows: [
      { price: 2.5, qty: 2 },
      { price: 1, qty: 3 },
      { price: 0.1, qty: 7 },
    ],
  },
  'one row, not in an array': { rows: { price: 4, qty: 5 } },
  'no rows': { rows: [] },
  'no such field': { other: 1 },
  'rows missing a field': { rows: [{ price: 2 }, { price: 3, qty: 1 }, {}] },
  'a text price': { rows: [{ price: '2', qty: 1 }] },
  'a null price': { rows: [{ price: null, qty: 1 }] },
  'scalars among rows': { rows: [1, 'two', { price: 3, qty: 3 }, null, true] },
  'nested arrays': { rows: [[{ price: 1, qty: 1 }], { price: 2, qty: 2 }] },
  'arrays of prices': {
    rows: [
      { price: [1, 2], qty: 1 },
      { price: [], qty: 1 },
      { price: [3], qty: 1 },
    ],
  },
  'one array of prices': { rows: [{ price: [4, 5, 6], qty: 1 }] },
  'an empty array of prices': { rows: [{ price: [], qty: 1 }] },
  'prices nested in arrays': { rows: [{ price: [[1], 2], qty: 1 }] },
  'deeper objects': { rows: [{ price: { amount: 3 }, qty: 1 }] },
  'a class instance': { rows: [new Money(3)] },
  'a huge product': { rows: [{ price: 1e308, qty: 10 }] },
  'negative and fractional': {
    rows: [
      { price: -1.5, qty: 0.25 },
      { price: 1e-9, qty: 3 },
    ],
  },
  'a single number': { rows: { price: 7, qty: 1 } },
};

const expressions = [
  '$sum($json.rows.price)',
  '$sum($json.rows.(price * qty))',
  '$sum($json.rows.(price + 1))',
  '$sum($json.rows.(10 - qty))',
  '$sum($json.rows.(price / qty))',
  '$average($json.rows.price)',
  '$max($json.rows.(price * qty))',
  '$min($json.rows.price)',
  '$sum(rows.price)',
  '$sum($input.all.json.rows.price)',
  '$sum($json.rows.price.amount)',
];

async function outcome(resolver: typeof compiled, template: string, json: unknown): Promise<{ value: unknown } | { code: string }> {
  const scope = makeExpressionScope({ items: [{ json: json as Record<string, unknown> }, { json: { rows: [{ price: 100 }] } }] });
  try {
    const value: unknown = await resolver.evaluateTemplate(template, scope);
    return { value };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
}

describe('$sum, $average, $max and $min of a path answer as the interpreter does', () => {
  beforeAll(async () => {
    await compiled.evaluateTemplate('{{ 1 }}', makeExpressionScope({}));
    await interpreted.evaluateTemplate('{{ 1 }}', makeExpressionScope({}));
  });

  const cases = expressions.flatMap((e) => Object.keys(shapes).map((shape) => [e, shape] as const));
  test.each(cases)('%s over %s', async (expression, shape) => {
    const template = expression.startsWith('$sum(rows') ? `{{ $json.( ${expression} ) }}` : `{{ ${expression} }}`;
    const want = await outcome(interpreted, template, shapes[shape]);
    const got = await outcome(compiled, template, shapes[shape]);
    if ('value' in want && typeof want.value === 'number' && 'value' in got) expect(got.value).toBeCloseTo(want.value, 12);
    else expect(got).toEqual(want);
  });

  test('a $sum the expression binds itself is called, not folded', async () => {
    const template = '{{ ($sum := function($v) { $count($v) }; $sum($json.rows.price)) }}';
    const json = { rows: [{ price: 5 }, { price: 6 }] };
    expect(await outcome(compiled, template, json)).toEqual({ value: 2 });
    expect(await outcome(interpreted, template, json)).toEqual({ value: 2 });
  });

  test('a fold past the sequence budget fails as the general way does', async () => {
    const json = { rows: Array.from({ length: 50 }, (_, i) => ({ price: i })) };
    const scope = makeExpressionScope({ items: [{ json }] });
    const failure = async (compile: boolean) => {
      const resolver = createExpressionResolver({ compile, budgets: { maxSequence: 10 } });
      return (await Promise.resolve(resolver.evaluateTemplate('{{ $sum($json.rows.price) }}', scope)).catch((e: unknown) => e)) as {
        code?: string;
        message?: string;
      };
    };
    const got = await failure(true);
    const want = await failure(false);
    expect(got.code).toBe('EXPRESSION_BUDGET');
    expect(got.code).toBe(want.code);
  });
});
