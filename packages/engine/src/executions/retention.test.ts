import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { sampleExecution } from '../testing/conformance-fixtures.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { createTestClock } from '../testing/test-clock.js';
import { pruneExecutions, schedulePruning } from './retention.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number, tenantId = 't1', extra = {}) =>
  sampleExecution(`${tenantId}-${d}`, {
    tenantId,
    startedAt: new Date(NOW - d * DAY).toISOString(),
    finishedAt: new Date(NOW - d * DAY + 10).toISOString(),
    ...extra,
  });

describe('pruneExecutions', () => {
  it('deletes finished executions older than the maximum age, in batches, and never running ones', async () => {
    const { executions } = createMemoryStorage({ maxExecutions: 10_000 });
    for (const d of [1, 50, 89, 91, 120, 200, 365]) await executions.create(daysAgo(d));
    await executions.create(daysAgo(400, 't1', { id: 'still-running', status: 'running', finishedAt: undefined }));
    const report = await pruneExecutions(executions, { now: () => NOW, batchSize: 2 });
    expect(report).toEqual({ deleted: 4, byTenant: { t1: 4 } });
    expect((await executions.list('t1')).map((e) => e.id).sort()).toEqual(['still-running', 't1-1', 't1-50', 't1-89']);
  });

  it('keeps at most the maximum count per tenant, deleting the oldest', async () => {
    const { executions } = createMemoryStorage({ maxExecutions: 10_000 });
    for (let d = 1; d <= 12; d++) await executions.create(daysAgo(d, 'big'));
    for (let d = 1; d <= 3; d++) await executions.create(daysAgo(d, 'small'));
    const report = await pruneExecutions(executions, { now: () => NOW, maxCount: 5, batchSize: 3 });
    expect(report.byTenant).toEqual({ big: 7 });
    expect((await executions.list('big')).map((e) => e.id)).toEqual(['big-1', 'big-2', 'big-3', 'big-4', 'big-5']);
    expect(await executions.count('small')).toBe(3);
  });

  it('runs periodically on the clock until stopped', async () => {
    const clock = createTestClock({ start: NOW });
    const { executions } = createMemoryStorage();
    const reports: number[] = [];
    const stop = schedulePruning(executions, { clock, everyMs: 1000, onPrune: (r) => reports.push(r.deleted) });
    await executions.create(daysAgo(100));
    clock.advance(1000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reports).toEqual([1]);
    expect(await executions.count('t1')).toBe(0);
    stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs while the engine’s scheduler runs, with the engine’s retention options', async () => {
    const clock = createTestClock({ start: NOW });
    const storage = createMemoryStorage();
    const engine = createEngine({
      storage,
      clock,
      logger: silentLogger,
      executions: { retention: { maxAgeMs: 10 * DAY, everyMs: 60_000 } },
    });
    await storage.executions.create(daysAgo(11));
    await storage.executions.create(daysAgo(9));
    await engine.startScheduler();
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await storage.executions.list('t1')).map((e) => e.id)).toEqual(['t1-9']);
    engine.stopScheduler();
  });
});
