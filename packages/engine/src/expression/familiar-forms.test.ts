import { describe, expect, test } from 'vitest';
import { makeExpressionScope } from '../testing/expression-scope.js';
import { createExpressionResolver } from './expression-resolver.js';
import { validateExpression } from './validate-expression.js';

const NOW = Date.UTC(2024, 2, 31, 23, 30, 0);
const scope = makeExpressionScope({
  items: [{ json: { name: 'Ada', tags: ['a', 'b'], box: { length: 12 } } }],
  outputs: { 'HTTP Request': [{ json: { data: { id: 7, items: [1, 2] } } }] },
  vars: { myVar: 'from variables' },
  env: { API_KEY: 'key-123' },
  now: NOW,
});
const resolver = createExpressionResolver();
const evaluate = (template: string) => resolver.evaluateTemplate(template, scope);

// The forms the product documents and people bring from elsewhere, in Flowloom's own expression language.
describe('familiar forms in Flowloom expressions', () => {
  test('$variables is another name of $vars', async () => {
    expect(await evaluate('{{ $variables.myVar }}')).toBe('from variables');
    expect(await evaluate('{{ $variables.myVar }}')).toBe(await evaluate('{{ $vars.myVar }}'));
  });

  test('$env reads what the host exposes', async () => {
    expect(await evaluate('{{ $env.API_KEY }}')).toBe('key-123');
  });

  test('$node["Name"] reads a node as $node("Name") does', async () => {
    expect(await evaluate('{{ $node["HTTP Request"].json.data }}')).toEqual({ id: 7, items: [1, 2] });
    expect(await evaluate("{{ $node['HTTP Request'].json.data.id }}")).toBe(7);
  });

  test('$now() is $now, the current time', async () => {
    expect(await evaluate('{{ $now() }}')).toBe(new Date(NOW).toISOString());
    expect(await evaluate('{{ $now }}')).toBe(new Date(NOW).toISOString());
  });

  test("$dateFormat($now(), 'yyyy-MM-dd') formats today's date", async () => {
    expect(await evaluate("{{ $dateFormat($now(), 'yyyy-MM-dd') }}")).toBe(new Date(NOW).toISOString().slice(0, 10));
  });

  test('.length is refused with the functions to use, never read as a missing field', async () => {
    await expect(evaluate('{{ $json.name.length }}')).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      message: expect.stringContaining('$length(x)'),
    });
    expect(await evaluate('{{ $count($json.tags) > 1 ? $length($json.name) : 0 }}')).toBe(3);
    // A field that is really called length is read with backticks or brackets.
    expect(await evaluate('{{ $json.box.`length` }}')).toBe(12);
    expect(await evaluate('{{ $json.box["length"] }}')).toBe(12);
    expect(await validateExpression('{{ $json.tags.length }}')).toEqual([expect.objectContaining({ code: 'method-call' })]);
  });

  test('an object with quoted keys is built from the item; a bare key is refused, never an empty object', async () => {
    expect(await evaluate('{{ { "who": $json.name, "first": $json.tags[0] } }}')).toEqual({ who: 'Ada', first: 'a' });
    await expect(evaluate('{{ { who: $json.name } }}')).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      message: expect.stringContaining('{ "a": 1 }'),
    });
    // Grouping a path by a field of each value is JSONata's own, and stays.
    expect(await evaluate('{{ $node("HTTP Request").json.data.{ "n": id } }}')).toEqual({ n: 7 });
  });
});
