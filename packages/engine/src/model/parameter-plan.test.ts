import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { tryNode } from '../testing/node-test-harness.js';
import { codeNode } from '../nodes/data/code/code-node.js';
import { switchNode } from '../nodes/flow/switch.js';
import { httpRequestProperties } from '../nodes/http/http-request-properties.js';
import { silentLogger } from '../ports/logger.js';
import { applyLeaves, planParameters, withTemplateValues } from './parameter-plan.js';

const expressions = createExpressionResolver();
const paths = (plan: ReturnType<typeof planParameters>) => plan.templates.map((l) => l.path);

describe('which parameter strings are templates', () => {
  it('finds templates and escaped braces at any depth, in document order', () => {
    const plan = planParameters(undefined, { a: 'plain', b: ['x', { c: '{{ 1 }}' }], d: '\\{{ not }}', e: 3 });
    expect(plan.templates.map((l) => [l.name, l.expression])).toEqual([
      ['b.1.c', true],
      ['d', false],
    ]);
  });

  it('takes a string marked noExpression as written, wherever the mark is', () => {
    const schema = z.object({
      code: z.string().meta({ noExpression: true }),
      wrapped: z.string().meta({ noExpression: true }).optional(),
      options: z.object({ pattern: z.string().default('').meta({ noExpression: true }), title: z.string() }).optional(),
      raw: z.object({ a: z.string(), b: z.array(z.string()) }).meta({ noExpression: true }),
    });
    const plan = planParameters(schema, {
      code: '{{ a }}',
      wrapped: '{{ b }}',
      options: { pattern: '\\{{ c }}', title: '{{ d }}' },
      raw: { a: '{{ e }}', b: ['{{ f }}'] },
    });
    expect(paths(plan)).toEqual([['options', 'title']]);
    expect(plan.asWritten).toEqual([['code'], ['wrapped'], ['options', 'pattern'], ['raw', 'a'], ['raw', 'b', 0]]);
  });

  it('leaves the Code node its code and the HTTP Request node its pagination expressions', () => {
    expect(planParameters(codeNode.properties, { code: 'return [{ json: { t: "{{ x }}" } }];' }).templates).toEqual([]);
    const http = planParameters(httpRequestProperties, {
      url: 'https://api.example.com/{{ $json.list }}',
      pagination: 'nextUrl',
      nextUrlExpression: '$replace(body.link, "{{cursor}}", body.cursor)',
    });
    expect(paths(http)).toEqual([['url']]);
    expect(http.asWritten).toEqual([['nextUrlExpression']]);
  });
});

describe('resolving only the templates for items after the first', () => {
  it('plans the template leaves of plain object and array shapes', () => {
    const schema = z.object({
      fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
      mode: z.string().default('a'),
    });
    const plan = planParameters(schema, { fields: [{ name: 'x', value: '{{ $json.a }}' }] });
    expect(plan.perLeaf).toBe(true);
    expect(paths(plan)).toEqual([['fields', 0, 'value']]);
    expect(plan.templates[0]?.acceptsAnything).toBe(true);
  });

  it('declines unions and refinements on the path and a refined top level; strict objects are fine', () => {
    const perLeaf = (schema: z.ZodType | undefined, parameters: Record<string, unknown>) => planParameters(schema, parameters).perLeaf;
    expect(perLeaf(z.object({ a: z.union([z.string(), z.number()]) }), { a: '{{ 1 }}' })).toBe(true);
    expect(perLeaf(z.object({ a: z.union([z.object({ b: z.string() }), z.string()]) }), { a: { b: '{{ 1 }}' } })).toBe(false);
    expect(perLeaf(z.object({ a: z.array(z.string()).min(1) }), { a: ['{{ 1 }}'] })).toBe(false);
    expect(
      perLeaf(
        z.object({ a: z.string() }).refine(() => true),
        { a: '{{ 1 }}' },
      ),
    ).toBe(false);
    expect(perLeaf(z.object({ a: z.object({ b: z.string() }).strict() }).strict(), { a: { b: '{{ 1 }}' } })).toBe(true);
    expect(
      perLeaf(switchNode.properties, {
        rules: [{ output: 'a', conditions: [{ field: 'x', operator: 'string:equals', rightValue: '{{ 1 }}' }] }],
      }),
    ).toBe(false);
  });

  it('does not count a checked unknown as accepting anything', () => {
    const plan = planParameters(z.object({ a: z.unknown().refine((v) => v !== 0), b: z.unknown().default(1) }), {
      a: '{{ 1 }}',
      b: '{{ 2 }}',
    });
    expect(plan.templates.map((l) => l.acceptsAnything)).toEqual([false, false]);
  });

  it('writes leaves into a copy, leaving the base untouched', () => {
    const schema = z.object({ list: z.array(z.object({ v: z.unknown(), w: z.unknown() })) });
    const plan = planParameters(schema, { list: [{ v: '{{ 1 }}', w: '{{ 2 }}' }] });
    const base = { list: [{ v: 1, w: 2, keep: true }], other: { deep: 1 } };
    const next = applyLeaves(base, plan, ['a', 'b'])!;
    expect(next).toEqual({ list: [{ v: 'a', w: 'b', keep: true }], other: { deep: 1 } });
    expect(base.list[0]).toEqual({ v: 1, w: 2, keep: true });
    expect(next.other).toBe(base.other);
  });

  it('gives every item its own values through the engine', async () => {
    const { json } = await tryNode(
      'core.set',
      { fields: [{ name: 'label', type: 'expression', value: '{{ $json.name & "!" }}' }] },
      [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      { expressions, logger: silentLogger },
    );
    expect(json.map((j) => j.label)).toEqual(['a!', 'b!', 'c!']);
  });

  it('reports a leaf that fails its schema for a later item as before, naming the parameter and item', async () => {
    const { error } = await tryNode(
      'core.renameKeys',
      { keys: [{ currentKey: 'a', newKey: '{{ $json.n }}' }] },
      [
        { a: 1, n: 'one' },
        { a: 2, n: 2 },
      ],
      { expressions },
    );
    expect(error?.message).toMatch(/parameter 'keys\.0\.newKey'.*\(item 1\)/);
  });
});

describe('the parameters with their template values', () => {
  it('is a copy sharing nothing with the document, a __proto__ key staying a plain key', () => {
    const parameters = JSON.parse('{"a": {"b": "{{ 1 }}", "c": [1]}, "__proto__": {"x": 1}}') as Record<string, unknown>;
    const plan = planParameters(undefined, parameters);
    const out = withTemplateValues(parameters, plan, [1]);
    expect(out).toEqual(JSON.parse('{"a": {"b": 1, "c": [1]}, "__proto__": {"x": 1}}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out.a as { c: unknown }).c).not.toBe((parameters.a as { c: unknown }).c);
    expect(parameters.a).toEqual({ b: '{{ 1 }}', c: [1] });
  });
});
