import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, defineNode, silentLogger, type Workflow } from '@flowloom/engine';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { expressionCases, securityCases, type SecurityCase } from './security-cases.js';

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());
/** Emits the resolved value of its `value` parameter: a probe for expressions. */
const echo = defineNode({
  type: 'security.echo',
  version: 1,
  displayName: 'Echo',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  execute: (ctx) => [{ json: { value: ctx.params(0).value } }],
});
const engine = createEngine({
  codeSandbox: sandbox,
  logger: silentLogger,
  nodeTypes: [echo],
  limits: { code: { memoryMb: 64, outputMb: 16 } },
});
const hostPrepareStackTrace = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

function workflow(code: string, c: Partial<SecurityCase>): Workflow {
  return engine.parseWorkflow({
    schemaVersion: 1,
    id: 'wf-security',
    name: 'Security',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
      {
        id: 'c',
        name: 'Code',
        type: 'core.code',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        parameters: { code, mode: c.mode ?? 'allItems', ...c.limits },
      },
    ],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: 'c', port: 'main' } }],
    settings: {},
  });
}

describe('Code node security table (Node)', () => {
  it('has at least 30 cases', () => {
    expect(securityCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(securityCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.before) await engine.run(workflow(c.before.code, {}), { tenantId: c.before.tenantId ?? c.tenantId ?? 'default' });
    const execution = await engine.run(workflow(c.code, c), { tenantId: c.tenantId ?? 'default', input: c.input ?? [{ json: { n: 1 } }] });
    const run = execution.nodes.c![0]!;
    if (c.expect.status === 'success') {
      expect(run.error).toBeUndefined();
      expect(run.output.main?.map((i) => i.json)).toEqual(c.expect.json);
    } else {
      expect(run.status).toBe('error');
      expect(c.expect.codes, run.error?.message).toContain(run.error?.code);
      expect(run.error?.message).toMatch(/^Code node 'Code' /);
      if (c.expect.message) expect(run.error?.message).toContain(c.expect.message);
    }
    // Nothing reached the host.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(run.output.main?.[0]?.json ?? {})).toBe(Object.prototype);
    expect((globalThis as Record<string, unknown>).leak).toBeUndefined();
    expect((Error as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(hostPrepareStackTrace);
  });
});

describe('expression security table (Node)', () => {
  it.each(expressionCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const workflow = engine.parseWorkflow({
      schemaVersion: 1,
      id: 'wf-expr',
      name: 'Expressions',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
        { id: 'e', name: 'Echo', type: 'security.echo', typeVersion: 1, position: { x: 200, y: 0 }, parameters: { value: c.template } },
      ],
      connections: [{ from: { node: 't', port: 'main' }, to: { node: 'e', port: 'main' } }],
      settings: {},
    });
    const execution = await engine.run(workflow, { input: c.input ?? [{ json: {} }] });
    const run = execution.nodes.e![0]!;
    if (c.expect.status === 'success') {
      expect(run.error).toBeUndefined();
      expect(run.output.main?.[0]?.json.value).toEqual(c.expect.value);
    } else {
      expect(run.status).toBe('error');
      expect(c.expect.codes, run.error?.message).toContain(run.error?.code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never evaluates the Code node's code as a template", async () => {
    const code = "const text = '{{ $json.secret }}'; return [{ text }];";
    const execution = await engine.run(workflow(code, {}), { input: [{ json: { secret: 'leaked' } }] });
    expect(execution.nodes.c![0]!.output.main?.[0]?.json).toEqual({ text: '{{ $json.secret }}' });
  });
});
