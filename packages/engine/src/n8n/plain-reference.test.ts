import { describe, expect, it } from 'vitest';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import type { Item } from '../model/item.js';
import { makeExpressionScope } from '../testing/expression-scope.js';
import { translateReference, type ReferenceEnv } from './plain-reference.js';

const env: ReferenceEnv = { nodeName: (name) => name, itemAligned: () => true, upstream: () => true };

/** Data for both sides: the current node's input and two earlier nodes' outputs. */
const input: Item[] = [
  { json: { a: { b: 1, c: [1, 2] }, 'first name': 'Ada', items: [{ id: 7 }], n: 0, flag: false, text: 'hé "x"', nothing: null } },
  { json: { a: { b: 2 }, 'first name': 'Bob', n: 5 } },
];
const outputs: Record<string, Item[]> = {
  Fetch: [{ json: { total: 10, deep: { x: 'one' } } }, { json: { total: 20, deep: { x: 'two' } } }],
  'Get "quoted" node': [{ json: { v: 'q' } }],
};
const files = { data: { mimeType: 'text/csv', fileName: 'a.csv', fileExtension: 'csv', data: 'YQ==' } };

/**
 * The n8n side: the expression evaluated as the JavaScript it is, with the
 * bindings n8n gives (`$json`, `$input`, `$('Node')` with `first()`,
 * `last()` and the paired `item`, which is the same index here, legacy
 * `$node[...]`, `$binary`).
 */
function evaluateAsJavaScript(expression: string, itemIndex: number): unknown {
  const item = input[itemIndex]!;
  const node = (name: string) => ({
    first: () => outputs[name]![0],
    last: () => outputs[name]![outputs[name]!.length - 1],
    item: outputs[name]![itemIndex],
    all: () => outputs[name],
  });
  const legacy = new Proxy({}, { get: (_, name: string) => ({ json: outputs[name]![itemIndex]?.json }) });
  const $input = { item, first: () => input[0], last: () => input[input.length - 1], all: () => input };
  const run = new Function('$json', '$', '$node', '$input', '$binary', '$item', `return (${expression});`) as (
    ...args: unknown[]
  ) => unknown;
  const $item = (i: number | string) => ({
    $node: new Proxy({}, { get: (_, name: string) => ({ json: outputs[name]![Number(i)]?.json }) }),
  });
  return run(item.json, node, legacy, $input, files, $item);
}

const resolver = createExpressionResolver();
async function evaluateInFlowloom(text: string, itemIndex: number): Promise<unknown> {
  const scope = makeExpressionScope({ items: input.map((i, n) => (n === 0 ? { ...i, binary: files } : i)), itemIndex, outputs });
  return await resolver.evaluateTemplate(`{{ ${text} }}`, scope);
}

describe('plain references translate to expressions that give what n8n gives', () => {
  const cases: [string, string][] = [
    ['$json.a.b', '$json.a.b'],
    ['$json["first name"]', '$json["first name"]'],
    ["$json['first name']", '$json["first name"]'],
    ['$json.a?.b', '$json.a.b'],
    ['$json.a.c', '$json.a.c'],
    ['$json.text', '$json.text'],
    ['$json.n', '$json.n'],
    ['$json.flag', '$json.flag'],
    ['$json.missing', '$json.missing'],
    ['$json', '$json'],
    ['$node["Fetch"].json["total"]', '$node("Fetch").json.total'],
    ['$node.Fetch.json.deep.x', '$node("Fetch").json.deep.x'],
    ["$('Fetch').first().json.deep.x", '$node("Fetch").first.json.deep.x'],
    ["$('Fetch').last().json.total", '$node("Fetch").last.json.total'],
    ["$('Fetch').item.json.total", '$node("Fetch").json.total'],
    ['$(\'Get "quoted" node\').first().json.v', '$node("Get \\"quoted\\" node").first.json.v'],
    ['$input.item.json.n', '$json.n'],
    ['$input.first().json.a.b', '$input.first.json.a.b'],
    ['$input.last().json["first name"]', '$input.last.json["first name"]'],
    ['$item(0).$node["Fetch"].json["total"]', '$node("Fetch").first.json.total'],
    ['$binary.data.mimeType', '$binary.data.mimeType'],
    ['true', 'true'],
    ['42.5', '42.5'],
    ["'it'", '"it"'],
    ['"caf\\u00e9"', '"café"'],
  ];

  it.each(cases)('%s becomes %s', (n8n, flowloom) => {
    expect(translateReference(n8n, env)).toMatchObject({ ok: true, text: flowloom });
  });

  it.each(cases)('%s gives the same value in Flowloom as in JavaScript, item by item', async (n8n) => {
    const result = translateReference(n8n, env);
    if (!result.ok) throw new Error(`not translated: ${n8n}`);
    for (const index of [0, 1]) {
      if (n8n.startsWith('$binary') && index === 1) continue;
      expect(await evaluateInFlowloom(result.text, index), `${n8n} at item ${index}`).toEqual(evaluateAsJavaScript(n8n, index));
    }
  });
});

describe('expressions whose meaning may differ are left for the JavaScript step', () => {
  it.each([
    ['$json.name.length', 'javascriptProperty'],
    ['$json.constructor', 'javascriptProperty'],
    ['$json.name.toUpperCase()', 'javascript'],
    ['$json.items[0].id', 'javascript'],
    ['$json.a + 1', 'javascript'],
    ['$json.tries || 0', 'javascript'],
    ['$now', 'javascript'],
    ['$binary.data.fileSize', 'javascript'],
    ["$('Fetch').all()", 'javascript'],
    ['$jsonx', 'javascript'],
    ['`a${1}`', 'javascript'],
  ])('%s (%s)', (n8n, reason) => {
    expect(translateReference(n8n, env)).toMatchObject({ ok: false, reason });
  });

  it("keeps $('X').item when the items of X and of the current node may not line up", () => {
    const unaligned: ReferenceEnv = { nodeName: (name) => name, itemAligned: () => false, upstream: () => true };
    expect(translateReference("$('Fetch').item.json.total", unaligned)).toEqual({ ok: false, reason: 'pairedItem', nodes: ['Fetch'] });
    expect(translateReference('$node["Fetch"].json.total', unaligned)).toMatchObject({ ok: true });
  });

  it('writes the Flowloom name of a node whose n8n name was changed', () => {
    const renamed: ReferenceEnv = {
      nodeName: (name) => (name === 'Fetch ' ? 'Fetch' : undefined),
      itemAligned: () => true,
      upstream: () => true,
    };
    expect(translateReference("$('Fetch ').first().json.total", renamed)).toMatchObject({ text: '$node("Fetch").first.json.total' });
  });
});
