import { describe, expect, it } from 'vitest';
import type { WorkerExit } from './worker-port.js';
import { createWorkerPool, type PoolLease, type PoolableWorker, type WorkerPoolOptions } from './worker-pool.js';

/** A worker that does nothing but can be ended or made to crash, so the pool's bookkeeping can be read exactly. */
interface TestWorker extends PoolableWorker {
  name: string;
  ended: boolean;
  busy: boolean;
  crash(message: string): void;
}

function testPool(options: WorkerPoolOptions = {}) {
  const started: TestWorker[] = [];
  const pool = createWorkerPool<TestWorker>(
    {
      ...options,
      spawn: (tenantId) => {
        let exit: ((exit: WorkerExit) => void) | undefined;
        const worker: TestWorker = {
          name: `${tenantId}#${started.filter((w) => w.name.startsWith(`${tenantId}#`)).length + 1}`,
          ended: false,
          busy: false,
          terminate: () => (worker.ended = true),
          onExit: (listener) => (exit = listener),
          setBusy: (busy) => (worker.busy = busy),
          crash: (message) => exit?.({ outOfMemory: false, message }),
        };
        started.push(worker);
        return worker;
      },
    },
    { maxWorkers: 2, maxWorkersPerTenant: 2, maxIdleWorkers: 2 },
  );
  const alive = () => started.filter((w) => !w.ended).map((w) => w.name);
  return { pool, started, alive };
}

/** Whether a promise has settled, read after pending jobs ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('worker pool', () => {
  it("reuses a tenant's idle worker and never lends it to another tenant", async () => {
    const { pool, alive } = testPool();
    const a = (await pool.acquire('a'))!;
    pool.release(a);
    const again = (await pool.acquire('a'))!;
    expect(again.worker.name).toBe('a#1');
    expect(again.jobs).toBe(1);
    pool.release(again);
    const b = (await pool.acquire('b'))!;
    expect(b.worker.name).toBe('b#1');
    expect(alive()).toEqual(['a#1', 'b#1']);
  });

  it('makes room by ending the longest idle worker, and queues when every worker is busy', async () => {
    const { pool, alive } = testPool({ maxWorkers: 2 });
    const a = (await pool.acquire('a'))!;
    const b = (await pool.acquire('b'))!;
    pool.release(a);
    const c = (await pool.acquire('c'))!;
    expect(alive()).toEqual(['b#1', 'c#1']);
    const waiting = pool.acquire('d');
    expect(await settled(waiting)).toBe(false);
    expect(pool.counts()).toEqual({ workers: 2, running: 2, queued: 1 });
    pool.release(b);
    const d = (await waiting)!;
    expect(d.worker.name).toBe('d#1');
    expect(alive()).toEqual(['c#1', 'd#1']);
    pool.release(c);
    pool.release(d);
  });

  it('hands freed workers out in arrival order among the jobs that may start', async () => {
    const { pool } = testPool({ maxWorkers: 3, maxWorkersPerTenant: 1 });
    const a1 = (await pool.acquire('a'))!;
    const b1 = (await pool.acquire('b'))!;
    const order: string[] = [];
    const a2 = pool.acquire('a').then((l) => (order.push('a2'), l!));
    const c1 = pool.acquire('c').then((l) => (order.push('c1'), l!));
    // 'a' is at its tenant cap, so 'c' starts first on the free room although it came later.
    await c1;
    expect(order).toEqual(['c1']);
    pool.release(a1);
    expect((await a2).worker.name).toBe('a#1');
    expect(order).toEqual(['c1', 'a2']);
    pool.release(b1);
  });

  it('keeps no more idle workers than maxIdleWorkers', async () => {
    const { pool, alive } = testPool({ maxWorkers: 4, maxIdleWorkers: 1 });
    const leases: PoolLease<TestWorker>[] = [];
    for (const tenant of ['a', 'b', 'c']) leases.push((await pool.acquire(tenant))!);
    for (const lease of leases) pool.release(lease);
    expect(alive()).toEqual(['c#1']);
    expect(leases.map((l) => l.worker.busy)).toEqual([false, false, false]);
  });

  it('takes a waiting job out of the queue when its signal aborts', async () => {
    const { pool } = testPool({ maxWorkers: 1 });
    const a = (await pool.acquire('a'))!;
    const controller = new AbortController();
    const waiting = pool.acquire('b', controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    expect(pool.counts().queued).toBe(0);
    pool.release(a);
  });

  it('tells the holder when its worker dies, and gives the room to the next job', async () => {
    const { pool, alive } = testPool({ maxWorkers: 1 });
    const a = (await pool.acquire('a'))!;
    const exits: string[] = [];
    a.onExit = (exit) => exits.push(exit.message);
    const waiting = pool.acquire('b');
    a.worker.crash('boom');
    expect(exits).toEqual(['boom']);
    expect(a.dead).toBe(true);
    expect((await waiting)!.worker.name).toBe('b#1');
    expect(alive()).toEqual(['b#1']);
  });

  it('ends a killed worker and starts a fresh one for the tenant next time', async () => {
    const { pool, alive } = testPool();
    const a = (await pool.acquire('a'))!;
    pool.kill(a);
    expect(alive()).toEqual([]);
    const again = (await pool.acquire('a'))!;
    expect(again.worker.name).toBe('a#2');
    expect(again.jobs).toBe(0);
  });

  it('warms a worker for a tenant ahead of its first job, once', async () => {
    const { pool, started } = testPool();
    pool.warm('a');
    pool.warm('a');
    expect(started.map((w) => w.name)).toEqual(['a#1']);
    expect((await pool.acquire('a'))!.worker.name).toBe('a#1');
  });

  it('rejects waiting and later jobs once closed, and ends every worker', async () => {
    const { pool, alive } = testPool({ maxWorkers: 1 });
    await pool.acquire('a');
    const waiting = pool.acquire('b');
    pool.close(() => new Error('closed for the day'));
    await expect(waiting).rejects.toThrow('closed for the day');
    await expect(pool.acquire('c')).rejects.toThrow('closed for the day');
    expect(alive()).toEqual([]);
  });
});
