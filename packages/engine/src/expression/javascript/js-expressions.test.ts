import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { CodeSandbox } from '../../code-sandbox/code-sandbox.js';
import type { CodeRunRequest } from '../../code-sandbox/protocol.js';
import { parseWorkflow } from '../../model/parse-workflow.js';
import { createNodeCodeSandbox } from '../../node/node-code-sandbox.js';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { defineNode } from '../../nodes/define-node.js';
import { silentLogger } from '../../ports/logger.js';
import type { Engine } from '../../run/engine.js';
import { buildWorkflow } from '../../testing/build-workflow.js';
import { emitItemsNode } from '../../testing/test-nodes.js';
import { validateExpression } from '../validate-expression.js';

/** Outputs, for each input item, the parameters resolved for it. */
const echo = defineNode({
  type: 'test.echoParams',
  version: 1,
  displayName: 'Echo parameters',
  description: 'Test helper: outputs its resolved parameters per item.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ value: z.unknown().optional(), other: z.unknown().optional() }),
  execute: (ctx) => ctx.input().map((_item, i) => ({ json: { ...ctx.params(i) } })),
});

/** The Node sandbox, counting the runs it is asked for. */
const real = createNodeCodeSandbox({ maxWorkers: 1 });
const runs: CodeRunRequest[] = [];
const counting: CodeSandbox = {
  run: (request, signal) => {
    runs.push(request);
    return real.run(request, signal);
  },
  close: () => real.close(),
};
const engine: Engine = createNodeEngine({
  nodeTypes: [emitItemsNode, echo],
  logger: silentLogger,
  codeSandbox: counting,
  env: { API_KEY: 'k-1' },
});
afterAll(() => engine.close());

const ITEMS = [
  { name: 'ana', tags: ['a', 'b'], total: 5 },
  { name: 'bo', tags: [], total: 7 },
  { name: 'cy', tags: ['c'], total: 9 },
];

function workflow(params: Record<string, unknown>) {
  return parseWorkflow(
    buildWorkflow({
      id: 'wf-js',
      name: 'JavaScript expressions',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        { id: 'e', name: 'Fetch orders', type: 'test.emitItems', parameters: { items: ITEMS } },
        { id: 'p', name: 'Echo', type: 'test.echoParams', parameters: params },
      ],
      connections: [
        ['t', 'e'],
        ['e', 'p'],
      ],
    }),
    { nodeTypes: engine.nodeTypes },
  );
}

const output = (execution: Awaited<ReturnType<Engine['run']>>) => execution.nodes.p?.[0]?.output.main?.map((i) => i.json);

describe('JavaScript expressions ({{js: … }}) in a run', () => {
  test("a node's JavaScript parameters are evaluated for all its items in one sandbox run", async () => {
    runs.length = 0;
    const execution = await engine.run(
      workflow({
        value: '{{js: $json.name.toUpperCase() + "-" + $json.tags.length }}',
        other: 'n={{js: $("Fetch orders").all().map(i => i.json.total).sum() }}, {{ $json.total }}',
      }),
    );
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    // The oracle: the same computation in this process's JavaScript.
    const sum = ITEMS.reduce((n, i) => n + i.total, 0);
    expect(output(execution)).toEqual(
      ITEMS.map((i) => ({ value: `${i.name.toUpperCase()}-${i.tags.length}`, other: `n=${sum}, ${i.total}` })),
    );
    expect(runs.map((r) => r.mode)).toEqual(['expressions']);
    expect(JSON.parse(runs[0]!.dataJson).indexes).toEqual([0, 1, 2]);
  });

  test('an expression that cannot be resolved fails the node, naming the node, the parameter and the expression', async () => {
    const execution = await engine.run(workflow({ value: 'x {{js: $json.name.nope() }}' }));
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Echo': parameter 'value' (item 0, at character 5): TypeError: not a function Expression: {{js: $json.name.nope() }}",
    );
  });

  test('a node that has not run is an error, not nothing', async () => {
    const execution = await engine.run(workflow({ value: '{{js: $("Later").first().json }}' }));
    expect(execution.error).toMatchObject({
      code: 'EXPRESSION_REFERENCE',
      message: expect.stringContaining("there is no node named 'Later'"),
    });
  });

  test('$env shows what the host passed, and nothing else', async () => {
    const execution = await engine.run(workflow({ value: '{{js: $env.API_KEY }}', other: '{{js: Object.keys($env) }}' }));
    expect(output(execution)?.[0]).toEqual({ value: 'k-1', other: ['API_KEY'] });
  });

  test('validation tokenizes JavaScript expressions without reading them as JSONata', async () => {
    expect(await validateExpression('{{js: $json.a.map(x => x * 2) }}')).toEqual([]);
    expect(await validateExpression('{{js: /open }}')).toEqual([
      expect.objectContaining({ code: 'syntax', message: 'JavaScript expression: a regular expression is never closed.', start: 6 }),
    ]);
  });
});
