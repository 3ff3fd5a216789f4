import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { silentLogger } from '../ports/logger.js';
import { tryNode } from '../nodes/data/shared/test-harness.js';
import { switchNode } from '../nodes/flow/switch.js';
import { applyLeaves, planParams } from './param-plan.js';

const expressions = createExpressionResolver();

describe('per-item parameters from template leaves', () => {
  it('plans the template leaves of plain object and array shapes', () => {
    const schema = z.object({
      fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
      mode: z.string().default('a'),
    });
    const plan = planParams(schema, { fields: [{ name: 'x', value: '{{ $json.a }}' }] });
    expect(plan?.leaves.map((l) => l.path)).toEqual([['fields', 0, 'value']]);
  });

  it('declines unions and refinements on the path and a refined top level; strict objects are fine', () => {
    expect(planParams(z.object({ a: z.union([z.string(), z.number()]) }), { a: '{{ 1 }}' })?.leaves[0]?.path).toEqual(['a']);
    expect(planParams(z.object({ a: z.union([z.object({ b: z.string() }), z.string()]) }), { a: { b: '{{ 1 }}' } })).toBeUndefined();
    expect(planParams(z.object({ a: z.array(z.string()).min(1) }), { a: ['{{ 1 }}'] })).toBeUndefined();
    expect(planParams(z.object({ a: z.object({ b: z.string() }).strict() }).strict(), { a: { b: '{{ 1 }}' } })?.leaves[0]?.path).toEqual([
      'a',
      'b',
    ]);
    expect(
      planParams(switchNode.properties, {
        rules: [{ output: 'a', conditions: [{ field: 'x', operator: 'string:equals', rightValue: '{{ 1 }}' }] }],
      }),
    ).toBeUndefined();
    expect(planParams(z.object({ a: z.string() }), { a: 'no template' })).toBeUndefined();
  });

  it('writes leaves into a copy, leaving the base untouched', () => {
    const schema = z.object({ list: z.array(z.object({ v: z.unknown(), w: z.unknown() })) });
    const plan = planParams(schema, { list: [{ v: '{{ 1 }}', w: '{{ 2 }}' }] })!;
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
      {
        expressions,
        logger: silentLogger,
      },
    );
    expect(json.map((j) => j.label)).toEqual(['a!', 'b!', 'c!']);
  });

  it('reports a leaf that fails its schema for a later item as before, naming the parameter and item', async () => {
    const { error } = await tryNode('core.limit', { maxItems: '{{ $json.n }}' }, [{ n: 1 }, { n: 'two' }], { expressions });
    expect(error?.message).toMatch(/parameter 'maxItems'.*\(item 1\)/);
  });
});
