import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { literalParameters, type ParameterResolver } from '../expression/resolver.js';
import type { Item } from '../model/item.js';
import { defineNode } from '../nodes/define-node.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { createEngine } from './engine.js';

const probeProperties = z.object({
  label: z.string().optional(),
  script: z.string().optional().meta({ noExpression: true }),
  options: z
    .object({
      pattern: z.string().optional().meta({ noExpression: true }),
      title: z.string().optional(),
    })
    .optional(),
});

/** Outputs, for each input item, the parameters `ctx.params(i)` gives, reading the items last to first. */
const probe = defineNode({
  type: 'test.probe',
  version: 1,
  displayName: 'Probe',
  description: 'Test helper: outputs its parameters per item.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: probeProperties,
  execute: (ctx) =>
    ctx
      .input()
      .map((_item, i) => i)
      .reverse()
      .map((i) => ({ json: { item: i, ...ctx.params(i) } }))
      .reverse(),
});

/** The same probe with a check on its whole parameter object, so every item's parameters are validated whole. */
const wholeProbe = defineNode({
  ...probe,
  type: 'test.wholeProbe',
  properties: probeProperties.refine(() => true),
  execute: (ctx) => ctx.input().map((_item, i) => ({ json: { item: i, ...ctx.params(i) } })),
});

const ITEMS: Item[] = [{ json: { a: 'one' } }, { json: { a: 'two' } }, { json: { a: 'three' } }];

async function paramsPerItem(type: string, parameters: Record<string, unknown>, expressions?: ParameterResolver) {
  const engine = createEngine({ nodeTypes: [probe, wholeProbe], logger: silentLogger, ...(expressions ? { expressions } : {}) });
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'probe', type, parameters },
    ],
    connections: [['start', 'probe']],
  });
  const execution = await engine.run(workflow, { input: ITEMS });
  expect(execution.error).toBeUndefined();
  return execution.nodes.probe?.[0]?.output.main?.map((i) => i.json);
}

describe.each([
  ['template leaves resolved per item', 'test.probe'],
  ['parameters validated whole per item', 'test.wholeProbe'],
])('parameters for every item (%s)', (_path, type) => {
  it('gives a noExpression parameter as written to every item', async () => {
    expect(await paramsPerItem(type, { label: 'x{{ $json.a }}', script: 'x{{ $json.a }}' })).toEqual([
      { item: 0, label: 'xone', script: 'x{{ $json.a }}' },
      { item: 1, label: 'xtwo', script: 'x{{ $json.a }}' },
      { item: 2, label: 'xthree', script: 'x{{ $json.a }}' },
    ]);
  });

  it('gives a noExpression parameter nested in an object as written to every item', async () => {
    const got = await paramsPerItem(type, { label: '{{ $json.a }}', options: { pattern: '{{ $json.a }}!', title: '{{ $json.a }}!' } });
    expect(got).toEqual(
      ['one', 'two', 'three'].map((a, item) => ({ item, label: a, options: { pattern: '{{ $json.a }}!', title: `${a}!` } })),
    );
  });

  it('reads \\{{ as a literal {{ for every item, except in noExpression parameters', async () => {
    const got = await paramsPerItem(type, {
      label: '\\{{ a }} {{ $json.a }}',
      script: '\\{{ b }} {{ $json.a }}',
      options: { pattern: '\\{{ c }}', title: '\\{{ d }}' },
    });
    expect(got).toEqual(
      ['one', 'two', 'three'].map((a, item) => ({
        item,
        label: `{{ a }} ${a}`,
        script: '\\{{ b }} {{ $json.a }}',
        options: { pattern: '\\{{ c }}', title: '{{ d }}' },
      })),
    );
  });

  it('asks a host resolver for each template, and never for noExpression parameters', async () => {
    const asked: string[] = [];
    const upper: ParameterResolver = {
      evaluateTemplate: (template, scope) => {
        asked.push(template);
        return template.replace('{{ $json.a }}', String(scope.item?.json.a).toUpperCase());
      },
    };
    const got = await paramsPerItem(type, { label: 'x{{ $json.a }}', script: 'x{{ $json.a }}' }, upper);
    expect(got?.map((p) => [p.label, p.script])).toEqual([
      ['xONE', 'x{{ $json.a }}'],
      ['xTWO', 'x{{ $json.a }}'],
      ['xTHREE', 'x{{ $json.a }}'],
    ]);
    expect(asked).toEqual(['x{{ $json.a }}', 'x{{ $json.a }}', 'x{{ $json.a }}']);
  });

  it('leaves every parameter as written when the host turns expressions off', async () => {
    const parameters = { label: 'x{{ $json.a }}', script: '\\{{ b }}', options: { title: '\\{{ c }}' } };
    expect(await paramsPerItem(type, parameters, literalParameters)).toEqual([0, 1, 2].map((item) => ({ item, ...parameters })));
  });
});
