import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { sampleExecution, sampleNodeRun, sampleRunState, sampleWorkflow } from '../testing/conformance-fixtures.js';
import { recordingStorage } from './recording-storage.js';
import { DEFAULT_SAVE_SETTINGS } from './save-settings.js';

const items = Array.from({ length: 5 }, (_, n) => ({ json: { n } }));

describe('recording storage', () => {
  /** Records one node run of five items with a run state under the given save settings, and reads it back. */
  async function recordUnder(settings: Partial<typeof DEFAULT_SAVE_SETTINGS>) {
    const storage = recordingStorage(createMemoryStorage(), { ...DEFAULT_SAVE_SETTINGS, ...settings }, sampleWorkflow('wf-1'), 'manual');
    const state = sampleRunState(1, { stack: [{ nodeId: 'b', inputs: { main: items } }] });
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0, { output: { main: items } }), state);
    return { state, stored: await storage.executions.get('t1', 'e1') };
  }

  it('caps the items of a node run but stores the run state whole', async () => {
    const { state, stored } = await recordUnder({ maxItemsPerNode: 2 });
    expect(stored?.nodes['a']?.[0]?.output['main']).toHaveLength(2);
    expect(stored?.state).toEqual(state);
  });

  it('stores the run state whole when only a summary of node data is kept', async () => {
    const { state, stored } = await recordUnder({ nodeData: 'summary' });
    expect(stored?.nodes['a']?.[0]?.output['main']).toEqual([]);
    expect(stored?.state).toEqual(state);
  });

  it('passes claims through to the storage', async () => {
    const storage = recordingStorage(createMemoryStorage(), DEFAULT_SAVE_SETTINGS, sampleWorkflow('wf-1'), 'manual');
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, owner: 'engine-a' }));
    expect(await storage.executions.claim('t1', 'e1', 'engine-b', 'engine-a')).toBe(true);
    expect((await storage.executions.get('t1', 'e1'))?.owner).toBe('engine-b');
  });
});
