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
    const report = await pruneExecutions(executions, { allTenants: true, now: () => NOW, batchSize: 2 });
    expect(report).toEqual({ deleted: 4, byTenant: { t1: 4 } });
    expect((await executions.list('t1')).map((e) => e.id).sort()).toEqual(['still-running', 't1-1', 't1-50', 't1-89']);
  });

  it('keeps at most the maximum count per tenant, deleting the oldest', async () => {
    const { executions } = createMemoryStorage({ maxExecutions: 10_000 });
    for (let d = 1; d <= 12; d++) await executions.create(daysAgo(d, 'big'));
    for (let d = 1; d <= 3; d++) await executions.create(daysAgo(d, 'small'));
    const report = await pruneExecutions(executions, { allTenants: true, now: () => NOW, maxCount: 5, batchSize: 3 });
    expect(report.byTenant).toEqual({ big: 7 });
    expect((await executions.list('big')).map((e) => e.id)).toEqual(['big-1', 'big-2', 'big-3', 'big-4', 'big-5']);
    expect(await executions.count('small')).toBe(3);
  });

  it('runs periodically on the clock until stopped', async () => {
    const clock = createTestClock({ start: NOW });
    const { executions } = createMemoryStorage();
    const reports: number[] = [];
    let pruned!: () => void;
    const firstPass = new Promise<void>((resolve) => (pruned = resolve));
    const stop = schedulePruning(executions, {
      clock,
      allTenants: true,
      everyMs: 1000,
      onPrune: (r) => {
        reports.push(r.deleted);
        pruned();
      },
    });
    await executions.create(daysAgo(100));
    clock.advance(1000);
    await firstPass;
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
      executions: { retention: { allTenants: true, maxAgeMs: 10 * DAY, everyMs: 60_000 } },
    });
    await storage.executions.create(daysAgo(11));
    await storage.executions.create(daysAgo(9));
    await engine.startScheduler();
    clock.advance(60_000);
    // The pass arms the next one's timer when it is done.
    await clock.whenTimer(60_000);
    expect((await storage.executions.list('t1')).map((e) => e.id)).toEqual(['t1-9']);
    engine.stopScheduler();
  });
});

describe('pruning names its tenants', () => {
  const twoTenants = async () => {
    const storage = createMemoryStorage();
    for (const tenantId of ['acme', 'globex']) for (const d of [100, 200]) await storage.executions.create(daysAgo(d, tenantId));
    return storage;
  };
  const counts = async (storage: ReturnType<typeof createMemoryStorage>) => [
    await storage.executions.count('acme'),
    await storage.executions.count('globex'),
  ];

  it('refuses a prune that names no tenants, deleting nothing', async () => {
    const storage = await twoTenants();
    await expect(pruneExecutions(storage.executions, { maxAgeMs: 0, maxCount: 0, now: () => NOW })).rejects.toMatchObject({
      name: 'OptionError',
      code: 'TENANT_SCOPE_REQUIRED',
      message:
        "pruneExecutions: say which tenants to prune: tenants: ['acme'] for some, or allTenants: true for every tenant in the storage. Nothing was deleted.",
    });
    expect(await counts(storage)).toEqual([2, 2]);
  });

  it('refuses tenants and allTenants together', async () => {
    const storage = await twoTenants();
    await expect(pruneExecutions(storage.executions, { tenants: ['acme'], allTenants: true, maxAgeMs: 0 })).rejects.toMatchObject({
      code: 'TENANT_SCOPE_REQUIRED',
      option: 'allTenants',
    });
    expect(await counts(storage)).toEqual([2, 2]);
  });

  it('prunes only the tenants named', async () => {
    const storage = await twoTenants();
    const report = await pruneExecutions(storage.executions, { tenants: ['globex'], maxAgeMs: 0, maxCount: 0, now: () => NOW });
    expect(report).toEqual({ deleted: 2, byTenant: { globex: 2 } });
    expect(await counts(storage)).toEqual([2, 0]);
  });

  it('refuses an unknown option such as tenantId, deleting nothing', async () => {
    const storage = await twoTenants();
    const options = { tenantId: 'globex', maxAgeMs: 0, maxCount: 0 } as never;
    await expect(pruneExecutions(storage.executions, options)).rejects.toMatchObject({ code: 'UNKNOWN_OPTION', option: 'tenantId' });
    expect(await counts(storage)).toEqual([2, 2]);
  });

  it('names the option, the known ones and the likely one when engine.executions.prune is given tenantId', async () => {
    const storage = await twoTenants();
    const engine = createEngine({ storage, logger: silentLogger });
    const options = { tenantId: 'globex', maxAgeMs: 0, maxCount: 0 } as never;
    await expect(engine.executions.prune(options)).rejects.toThrow(
      "engine.executions.prune: unknown option 'tenantId'. Known options: tenants, allTenants, maxAgeMs, maxCount, batchSize, now. Did you mean 'tenants'?",
    );
    expect(await counts(storage)).toEqual([2, 2]);
  });

  it('refuses a schedule that names no tenants when it is set up, not at its first pass', () => {
    const clock = createTestClock({ start: NOW });
    const { executions } = createMemoryStorage();
    expect(() => schedulePruning(executions, { clock, everyMs: 1000 })).toThrow(/schedulePruning: say which tenants to prune/);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses engine retention whose periodic pass names no tenants, unless the pass is off', () => {
    expect(() => createEngine({ logger: silentLogger, executions: { retention: { maxAgeMs: DAY } } })).toThrow(
      /createEngine: executions.retention prunes every hour .* allTenants: true .* everyMs: 0 turns periodic pruning off/,
    );
    expect(() => createEngine({ logger: silentLogger, executions: { retention: { maxAgeMs: DAY, everyMs: 0 } } })).not.toThrow();
  });

  it('lets engine.executions.prune use the tenants of the engine’s retention, or its own instead', async () => {
    const storage = await twoTenants();
    const clock = createTestClock({ start: NOW });
    const engine = createEngine({ storage, clock, logger: silentLogger, executions: { retention: { tenants: ['acme'], everyMs: 0 } } });
    expect(await engine.executions.prune({ maxAgeMs: 150 * DAY })).toEqual({ deleted: 1, byTenant: { acme: 1 } });
    expect(await engine.executions.prune({ allTenants: true, maxAgeMs: 150 * DAY })).toEqual({ deleted: 1, byTenant: { globex: 1 } });
    expect(await counts(storage)).toEqual([1, 1]);
  });

  it('prunes nothing on a schedule when the engine has no retention options', async () => {
    const storage = await twoTenants();
    const clock = createTestClock({ start: NOW });
    const engine = createEngine({ storage, clock, logger: silentLogger });
    await engine.startScheduler();
    expect(clock.pendingTimers).toBe(0);
    engine.stopScheduler();
    expect(await counts(storage)).toEqual([2, 2]);
  });
});
