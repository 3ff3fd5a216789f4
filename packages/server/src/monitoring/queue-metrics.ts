import { Gauge, type Registry } from 'prom-client';

/** The counts a queue gives for `/metrics`. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Worker connections taking jobs now. */
  workers: number;
}

/**
 * Adds the execution queue's gauges to a registry, read from the queue at
 * each scrape: `flowloom_queue_jobs{state}` (waiting, active, delayed,
 * failed) and `flowloom_queue_workers`. Queue mode's main process serves
 * them on its `/metrics` beside the server's own.
 *
 * @example
 * const registry = new Registry();
 * registerQueueMetrics(registry, () => queue.counts());
 * createServer({ engine, auth, metrics: { registry } });
 */
export function registerQueueMetrics(registry: Registry, counts: () => Promise<QueueCounts>): void {
  // One read of the queue serves both gauges of a scrape.
  let pending: Promise<QueueCounts> | undefined;
  const read = () => {
    pending ??= counts().finally(() => queueMicrotask(() => (pending = undefined)));
    return pending;
  };
  new Gauge({
    name: 'flowloom_queue_jobs',
    help: 'Jobs of the execution queue by state: waiting for a worker, active (running), delayed (timers, retries), failed.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const c = await read();
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, c[state]);
    },
  });
  new Gauge({
    name: 'flowloom_queue_workers',
    help: 'Worker processes taking jobs from the execution queue now.',
    registers: [registry],
    async collect() {
      this.set((await read()).workers);
    },
  });
}
