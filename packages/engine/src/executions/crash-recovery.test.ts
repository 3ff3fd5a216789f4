import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { sampleNodeRun } from '../testing/conformance-fixtures.js';
import { chain, historyEngine, invocations, lastOutput } from '../testing/history-test-kit.js';

/** A storage holding what an engine that died after node `a` would have left. */
async function leftRunning(owner: string) {
  const storage = createMemoryStorage();
  const workflow = chain();
  await storage.executions.create({
    id: 'dead',
    workflowId: workflow.id,
    tenantId: 'default',
    status: 'running',
    mode: 'webhook',
    startedAt: new Date().toISOString(),
    owner,
    workflow,
    nodes: {},
  });
  const trigger = { main: [{ json: { n: 0 } }] };
  await storage.executions.appendNodeRun('default', 'dead', sampleNodeRun('start', 0, { input: trigger, output: trigger }));
  await storage.executions.appendNodeRun('default', 'dead', {
    ...sampleNodeRun('a', 1, { input: trigger, output: { main: [{ json: { n: 1, a: true } }] } }),
    nodeName: 'a',
  });
  return storage;
}

describe('crash recovery', () => {
  beforeEach(() => invocations.clear());

  it('marks executions left running by a dead engine as crashed when an engine starts', async () => {
    const storage = await leftRunning('engine-of-a-dead-process');
    const engine = historyEngine({ storage });
    const report = await engine.executions.recovered;
    expect(report.crashed).toEqual([{ tenantId: 'default', executionId: 'dead' }]);
    const dead = await storage.executions.get('default', 'dead');
    expect(dead?.status).toBe('crashed');
    expect(dead?.error?.code).toBe('EXECUTION_CRASHED');
    expect(dead?.nodes['a']).toHaveLength(1);
  });

  it('leaves alone executions of an engine still alive in this process', async () => {
    const first = historyEngine({ executions: { crashRecovery: 'off' } });
    const storage = await leftRunning(first.executions.instanceId);
    const second = historyEngine({ storage });
    expect((await second.executions.recovered).skipped).toBe(1);
    expect((await storage.executions.get('default', 'dead'))?.status).toBe('running');
  });

  it('asks the host whether an owner is alive when it passes a check', async () => {
    const storage = await leftRunning('worker-7');
    const engine = historyEngine({ storage, executions: { isOwnerAlive: (owner) => owner === 'worker-7' } });
    expect((await engine.executions.recovered).crashed).toEqual([]);
  });

  it('resumes crashed executions from the interrupted node when the host opts in', async () => {
    const storage = await leftRunning('gone');
    const engine = historyEngine({ storage, executions: { crashRecovery: 'resume' } });
    await engine.executions.recovered;
    const [retry] = await storage.executions.list('default', { retryOf: 'dead' });
    expect(retry?.status).toBe('success');
    expect(Object.fromEntries(invocations)).toEqual({ b: 1, c: 1 });
    const reference = await historyEngine().run(chain(), { input: [{ json: { n: 0 } }] });
    expect(lastOutput(await storage.executions.get('default', retry!.id), 'c')).toEqual(lastOutput(reference, 'c'));
  });

  it('records which engine runs each execution', async () => {
    const engine = historyEngine({ executions: { instanceId: 'engine-x' } });
    const execution = await engine.run(chain());
    expect(execution.owner).toBe('engine-x');
    expect((await engine.storage.executions.list('default'))[0]?.owner).toBe('engine-x');
  });
});
