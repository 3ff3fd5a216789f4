import { nextTickFunction, type Logger, type ScheduleRule } from '@flowloom/engine';
import { Queue, QueueEvents, type JobsOptions, type RepeatStrategy } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullmqConnection } from './redis-connection.js';
import { EXECUTION_QUEUE, schedulerIdOf, type ExecutionJobData, type ExecutionJobResult } from './execution-jobs.js';

/** How a job of the queue ended, as a producer waiting for it learns it. */
export type JobEnd = { status: 'completed'; result: ExecutionJobResult | undefined } | { status: 'failed'; reason: string };

/** Attempts of a job whose run fails for a reason other than a service being away (those wait without using one). */
export const JOB_ATTEMPTS = 5;

/** Every job's options: attempts with a bounded backoff; finished jobs leave Redis (storage keeps the record). */
export const JOB_OPTIONS: JobsOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

const ticks = new Map<string, Promise<(after: number) => number | undefined>>();

/**
 * Cron ticks as the engine computes them (croner, in the rule's time zone),
 * so a schedule fires at the same times in queue mode as in one process.
 */
export const cronTicks: RepeatStrategy = async (millis, opts) => {
  if (!opts.pattern) return undefined;
  const rule: ScheduleRule = { kind: 'cron', expression: opts.pattern, timezone: opts.tz ?? 'UTC' };
  const key = `${rule.expression}\u0000${rule.timezone}`;
  let next = ticks.get(key);
  if (!next) ticks.set(key, (next = nextTickFunction(rule)));
  return (await next)(millis);
};

/**
 * The execution queue as a process that hands runs out sees it (main and
 * webhook processes): adding jobs, learning how they ended, the job
 * schedulers of Schedule Triggers, and the counts `/metrics` shows.
 */
export class ExecutionQueue {
  readonly queue: Queue<ExecutionJobData, ExecutionJobResult>;
  readonly #events: QueueEvents | undefined;
  readonly #waiters = new Map<string, Set<(end: JobEnd) => void>>();

  /** `ends: false` for a process that only adds jobs (a worker adding timers): no connection reads the ends. */
  constructor(redisUrl: string, options: { prefix: string; connection: Redis; logger: Logger; ends?: boolean }) {
    const { prefix, logger } = options;
    this.queue = new Queue(EXECUTION_QUEUE, {
      connection: options.connection,
      prefix,
      defaultJobOptions: JOB_OPTIONS,
      settings: { repeatStrategy: cronTicks },
    });
    this.queue.on('error', (error) => logger.debug('The execution queue reported an error.', { error: error.message }));
    if (options.ends === false) return;
    // A connection of its own: it reads the queue's event stream with a blocking command.
    const events = new QueueEvents(EXECUTION_QUEUE, { connection: bullmqConnection(redisUrl), prefix });
    this.#events = events;
    events.on('error', (error) => logger.debug('The execution queue events reported an error.', { error: error.message }));
    events.on('completed', ({ jobId, returnvalue }) =>
      this.#end(jobId, { status: 'completed', result: returnvalue as unknown as ExecutionJobResult }),
    );
    events.on('failed', ({ jobId, failedReason }) => this.#end(jobId, { status: 'failed', reason: failedReason }));
  }

  /** Listens to the ends of every job (main marks executions whose job failed for good). */
  onFailed(listener: (jobId: string, reason: string) => void): void {
    this.#events?.on('failed', ({ jobId, failedReason }) => listener(jobId, failedReason));
  }

  /** Resolves once both connections listen, so no job's end is missed. */
  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.#events?.waitUntilReady()]);
  }

  /** Adds a job under its id: adding one that is still queued or running adds nothing. */
  async add(jobId: string, data: ExecutionJobData, options: JobsOptions = {}): Promise<void> {
    await this.queue.add(data.kind, data, { ...options, jobId });
  }

  /**
   * Resolves when the job ends. Listens first, then looks: a job that ended
   * before (and left Redis, as finished jobs do) resolves at once as `gone`.
   */
  async ended(jobId: string, signal?: AbortSignal): Promise<JobEnd | { status: 'gone' } | { status: 'aborted' }> {
    let resolve!: (end: JobEnd | { status: 'gone' } | { status: 'aborted' }) => void;
    const done = new Promise<JobEnd | { status: 'gone' } | { status: 'aborted' }>((r) => (resolve = r));
    let listeners = this.#waiters.get(jobId);
    if (!listeners) this.#waiters.set(jobId, (listeners = new Set()));
    const listener = (end: JobEnd) => resolve(end);
    listeners.add(listener);
    const onAbort = () => resolve({ status: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    void (async () => {
      const state = await this.queue.getJobState(jobId);
      if (state === 'unknown') return resolve({ status: 'gone' });
      if (state !== 'completed' && state !== 'failed') return;
      const job = await this.queue.getJob(jobId);
      if (!job) resolve({ status: 'gone' });
      else if (state === 'completed') resolve({ status: 'completed', result: job.returnvalue });
      else resolve({ status: 'failed', reason: job.failedReason });
    })().catch(() => undefined);
    try {
      return await done;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      listeners.delete(listener);
      if (listeners.size === 0) this.#waiters.delete(jobId);
    }
  }

  #end(jobId: string, end: JobEnd): void {
    for (const listener of this.#waiters.get(jobId) ?? []) listener(end);
  }

  /** Removes a job that no worker has taken yet; whether it did. */
  async removeIfWaiting(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    try {
      await job.remove();
      return true;
    } catch {
      // Taken by a worker in the meantime (it holds the job's lock).
      return false;
    }
  }

  /** Creates or updates the job scheduler of a Schedule Trigger: each tick becomes one job, once in the whole installation. */
  async schedule(tenantId: string, workflowId: string, nodeId: string, rule: ScheduleRule): Promise<void> {
    const data: ExecutionJobData = { kind: 'schedule', tenantId, workflowId, nodeId, rule };
    await this.queue.upsertJobScheduler(
      schedulerIdOf(tenantId, workflowId, nodeId),
      rule.kind === 'cron' ? { pattern: rule.expression, tz: rule.timezone } : { every: rule.ms },
      { name: 'schedule', data, opts: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } },
    );
  }

  /** Removes a Schedule Trigger's job scheduler (its next tick's job too). */
  async unschedule(tenantId: string, workflowId: string, nodeId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerIdOf(tenantId, workflowId, nodeId));
  }

  /** Jobs waiting, running and delayed, and the workers taking them. */
  async counts(): Promise<{ waiting: number; active: number; delayed: number; failed: number; workers: number }> {
    const [counts, workers] = await Promise.all([
      this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
      this.queue.getWorkersCount(),
    ]);
    return {
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      failed: counts['failed'] ?? 0,
      workers,
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#events?.close(), this.queue.close()]);
  }
}
