import { beforeAll, describe, expect, test } from 'vitest';
import { getExpressionCompletions } from '../completions.js';
import { createExpressionResolver } from '../expression-resolver.js';
import { makeExpressionScope } from '../../testing/expression-scope.js';

// The oracle here is JSONata's interpreter: the same templates through the compiled closures and through
// the interpreter must give the same value, or fail with the same error code.
const compiled = createExpressionResolver({ allowEval: true });
const interpreted = createExpressionResolver({ allowEval: true, compile: false });
const scope = makeExpressionScope({
  now: Date.UTC(2024, 2, 31, 12, 0, 0),
  items: [
    {
      json: {
        name: 'Ana',
        tags: ['a', 'b'],
        rows: [
          { price: 2.5, qty: 2 },
          { price: 1, qty: 3 },
        ],
        nested: [[1, 2], [3]],
      },
    },
    { json: { name: 'Bo', tags: [], rows: [] } },
  ],
  outputs: { Fetch: [{ json: { total: 12, list: [{ id: 1 }, { id: 2 }] } }] },
  vars: { region: 'eu' },
});

async function outcome(resolver: typeof compiled, template: string): Promise<{ value: unknown } | { code: string }> {
  try {
    return { value: await resolver.evaluateTemplate(template, scope) };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
}

const library = getExpressionCompletions()
  .filter((c) => c.kind === 'function' && c.example && !['$random', '$randomItem', '$shuffle', '$uuid', '$nanoid'].includes(c.name))
  .map((c) => `{{ ${c.example} }}`);

const templates = [
  ...library,
  '{{ $uppercase($json.name) }}',
  'Hi {{ $json.name }}, {{ $count($json.tags) }} tags',
  '{{ $sum($json.rows.(price * qty)) }}',
  '{{ $json.rows[price > 1].qty }}',
  '{{ $json.nested }}',
  '{{ $json.nested[0] }}',
  '{{ $json.rows^(>price).qty }}',
  '{{ $json.rows{ $string(qty): price } }}',
  '{{ $node("Fetch").json.list.id }}',
  '{{ $input.all.json.name }}',
  '{{ $vars.region & "-" & $json.name }}',
  '{{ $map($json.tags, function($t, $i) { $t & $i }) }}',
  '{{ ($f := function($n) { $n < 2 ? $n : $f($n - 1) + $f($n - 2) }; $f(15)) }}',
  '{{ $json ~> | rows | { "total": price * qty } | }}',
  '{{ $eval("1 + " & $count($json.tags)) }}',
  '{{ $json.missing.deeper }}',
  '{{ $json.name + 1 }}',
  '{{ $node("Nope").json }}',
  '{{ $reduce([1..60], function($acc, $v) { $zip($acc, $acc) }, [1]) }}',
  '{{ $reduce([1..40], function($acc, $v) { $acc & $acc }, "x") }}',
  '{{ [1..200000] }}',
];

describe('compiled expressions answer as the interpreter does', () => {
  beforeAll(async () => {
    await compiled.evaluateTemplate('{{ 1 }}', scope);
    await interpreted.evaluateTemplate('{{ 1 }}', scope);
  });

  test.each(templates)('%s', async (template) => {
    expect(await outcome(compiled, template)).toEqual(await outcome(interpreted, template));
  });

  test('a compiled expression is evaluated synchronously once the language is loaded', () => {
    const value = compiled.evaluateTemplate('{{ $uppercase($json.name) & "!" }}', scope);
    expect(value).not.toBeInstanceOf(Promise);
    expect(value).toBe('ANA!');
  });

  test('the compiled and interpreted expressions are counted, and a fallback says why', () => {
    expect(compiled.stats().compiled).toBeGreaterThan(templates.length / 2);
    expect(compiled.stats().interpreted).toBe(0);
    const stats = interpreted.stats();
    expect(stats.compiled).toBe(0);
    expect(stats.interpreted).toBeGreaterThan(0);
    expect(stats.fallbacks[0]?.reason).toMatch(/turned off/);
  });
});
