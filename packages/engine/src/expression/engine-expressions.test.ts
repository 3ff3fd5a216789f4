import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createEngine, type Engine } from '../run/engine.js';
import { defineNode } from '../nodes/define-node.js';
import { parseWorkflow } from '../model/parse-workflow.js';
import { silentLogger } from '../ports/logger.js';
import { emitItemsNode } from '../testing/test-nodes.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import type { Workflow } from '../model/workflow.js';
import { VariableError } from './variable.error.js';

/** Outputs, for each input item, the parameters resolved for it. */
const echo = defineNode({
  type: 'test.echoParams',
  version: 1,
  displayName: 'Echo parameters',
  description: 'Test helper: outputs its resolved parameters per item.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ value: z.unknown().optional(), count: z.number().optional() }),
  execute: (ctx) => ctx.input().map((_item, i) => ({ json: { ...ctx.params(i) } })),
});

function workflow(params: Record<string, unknown>, extra: { executeOnce?: boolean; emit?: unknown[] } = {}): Workflow {
  return parseWorkflow(
    buildWorkflow({
      id: 'wf-expr',
      name: 'Expressions',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        {
          id: 'e',
          name: 'Fetch orders',
          type: 'test.emitItems',
          parameters: {
            items: extra.emit ?? [
              { total: 5, who: 'ana' },
              { total: 7, who: 'bo' },
            ],
          },
        },
        { id: 'p', name: 'Echo', type: 'test.echoParams', parameters: params, ...(extra.executeOnce ? { executeOnce: true } : {}) },
      ],
      connections: [
        ['t', 'e'],
        ['e', 'p'],
      ],
    }),
    { nodeTypes: engineFor().nodeTypes },
  );
}

function engineFor(): Engine {
  return createEngine({ nodeTypes: [emitItemsNode, echo], logger: silentLogger, env: { region: 'eu' } });
}

const output = (execution: Awaited<ReturnType<Engine['run']>>) => execution.nodes.p?.[0]?.output.main?.map((i) => i.json);

describe('the engine resolves templates before execute', () => {
  test('each item gets its own parameters, JSONata and fast path alike', async () => {
    const engine = engineFor();
    const execution = await engine.run(
      workflow({ value: 'Hi {{ $uppercase($json.who) }} #{{ $itemIndex }}', count: '{{ $json.total * 2 }}' }),
    );
    expect(execution.status).toBe('success');
    expect(output(execution)).toEqual([
      { value: 'Hi ANA #0', count: 10 },
      { value: 'Hi BO #1', count: 14 },
    ]);
  });

  test('\\{{ is a literal {{ in every parameter string, with or without an expression beside it', async () => {
    const execution = await engineFor().run(
      workflow({ value: { only: '\\{{ not }}', nested: ['\\{{ a }} and {{ $json.who }}'], plain: 'no braces' } }),
    );
    expect(execution.status).toBe('success');
    expect(output(execution)).toEqual([
      { value: { only: '{{ not }}', nested: ['{{ a }} and ana'], plain: 'no braces' } },
      { value: { only: '{{ not }}', nested: ['{{ a }} and bo'], plain: 'no braces' } },
    ]);
    const literalOnly = await engineFor().run(workflow({ value: '\\{{ not }}' }));
    expect(output(literalOnly)).toEqual([{ value: '{{ not }}' }, { value: '{{ not }}' }]);
  });

  test('resolved values are validated by the node schema', async () => {
    const execution = await engineFor().run(workflow({ count: '{{ $json.who }}' }));
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toMatch(/Node 'Echo' \(Echo parameters\): parameter 'count'.*item 0/);
  });

  test('executeOnce resolves the first item only', async () => {
    const execution = await engineFor().run(workflow({ value: '{{ $json.who }}' }, { executeOnce: true }));
    expect(output(execution)).toEqual([{ value: 'ana' }]);
  });

  test('another node is read by name', async () => {
    const execution = await engineFor().run(
      workflow({ value: '{{ $sum($node("Fetch orders").all.json.total) }}', count: '{{ $node("Fetch orders").json.total }}' }),
    );
    expect(output(execution)).toEqual([
      { value: 12, count: 5 },
      { value: 12, count: 7 },
    ]);
  });

  test('an expression error names the node, the parameter, the item, the character and the expression', async () => {
    const execution = await engineFor().run(workflow({ value: 'x {{ $json.total > 6 ? $node("Missing").json : 1 }}' }));
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({
      code: 'EXPRESSION_REFERENCE',
      message:
        "Node 'Echo': parameter 'value' (item 1, at character 30): There is no node named 'Missing' in this workflow. Expression: {{ $json.total > 6 ? $node(\"Missing\").json : 1 }}",
      details: { itemIndex: 1, parameter: 'value', position: 29 },
    });
  });

  test('a broken budget fails the node with a clear error and the engine goes on', async () => {
    const engine = engineFor();
    const bad = await engine.run(workflow({ value: '{{ $pad("x", 900000000) }}' }));
    expect(bad.error).toMatchObject({ code: 'EXPRESSION_BUDGET' });
    const good = await engine.run(workflow({ value: '{{ $json.who }}' }));
    expect(good.status).toBe('success');
  });

  test("$random(), $randomItem() and $shuffle() draw from the engine's random, so a seeded engine repeats them", async () => {
    const engine = createEngine({ nodeTypes: [emitItemsNode, echo], logger: silentLogger, random: () => 0.1 });
    const value = '{{ { "n": $random(), "item": $randomItem(["a", "b", "c", "d"]), "order": $shuffle([1, 2, 3]) } }}';
    const execution = await engine.run(workflow({ value }));
    const drawn = { n: 0.1, item: 'a', order: [2, 3, 1] };
    expect(output(execution)).toEqual([{ value: drawn }, { value: drawn }]);
  });

  test('$env is what the host passed', async () => {
    const execution = await engineFor().run(workflow({ value: '{{ $env.region }}-{{ $env.HOME }}' }));
    expect(output(execution)?.[0]).toEqual({ value: 'eu-' });
  });

  test('$workflow and $execution describe the run', async () => {
    const execution = await engineFor().run(
      workflow({ value: '{{ $workflow.name }}/{{ $execution.id = "' + 'x' + '" ? "?" : $execution.mode }}' }),
    );
    expect(output(execution)?.[0]).toEqual({ value: 'Expressions/manual' });
  });
});

