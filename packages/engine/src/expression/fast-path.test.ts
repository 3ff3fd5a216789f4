import { describe, expect, test } from 'vitest';
import { createExpressionResolver } from './expression-resolver.js';
import { parseFastReference } from './fast-path.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

const fast = createExpressionResolver();
const viaJsonata = createExpressionResolver({ fastPath: false });

const json = {
  name: 'Ana',
  n: 0,
  f: 1.5,
  t: true,
  nul: null,
  empty: '',
  a: { b: { c: 'deep' }, list: [1, 2, 3] },
  'first name': 'Ana',
  'we"ird': 1,
  arr: [10, 20, 30],
  single: [7],
  none: [],
  nested: [[1, 2], [3]],
  objs: [{ id: 1 }, { id: 2 }],
  mixed: [1, [2, 3]],
  str: 'text',
  __proto__x: 1,
  obj: { __proto__: null, k: 1 },
};
const scope = makeExpressionScope({
  items: [
    { json: json as Record<string, unknown>, binary: { data: { mimeType: 'text/plain', fileName: 'a.txt' } } },
    { json: { name: 'Bo' } },
  ],
  outputs: {
    'Fetch orders': [{ json: { total: 42, lines: [{ sku: 'A' }] } }, { json: { total: 7 } }],
    Config: [{ json: { apiKey: 'k' } }],
  },
  vars: { apiBase: 'https://api.example.com', limit: 10, flags: { beta: true } },
  env: { region: 'eu' },
});

// Every reference here takes the fast path; each must give exactly what JSONata gives.
const references = [
  '$json',
  '$json.name',
  '$json.n',
  '$json.f',
  '$json.t',
  '$json.nul',
  '$json.empty',
  '$json.missing',
  '$json.missing.deeper',
  '$json.a',
  '$json.a.b',
  '$json.a.b.c',
  '$json.a.b.c.d',
  '$json.a.list',
  '$json.a.list[0]',
  '$json.a.list[2]',
  '$json.a.list[-1]',
  '$json.a.list[5]',
  '$json["first name"]',
  "$json['first name']",
  '$json.`first name`',
  '$json["a"]["b"].c',
  '$json["a"].b["c"]',
  '$json.arr',
  '$json.arr[1]',
  '$json.arr[-2]',
  '$json.single',
  '$json.single[0]',
  '$json.none',
  '$json.none[0]',
  '$json.nested',
  '$json.objs[0]',
  '$json.objs[1].id',
  '$json.objs[-1].id',
  '$json.mixed',
  '$json.str[0]',
  '$json.str[1]',
  '$json.name[0]',
  '$json.a[0]',
  '$json.a[-1]',
  '$json.a[1]',
  '$json.nul.x',
  '$json.t.x',
  '$json.constructor',
  '$json.__proto__',
  '$json.toString',
  '$json.obj.k',
  '$json.hasOwnProperty',
  '$binary',
  '$binary.data',
  '$binary.data.fileName',
  '$binary.missing.fileName',
  '$vars',
  '$vars.apiBase',
  '$vars.limit',
  '$vars.flags.beta',
  '$vars.unknown',
  '$env.region',
  '$env.PATH',
  '$execution.id',
  '$execution.mode',
  '$workflow.name',
  '$workflow.id',
  '$itemIndex',
  '$runIndex',
  '$now',
  '$today',
  '$input.first',
  '$input.first.json.name',
  '$input.last.json.name',
  '$input.item.json.a.b.c',
  '$input.all[1].json.name',
  '$input.all[0].json.arr[2]',
  '$node("Fetch orders").json.total',
  "$node('Fetch orders').json.lines[0].sku",
  '$node("Fetch orders").first.json.total',
  '$node("Fetch orders").last.json.total',
  '$node("Fetch orders").all[1].json.total',
  '$node("Fetch orders").item.json',
  '$node("Config").json.apiKey',
  '$node( "Config" ).json["apiKey"]',
  '  $json.name  ',
];

describe('the fast path gives what JSONata gives', () => {
  test.each(references)('%s', async (source) => {
    expect(parseFastReference(source), 'takes the fast path').toBeDefined();
    const template = `{{${source}}}`;
    const quick = fast.evaluateTemplate(template, scope);
    expect(quick, 'answers synchronously').not.toBeInstanceOf(Promise);
    expect(quick).toEqual(await viaJsonata.evaluateTemplate(template, scope));
  });

  test.each(['$input.all.json.name', '$json.objs.id', '$json.nested[0]', '$json.mixed[1]', '$node("Fetch orders").all.json.total'])(
    '%s falls back to JSONata (an array mid-path) with the same result',
    async (source) => {
      const template = `{{ ${source} }}`;
      expect(await fast.evaluateTemplate(template, scope)).toEqual(await viaJsonata.evaluateTemplate(template, scope));
    },
  );

  test.each(['$json.a + 1', '$uppercase($json.name)', '$json.a.b.c & "x"', '$json.a[$json.n]', 'name', '$json.and', '$json.a.`b`.c.`'])(
    '%s is not a pure data reference',
    (source) => {
      expect(parseFastReference(source)).toBeUndefined();
    },
  );

  // One arithmetic operator between references and numbers also answers synchronously, with JSONata's result.
  test.each([
    '$json.f * 2',
    '$json.n + 1',
    '$json.f - 0.5',
    '$json.f / 3',
    '$json.f % 1',
    '2 * $json.f',
    '$json.f * $json.f',
    '$json.missing * 1.2',
    '$vars.limit * 1.5',
    '$node("Fetch orders").json.total * 1.2',
    '$json["first name"] + 0 ',
    '$json.a.list[1] * 10',
    '1.5e2 - $json.n',
  ])('%s takes the arithmetic fast path', async (source) => {
    const template = `{{ ${source} }}`;
    if (source.includes('first name')) {
      // Text is not a number: the fast path hands over, and both paths report JSONata's error.
      await expect(Promise.resolve().then(() => fast.evaluateTemplate(template, scope))).rejects.toThrow('must evaluate to a number');
      await expect(Promise.resolve().then(() => viaJsonata.evaluateTemplate(template, scope))).rejects.toThrow('must evaluate to a number');
      return;
    }
    const quick = fast.evaluateTemplate(template, scope);
    expect(quick, 'answers synchronously').not.toBeInstanceOf(Promise);
    expect(quick).toEqual(await viaJsonata.evaluateTemplate(template, scope));
  });

  test.each(['$json.f / 0', '$json.name * 2', '$json.a.list * 2', '$json.f * 2 + 1', '$json.objs.id * 2'])(
    '%s is left to JSONata, with the same outcome',
    async (source) => {
      const template = `{{ ${source} }}`;
      const settle = (r: typeof fast) =>
        Promise.resolve()
          .then(() => r.evaluateTemplate(template, scope))
          .then(
            (value) => ({ value }),
            (error: Error) => ({ error: error.message }),
          );
      expect(await settle(fast)).toEqual(await settle(viaJsonata));
    },
  );

  test('a node that has not run is the same clear error on both paths', async () => {
    const both = [fast, viaJsonata].map((r) => Promise.resolve().then(() => r.evaluateTemplate('{{ $node("Current").json.x }}', scope)));
    for (const p of both) await expect(p).rejects.toThrow("Node 'Current' has not run yet");
  });
});
