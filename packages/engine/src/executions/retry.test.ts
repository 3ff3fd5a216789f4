import { beforeEach, describe, expect, it } from 'vitest';
import { FlowloomError } from '../errors/flowloom.error.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { chain, historyEngine, invocations, lastOutput } from '../testing/history-test-kit.js';
import { RetryError } from './retry.error.js';

const input = [{ json: { n: 0 } }, { json: { n: 1 } }];

describe('retry from history', () => {
  beforeEach(() => invocations.clear());

  it('runs again from the failed node, reusing the stored outputs of the nodes before it', async () => {
    const engine = historyEngine();
    const failed = await engine.run(chain('c'), { input });
    expect(failed.status).toBe('error');
    const current = chain();
    await engine.storage.workflows.save('default', current);
    invocations.clear();

    const retried = await engine.executions.retry(failed.id, { workflow: 'current' });
    expect(retried).toMatchObject({ status: 'success', mode: 'retry', retryOf: failed.id });
    expect(Object.fromEntries(invocations)).toEqual({ c: 1 });
    expect(retried.nodes['a']![0]!.reused).toBe(true);
    expect(retried.nodes['c']![0]!.reused).toBeUndefined();
    const uninterrupted = await historyEngine().run(chain(), { input });
    expect(lastOutput(retried, 'c')).toEqual(lastOutput(uninterrupted, 'c'));
    expect((await engine.storage.executions.list('default', { retryOf: failed.id })).map((e) => e.id)).toEqual([retried.id]);
  });

  it('retries with the workflow as it was by default, failing again where it failed', async () => {
    const engine = historyEngine();
    const failed = await engine.run(chain('b'), { input });
    await engine.storage.workflows.save('default', chain());
    invocations.clear();
    const again = await engine.executions.retry(failed.id);
    expect(again.status).toBe('error');
    expect(again.error?.message).toContain('step b was told to fail');
    expect(Object.fromEntries(invocations)).toEqual({ b: 1 });
  });

  it('retries with a workflow document the caller gives', async () => {
    const engine = historyEngine();
    const failed = await engine.run(chain('a'), { input });
    const fixed = await engine.executions.retry(failed.id, { workflow: chain() });
    expect(fixed.status).toBe('success');
    expect(lastOutput(fixed, 'c')!.map((j) => j['n'])).toEqual([111, 112]);
  });

  it('replays branches and a merge in the same order and reuses only what finished', async () => {
    const wf = (fail: boolean) =>
      buildWorkflow({
        id: 'diamond',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'split', type: 'test.parity' },
          { id: 'even', type: 'test.step', parameters: { add: 1 } },
          { id: 'odd', type: 'test.step', parameters: { add: 2 } },
          { id: 'join', type: 'test.join' },
          { id: 'end', type: 'test.step', parameters: { add: 1000, fail } },
        ],
        connections: [
          ['start', 'split'],
          ['split:even', 'even'],
          ['split:odd', 'odd'],
          ['even', 'join:a'],
          ['odd', 'join:b'],
          ['join', 'end'],
        ],
      });
    const engine = historyEngine();
    const items = [0, 1, 2, 3].map((n) => ({ json: { n } }));
    const failed = await engine.run(wf(true), { input: items });
    invocations.clear();
    const retried = await engine.executions.retry(failed.id, { workflow: wf(false) });
    expect(Object.fromEntries(invocations)).toEqual({ end: 1 });
    const reference = await historyEngine().run(wf(false), { input: items });
    expect(lastOutput(retried, 'end')).toEqual(lastOutput(reference, 'end'));
  });

  it('refuses to retry an execution that succeeded, one that does not exist, and one whose data was cut', async () => {
    const engine = historyEngine();
    const ok = await engine.run(chain(), { input });
    await expect(engine.executions.retry(ok.id)).rejects.toThrow(/succeeded/);
    const missing = await engine.executions.retry('nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RetryError);
    expect((missing as FlowloomError).code).toBe('NOT_FOUND');
    const cut = await engine.run(chain('c', { saveExecutions: { maxItemsPerNode: 1 } }), { input });
    await expect(engine.executions.retry(cut.id)).rejects.toThrow(/2 items of node 'start' were not kept/);
  });

  it('says so when the current workflow is asked for but not stored', async () => {
    const engine = historyEngine();
    const failed = await engine.run(chain('c'), { input });
    await expect(engine.executions.retry(failed.id, { workflow: 'current' })).rejects.toThrow(/workflow 'chain' is not in storage/);
  });
});
