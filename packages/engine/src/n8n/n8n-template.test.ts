import { describe, expect, it } from 'vitest';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';
import { MapContext } from './map-context.js';
import { escapeLiteralText, splitN8nTemplate } from './n8n-template.js';

function context(parameters: Record<string, unknown> = {}): MapContext {
  return new MapContext(
    { name: 'Node', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters },
    {
      nodeName: (n) => (n === 'Fetch' ? 'Fetch' : undefined),
      itemAligned: () => false,
      upstream: () => true,
      usedOutputs: [0],
      timezone: undefined,
    },
  );
}

describe('splitting n8n templates', () => {
  it('finds each {{ }} expression and the text around it', () => {
    expect(splitN8nTemplate('Hi {{ $json.name }}, you owe {{ $json.total }}.')).toEqual([
      { kind: 'text', value: 'Hi ' },
      { kind: 'expression', source: ' $json.name ' },
      { kind: 'text', value: ', you owe ' },
      { kind: 'expression', source: ' $json.total ' },
      { kind: 'text', value: '.' },
    ]);
  });

  it('does not end an expression at braces inside strings, template literals or objects', () => {
    expect(splitN8nTemplate('{{ "}}" + `${ {a: 1}.a }` + JSON.stringify({ b: { c: 2 } }) }}')).toEqual([
      { kind: 'expression', source: ' "}}" + `${ {a: 1}.a }` + JSON.stringify({ b: { c: 2 } }) ' },
    ]);
  });

  it.each([
    ['{{ $json.a ', "the '{{' at character 1 is never closed with '}}'"],
    ["{{ 'open }}", 'a string opened at character 4 is never closed'],
    ['{{ ($json.a }}', "a '(' at character 4 is never closed"],
    ['{{ $json.a) }}', "a ')' at character 11 does not match an opening bracket"],
  ])('reports where %j cannot be read', (body, error) => {
    expect(splitN8nTemplate(body)).toMatchObject({ error });
  });
});

describe('n8n parameter strings as Flowloom ones', () => {
  const resolver = createExpressionResolver();
  const scope = makeExpressionScope({ items: [{ json: { name: 'Ada', total: 3 } }] });

  it('reads literal braces of a string without = as text, as n8n does', async () => {
    const text = 'Use {{ name }} and \\{{ as is';
    const converted = context().convertString(text, 'p');
    expect(converted).toBe(escapeLiteralText(text));
    expect(await resolver.evaluateTemplate(converted, scope)).toBe(text);
  });

  it('drops the = of a template and translates a plain reference that is the whole value', async () => {
    const ctx = context();
    const converted = ctx.convertString('={{ $json.name }}', 'p');
    expect(converted).toBe('{{ $json.name }}');
    expect(await resolver.evaluateTemplate(converted, scope)).toBe('Ada');
    expect(ctx.counts).toEqual({ total: 1, translated: 1, javascript: 0, parseFailed: 0 });
  });

  it('runs references inside text as JavaScript, since n8n writes values into text its own way', () => {
    const ctx = context();
    expect(ctx.convertString('=Hi {{ $json.name }} ({{ $json.total }})', 'p')).toBe('Hi {{js: $json.name }} ({{js: $json.total }})');
    expect(ctx.counts).toEqual({ total: 2, translated: 0, javascript: 2, parseFailed: 0 });
    expect(ctx.pending.map((p) => p.reason)).toEqual(['text', 'text']);
  });

  it('runs other expressions as JavaScript, as written, and lists them', () => {
    const ctx = context();
    expect(ctx.convertString('={{ $json.name.toUpperCase() }}!', 'options.x')).toBe('{{js: $json.name.toUpperCase() }}!');
    expect(ctx.counts).toMatchObject({ total: 1, javascript: 1 });
    expect(ctx.pending).toEqual([{ node: 'Node', parameter: 'options.x', expression: '$json.name.toUpperCase()', reason: 'javascript' }]);
  });

  it('reports an expression it cannot split, naming the node and parameter', () => {
    const ctx = context();
    expect(ctx.convertString('={{ $json.a ', 'url')).toBe('{{ $json.a ');
    expect(ctx.counts.parseFailed).toBe(1);
    expect(ctx.problems).toEqual([
      expect.objectContaining({ code: 'expression-parse', node: 'Node', parameter: 'url', severity: 'error' }),
    ]);
  });

  it('reports an expression that Flowloom would end early as failing to parse', () => {
    const ctx = context();
    // A backslash-escaped backtick ends Flowloom's reading of a template literal, not n8n's.
    ctx.convertString('={{ `x\\`}}` }}', 'p');
    expect(ctx.counts).toMatchObject({ total: 1, parseFailed: 1, javascript: 0 });
  });

  it('warns about an expression naming a node the workflow does not have', () => {
    const ctx = context();
    ctx.convertString("={{ $('Fetch').first().json.a }} {{ $('Gone').first().json.b }}", 'p');
    expect(ctx.problems.map((p) => p.message)).toEqual(["an expression refers to node 'Gone', which is not in the workflow"]);
  });

  it('takes =text without braces as the text, for fixed parameters', () => {
    expect(context({ key: '=success' }).literal('key', 'string')).toBe('success');
    expect(context({ flag: '=' }).literal('flag', 'boolean', false)).toBe(false);
  });

  it('remembers what a mapping read, so unread parameters are found', () => {
    const ctx = context({ a: 1, options: { b: true, c: {} }, list: [{ d: 'x' }] });
    ctx.raw('a');
    ctx.raw('list[0].d');
    expect(ctx.unread()).toEqual(['options.b']);
  });
});
