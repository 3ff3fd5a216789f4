import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { at, sampleExecution, sampleNodeRun } from '../testing/conformance-fixtures.js';
import { executionAnalytics } from './analytics.js';

describe('executionAnalytics', () => {
  it('counts by status and reports success rate, durations, executions per day and the slowest nodes', async () => {
    const { executions } = createMemoryStorage();
    const durations = [100, 200, 300, 400, 1000];
    for (const [i, ms] of durations.entries()) {
      await executions.create(
        sampleExecution(`e${i}`, { status: i === 4 ? 'error' : 'success', startedAt: at(i * 24 * 60), finishedAt: at(i * 24 * 60, ms) }),
      );
      await executions.appendNodeRun('t1', `e${i}`, sampleNodeRun('fast', 0, { startedAt: at(0), finishedAt: at(0, 5) }));
      await executions.appendNodeRun(
        't1',
        `e${i}`,
        sampleNodeRun('slow', 1, { nodeName: 'Slow', startedAt: at(0), finishedAt: at(0, 50 + i) }),
      );
    }
    await executions.create(sampleExecution('r', { status: 'running', finishedAt: undefined, startedAt: at(4 * 24 * 60 + 1) }));
    await executions.create(sampleExecution('other', { workflowId: 'wf-2', startedAt: at(0) }));

    const a = await executionAnalytics(executions, 't1', { workflowId: 'wf-1', from: at(0), slowestNodes: 1 });
    expect(a.total).toBe(6);
    expect(a.byStatus).toEqual({ success: 4, error: 1, running: 1 });
    expect(a.successRate).toBe(0.8);
    expect(a.durationMs).toEqual({ average: 400, p50: 300, p95: 1000 });
    expect(a.perDay.map((d) => [d.day, d.total, d.success, d.failed])).toEqual([
      ['2026-01-01', 1, 1, 0],
      ['2026-01-02', 1, 1, 0],
      ['2026-01-03', 1, 1, 0],
      ['2026-01-04', 1, 1, 0],
      ['2026-01-05', 2, 0, 1],
    ]);
    expect(a.slowestNodes).toEqual([{ workflowId: 'wf-1', nodeId: 'slow', nodeName: 'Slow', runs: 5, averageMs: 52, maxMs: 54 }]);
    expect((await executionAnalytics(executions, 't1', { from: at(0) })).total).toBe(7);
    expect((await executionAnalytics(executions, 'nobody', { from: at(0) })).successRate).toBeUndefined();
  });
});
