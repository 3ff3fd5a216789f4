import type { OptionSpec } from '../options/check-options.js';
import type { WorkerExit } from './worker-port.js';
import { WorkerError } from './worker.error.js';

/**
 * How many workers a pool may hold; the same three numbers, with the same
 * meaning, for the Code node sandbox and for whole-execution isolation.
 * A job beyond the caps waits, in arrival order among those that may start;
 * its signal takes it out of the queue.
 */
export interface WorkerPoolOptions {
  /** Workers alive at once, busy or idle, all tenants together. */
  maxWorkers?: number;
  /** Jobs of one tenant running at once, so one tenant cannot take every worker. */
  maxWorkersPerTenant?: number;
  /** Idle workers kept for reuse, across tenants; the longest idle is ended first. Workers serve one tenant for life. */
  maxIdleWorkers?: number;
}

/** The keys of a worker pool's options. */
export const WORKER_POOL_OPTIONS: OptionSpec<WorkerPoolOptions> = { maxWorkers: true, maxWorkersPerTenant: true, maxIdleWorkers: true };

/** What a pool needs of a started worker: a way to end it, to hear that it died, and (in Node) to say whether it is busy. */
export interface PoolableWorker {
  terminate(): unknown;
  onExit(listener: (exit: WorkerExit) => void): void;
  setBusy?(busy: boolean): void;
}

/** A worker of the pool, lent to one job at a time. */
export interface PoolLease<W> {
  readonly tenantId: string;
  readonly worker: W;
  /** The worker was ended (killed, crashed or closed); it goes back to no one. */
  readonly dead: boolean;
  /** Jobs this worker has finished; 0 on its first job (a cold worker may need more time). */
  readonly jobs: number;
  /** Called once if the worker dies while lent; set by the job that holds it. */
  onExit?: (exit: WorkerExit) => void;
}

/** A pool's state at one moment. */
export interface WorkerPoolCounts {
  /** Workers alive, idle or busy. */
  workers: number;
  /** Workers lent to a job. */
  running: number;
  /** Jobs waiting for a worker. */
  queued: number;
}

/** Killable workers, one tenant each, lent to one job at a time under the caps of `WorkerPoolOptions`. */
export interface WorkerPool<W> {
  /** A worker of the tenant: an idle one, a new one within the caps, or the next to free up; undefined when the signal aborts first. */
  acquire(tenantId: string, signal?: AbortSignal): Promise<PoolLease<W> | undefined>;
  /** Gives a lent worker back: it stays for the tenant's next job (within `maxIdleWorkers`) unless it died. */
  release(lease: PoolLease<W>): void;
  /** Ends a worker (a watchdog, a fatal error, a cancel); a lent one is released with it. */
  kill(lease: PoolLease<W>): void;
  /** Starts an idle worker for the tenant ahead of its first job, when it has none and there is room. */
  warm(tenantId: string): void;
  /** Ends every worker; jobs still waiting, and later ones, reject with `error` (default `WORKER_POOL_CLOSED`). */
  close(error?: () => Error): void;
  counts(): WorkerPoolCounts;
}

interface Entry<W> extends PoolLease<W> {
  dead: boolean;
  jobs: number;
}

interface Waiter<W> {
  tenantId: string;
  grant(entry: Entry<W>): void;
  fail(error: unknown): void;
}

/**
 * The worker pool both the Code node sandbox and whole-execution isolation
 * use. `spawn` starts a worker for a tenant; the pool ends it when it is past
 * the idle cap, when the holder kills it, or on `close`.
 */
