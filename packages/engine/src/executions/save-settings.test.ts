import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { chain, historyEngine, invocations } from '../testing/history-test-kit.js';

const input = Array.from({ length: 5 }, (_, n) => ({ json: { n } }));

describe('execution save settings', () => {
  beforeEach(() => invocations.clear());

  it('keeps the first N items of each port and records how many were dropped, leaving the run result whole', async () => {
    const engine = historyEngine();
    const execution = await engine.run(chain(undefined, { saveExecutions: { maxItemsPerNode: 2 } }), { input });
    expect(execution.nodes['a']![0]!.output['main']).toHaveLength(5);
    const stored = await engine.storage.executions.get('default', execution.id);
    const a = stored!.nodes['a']![0]!;
    expect(a.input['main']!.map((i) => i.json['n'])).toEqual([0, 1]);
    expect(a.output['main']).toHaveLength(2);
    expect(a.droppedItems).toBe(6);
  });

  it('keeps only status, timing and errors in summary mode', async () => {
    const engine = historyEngine({ executions: { save: { nodeData: 'summary' } } });
    const execution = await engine.run(chain('b'), { input });
    const stored = await engine.storage.executions.get('default', execution.id);
    expect(stored!.nodes['b']![0]).toMatchObject({ status: 'error', input: {}, output: {}, droppedItems: 5 });
    expect(stored!.nodes['b']![0]!.error?.message).toContain('told to fail');
    expect(stored!.status).toBe('error');
  });

  it('deletes successful executions when told not to keep them, and keeps failed ones', async () => {
    const engine = historyEngine({ executions: { save: { successful: false } } });
    const ok = await engine.run(chain(), { input });
    const failed = await engine.run(chain('c'), { input });
    expect(ok.status).toBe('success');
    expect(await engine.storage.executions.get('default', ok.id)).toBeUndefined();
    expect((await engine.storage.executions.get('default', failed.id))?.status).toBe('error');
  });

  it('does not keep manual runs when manual runs are not kept, but keeps other modes', async () => {
    const storage = createMemoryStorage();
    const engine = historyEngine({ storage, executions: { save: { manual: false } } });
    await engine.run(chain(), { input, mode: 'manual' });
    const webhook = await engine.run(chain(), { input, mode: 'webhook' });
    expect((await storage.executions.list('default')).map((e) => e.id)).toEqual([webhook.id]);
  });

  it('lets a workflow’s own settings override the engine’s defaults', async () => {
    const engine = historyEngine({ executions: { save: { failed: false } } });
    const failed = await engine.run(chain('a', { saveExecutions: { failed: true } }), { input });
    expect((await engine.storage.executions.get('default', failed.id))?.status).toBe('error');
    const dropped = await engine.run(chain('a'), { input });
    expect(await engine.storage.executions.get('default', dropped.id)).toBeUndefined();
  });

  it('refuses unknown save settings with the path of the mistake', () => {
    const engine = historyEngine();
    const result = engine.validate({ ...chain(), settings: { saveExecutions: { successfull: true } } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]!.path.join('.')).toContain('settings.saveExecutions');
  });
});