describe('variables', () => {
  test('tenant variables, overridden by workflow variables, overridden by run vars', async () => {
    const engine = engineFor();
    await engine.variables.set('greeting', 'tenant hello');
    await engine.variables.set('limit', 10);
    await engine.variables.set('region', 'tenant-region');
    await engine.variables.set('limit', 20, { workflowId: 'wf-expr' });
    await engine.variables.set('region', 'workflow-region', { workflowId: 'wf-expr' });
    const execution = await engine.run(workflow({ value: '{{ [$vars.greeting, $vars.limit, $vars.region] }}' }), {
      vars: { region: 'run-region' },
    });
    expect(output(execution)?.[0]).toEqual({ value: ['tenant hello', 20, 'run-region'] });
  });

  test('variables are scoped by tenant', async () => {
    const engine = engineFor();
    await engine.variables.set('secret', 'for t1', { tenantId: 't1' });
    const t2 = await engine.run(workflow({ value: '{{ $vars.secret }}' }), { tenantId: 't2' });
    const t1 = await engine.run(workflow({ value: '{{ $vars.secret }}' }), { tenantId: 't1' });
    expect(output(t2)?.[0]).toEqual({});
    expect(output(t1)?.[0]).toEqual({ value: 'for t1' });
  });

  test('set, get, list and delete', async () => {
    const engine = engineFor();
    const saved = await engine.variables.set('plan', { tier: 'pro' });
    expect(saved).toMatchObject({ key: 'plan', type: 'json', value: { tier: 'pro' } });
    await engine.variables.set('on', true, { workflowId: 'w1' });
    expect(await engine.variables.get('plan')).toMatchObject({ value: { tier: 'pro' } });
    expect(await engine.variables.get('on')).toBeUndefined();
    expect(await engine.variables.get('on', { workflowId: 'w1' })).toMatchObject({ type: 'boolean', value: true });
    expect((await engine.variables.list()).map((v) => v.key)).toEqual(['plan']);
    expect((await engine.variables.list({ workflowId: 'w1' })).map((v) => v.key)).toEqual(['on']);
    expect(await engine.variables.delete('plan')).toBe(true);
    expect(await engine.variables.delete('plan')).toBe(false);
  });

  test.each([
    ['bad key', 'two words', 'x', undefined, /not valid/],
    ['leading digit', '1st', 'x', undefined, /not valid/],
    ['proto key', '__proto__x', 1, 'string', /type string/],
    ['type mismatch', 'limit', 'ten', 'number', /type number, but the value is a string/],
    ['not finite', 'n', Number.NaN, undefined, /finite/],
    ['unknown type', 'n', 1, 'date', /type must be/],
  ] as const)('refuses a variable with a %s', async (_what, key, value, type, message) => {
    const engine = engineFor();
    const error = await engine.variables.set(key, value, type ? { type: type as never } : {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VariableError);
    expect((error as Error).message).toMatch(message);
  });

  test('a stored variable is a copy of the value given', async () => {
    const engine = engineFor();
    const value = { n: 1 };
    await engine.variables.set('obj', value);
    value.n = 2;
    expect((await engine.variables.get('obj'))?.value).toEqual({ n: 1 });
  });
});