export function createWorkerPool<W extends PoolableWorker>(
  options: WorkerPoolOptions & { spawn(tenantId: string): W },
  defaults: Required<WorkerPoolOptions>,
): WorkerPool<W> {
  const maxWorkers = Math.max(1, options.maxWorkers ?? defaults.maxWorkers);
  const maxPerTenant = Math.max(1, options.maxWorkersPerTenant ?? defaults.maxWorkersPerTenant);
  const maxIdle = Math.max(0, options.maxIdleWorkers ?? defaults.maxIdleWorkers);
  const idle: Entry<W>[] = [];
  const busy = new Set<Entry<W>>();
  const queue: Waiter<W>[] = [];
  let closed: (() => Error) | undefined;

  const end = (entry: Entry<W>) => {
    entry.dead = true;
    busy.delete(entry);
    const at = idle.indexOf(entry);
    if (at >= 0) idle.splice(at, 1);
    try {
      void entry.worker.terminate();
    } catch {
      // Already gone.
    }
  };

  const spawn = (tenantId: string): Entry<W> => {
    const entry: Entry<W> = { tenantId, worker: options.spawn(tenantId), dead: false, jobs: 0 };
    entry.worker.onExit((exit) => {
      const listener = entry.onExit;
      entry.onExit = undefined;
      end(entry);
      listener?.(exit);
      pump();
    });
    entry.worker.setBusy?.(false);
    return entry;
  };

  const busyOf = (tenantId: string) => {
    let n = 0;
    for (const entry of busy) if (entry.tenantId === tenantId) n++;
    return n;
  };

  /** A worker for the tenant now (its idle one, or a new one within the caps), or undefined when it must wait. */
  const tryAcquire = (tenantId: string): Entry<W> | undefined => {
    if (busyOf(tenantId) >= maxPerTenant) return undefined;
    const at = idle.findIndex((entry) => entry.tenantId === tenantId);
    let entry: Entry<W>;
    if (at >= 0) entry = idle.splice(at, 1)[0]!;
    else {
      if (idle.length + busy.size >= maxWorkers) {
        // Full: make room by ending the longest idle worker (another tenant's); none idle means wait.
        if (idle.length === 0) return undefined;
        end(idle[0]!);
      }
      entry = spawn(tenantId);
    }
    busy.add(entry);
    entry.worker.setBusy?.(true);
    return entry;
  };

  /** Hands freed room to waiting jobs, in arrival order among those that may start. */
  const pump = () => {
    for (let i = 0; i < queue.length;) {
      const waiter = queue[i]!;
      let entry: Entry<W> | undefined;
      try {
        entry = tryAcquire(waiter.tenantId);
      } catch (error) {
        queue.splice(i, 1);
        waiter.fail(error);
        continue;
      }
      if (!entry) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      waiter.grant(entry);
    }
  };

  const release = (lease: PoolLease<W>) => {
    const entry = lease as Entry<W>;
    if (!busy.delete(entry)) return;
    entry.onExit = undefined;
    entry.jobs++;
    if (!entry.dead) {
      entry.worker.setBusy?.(false);
      idle.push(entry);
      while (idle.length > maxIdle) end(idle[0]!);
    }
    pump();
  };

  return {
    acquire(tenantId, signal) {
      if (closed) return Promise.reject(closed());
      if (signal?.aborted) return Promise.resolve(undefined);
      // A tenant with jobs already waiting queues behind them, so its jobs start in order.
      const now = queue.some((w) => w.tenantId === tenantId) ? undefined : tryAcquire(tenantId);
      if (now) return Promise.resolve(now);
      return new Promise<PoolLease<W> | undefined>((resolve, reject) => {
        const onAbort = () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          resolve(undefined);
        };
        const waiter: Waiter<W> = {
          tenantId,
          grant: (entry) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(entry);
          },
          fail: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
    release,
    kill(lease) {
      const entry = lease as Entry<W>;
      entry.onExit = undefined;
      end(entry);
      pump();
    },
    warm(tenantId) {
      if (closed || idle.some((e) => e.tenantId === tenantId) || [...busy].some((e) => e.tenantId === tenantId)) return;
      if (maxIdle === 0) return;
      if (idle.length + busy.size >= maxWorkers) {
        if (idle.length === 0) return;
        end(idle[0]!);
      }
      idle.push(spawn(tenantId));
      while (idle.length > maxIdle) end(idle[0]!);
    },
    close(error = () => new WorkerError('WORKER_POOL_CLOSED', 'The worker pool was closed; the job did not start.')) {
      closed = error;
      for (const waiter of queue.splice(0)) waiter.fail(error());
      for (const entry of [...idle, ...busy]) end(entry);
    },
    counts: () => ({ workers: idle.length + busy.size, running: busy.size, queued: queue.length }),
  };
}
