import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../nodes/define-node.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import type { Storage } from '../storage/storage.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from './engine.js';

/** A node that adds 1 to `n` and counts its runs per node id. */
function countingNode(runs: Record<string, number>) {
  return defineNode({
    type: 'test.step',
    version: 1,
    displayName: 'Step',
    description: 'Test helper: adds 1 to n and counts its runs.',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    execute(ctx) {
      runs[ctx.node.id] = (runs[ctx.node.id] ?? 0) + 1;
      return ctx.input().map((item) => ({ json: { ...item.json, n: Number(item.json['n']) + 1 } }));
    },
  });
}

const chain = buildWorkflow({
  id: 'chain',
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'a', type: 'test.step' },
    { id: 'b', type: 'test.step' },
    { id: 'c', type: 'test.step' },
  ],
  connections: [
    ['start', 'a'],
    ['a', 'b'],
    ['b', 'c'],
  ],
});

/**
 * A storage whose engine "dies" once `after` node runs are recorded: later
 * writes fail and the end is never written, as when a process is killed.
 */
function dyingStorage(storage: Storage, after: number): Storage {
  let recorded = 0;
  return {
    ...storage,
    executions: {
      ...storage.executions,
      async appendNodeRun(tenantId, id, run, state) {
        if (recorded++ >= after) throw new Error('the process died');
        return storage.executions.appendNodeRun(tenantId, id, run, state);
      },
      async finish() {},
    },
  };
}

describe('engine.runJob', () => {
  it('runs with the execution id it is given', async () => {
    const runs: Record<string, number> = {};
    const engine = createEngine({ nodeTypes: [countingNode(runs)], logger: silentLogger });
    const execution = await engine.runJob({
      workflow: chain,
      executionId: 'job-1',
      tenantId: 'acme',
      mode: 'webhook',
      input: [{ json: { n: 0 } }],
    });
    expect(execution).toMatchObject({ id: 'job-1', tenantId: 'acme', mode: 'webhook', status: 'success' });
    expect((await engine.storage.executions.get('acme', 'job-1'))?.nodes['c']?.[0]?.output['main']).toEqual([{ json: { n: 3 } }]);
  });

  it('continues a running execution from its stored state, and never runs a recorded node again', async () => {
    const storage = createMemoryStorage();
    const runs: Record<string, number> = {};
    const first = createEngine({ nodeTypes: [countingNode(runs)], storage: dyingStorage(storage, 2), logger: silentLogger });
    await first.runJob({ workflow: chain, executionId: 'e1', tenantId: 'acme', mode: 'manual', input: [{ json: { n: 0 } }] });
    const left = await storage.executions.get('acme', 'e1');
    expect(left?.status).toBe('running');
    expect(Object.keys(left!.nodes).sort()).toEqual(['a', 'start']);

    const second = createEngine({ nodeTypes: [countingNode(runs)], storage, logger: silentLogger });
    const done = await second.runJob({ workflow: chain, executionId: 'e1', tenantId: 'acme', mode: 'manual', continueFrom: left! });
    expect(done.status).toBe('success');
    const stored = await storage.executions.get('acme', 'e1');
    expect(Object.fromEntries(Object.entries(stored!.nodes).map(([id, list]) => [id, list.length]))).toEqual({
      start: 1,
      a: 1,
      b: 1,
      c: 1,
    });
    expect(stored?.nodes['c']?.[0]?.output['main']).toEqual([{ json: { n: 3 } }]);
    // `a` ran once, before the first engine died; `b` ran on both (its record was never written the first time).
    expect(runs).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('resumes a waiting execution with the wait and the call it carries', async () => {
    const engine = createEngine({ logger: silentLogger });
    const waiting = await engine.run(
      buildWorkflow({
        id: 'approval',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook' } },
          { id: 'after', type: 'core.noOp' },
        ],
        connections: [
          ['start', 'pause'],
          ['pause', 'after'],
        ],
      }),
    );
    expect(waiting.status).toBe('waiting');
    const stored = (await engine.storage.executions.get('default', waiting.id))!;
    const item = { json: { body: { approved: true } } };
    const resumed = await engine.runJob({
      workflow: stored.wait!.workflow,
      executionId: stored.id,
      tenantId: 'default',
      mode: stored.mode,
      resume: { execution: stored, wait: stored.wait!, info: { reason: 'webhook', item } },
    });
    expect(resumed.status).toBe('success');
    expect(resumed.nodes['after']?.[0]?.input['main']).toEqual([item]);
  });

  it('keeps none of the values it is told to redact', async () => {
    const engine = createEngine({ logger: silentLogger });
    const execution = await engine.runJob({
      workflow: buildWorkflow({ nodes: [{ id: 'start', type: 'core.manualTrigger' }] }),
      executionId: 'secret-run',
      tenantId: 'default',
      mode: 'webhook',
      input: [{ json: { headers: { authorization: 'Bearer a-caller-secret' } } }],
      redactValues: ['Bearer a-caller-secret'],
    });
    const stored = await engine.storage.executions.get('default', execution.id);
    expect(JSON.stringify(stored)).not.toContain('a-caller-secret');
  });

  it('refuses an option it does not know, naming it', async () => {
    const engine = createEngine({ logger: silentLogger });
    expect(() =>
      engine.runJob({ workflow: chain, executionId: 'x', tenantId: 't', mode: 'manual' }, { sginal: undefined } as never),
    ).toThrow(/engine\.runJob.*sginal/);
  });
});
