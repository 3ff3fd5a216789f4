import {
  FlowloomError,
  type Engine,
  type EngineEvent,
  type Execution,
  type Item,
  type Logger,
  type ResumeInfo,
  type RunJob,
} from '@flowloom/engine';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { formatDelay, retryDelayMs } from './backoff.js';
import type { ExecutionFence, FenceLease } from './execution-fence.js';
import {
  channelsOf,
  EXECUTION_QUEUE,
  executionIdOfTick,
  tickOf,
  timerJobId,
  type ExecutionJobData,
  type ExecutionJobResult,
  type QueuedRun,
} from './execution-jobs.js';
import { cronTicks, type ExecutionQueue } from './execution-queue.js';
import type { StoppedRuns } from './guarded-storage.js';
import { isDatabaseAway } from './postgres-connection.js';
import type { ActivationRecords } from './postgres-server-stores.js';
import type { RedisChannels } from './redis-channels.js';
import { bullmqConnection } from './redis-connection.js';
import type { ReplyMessage } from './queue-isolation.js';

/** What a worker process puts together. */
export interface ExecutionWorkerDeps {
  redisUrl: string;
  prefix: string;
  redis: Redis;
  channels: RedisChannels;
  /** Adds the timers of waits (delayed jobs). */
  queue: ExecutionQueue;
  /** The worker's engine, over `guardedStorage`; its owner id is `workerId`. */
  engine: Engine;
  stopped: StoppedRuns;
  fence: ExecutionFence;
  activations: ActivationRecords;
  workerId: string;
  concurrency: number;
  /** How long a job's lock lasts without renewal: a worker silent that long is taken for dead. */
  lockMs: number;
  logger: Logger;
}

/** A run stopped before storage recorded its end: the job is taken up again (by any worker) without using an attempt. */
class TakeUpAgain extends FlowloomError {
  constructor(message: string) {
    super('EXECUTION_TAKEN_UP_AGAIN', message);
  }
}

/** The executions this worker runs now, with what stops each. */
interface Running {
  controller: AbortController;
  lease: FenceLease;
}

/** An engine event without items or workflow documents: what the installation's listeners need, small enough for pub/sub. */
function slim(event: EngineEvent): EngineEvent {
  if (event.type === 'nodeFinish') {
    const { input: _input, output: _output, logs: _logs, ...run } = event.run;
    return { ...event, run: { ...run, input: {}, output: {} } };
  }
  if (event.type === 'executionStart' || event.type === 'executionFinish') {
    const { nodes: _nodes, workflow: _workflow, state: _state, wait: _wait, ...execution } = event.execution;
    return { ...event, execution: { ...execution, nodes: {} } };
  }
  return event;
}

/** Whether a stored execution was left mid-run (`running`, or `waiting` with a run state: a resume under way). */
function leftMidRun(execution: Execution): boolean {
  return execution.status === 'running' || (execution.status === 'waiting' && execution.state !== undefined);
}

/**
 * Takes jobs from the execution queue and runs them with the worker's
 * engine, `concurrency` at a time. Every job is idempotent over what storage
 * says: the execution's lease is taken first (`ExecutionFence`: no two
 * processes ever run one execution at once), then the record decides — none
 * yet: start it under the job's execution id; left mid-run (its worker died,
 * its database went away): continue it from the last committed node run;
 * waiting on the wait the job resumes: resume it; ended: nothing to do. A run
 * that stopped before storage recorded its end is taken up again later,
 * without using an attempt. Events are published for main; replies for the
 * webhook process that waits for them; waits get their timers as delayed jobs.
 */
export class ExecutionWorker {
  readonly worker: Worker<ExecutionJobData, ExecutionJobResult>;
  readonly #deps: ExecutionWorkerDeps;
  readonly #running = new Map<string, Running>();
  readonly #outages = new Map<string, number>();
  readonly #names: ReturnType<typeof channelsOf>;
  readonly #offs: (() => void)[] = [];

  constructor(deps: ExecutionWorkerDeps) {
    this.#deps = deps;
    this.#names = channelsOf(deps.prefix);
    this.worker = new Worker<ExecutionJobData, ExecutionJobResult>(
      EXECUTION_QUEUE,
      (job, token, signal) => this.#process(job, token, signal),
      {
        connection: bullmqConnection(deps.redisUrl),
        prefix: deps.prefix,
        name: deps.workerId,
        concurrency: deps.concurrency,
        lockDuration: deps.lockMs,
        stalledInterval: deps.lockMs,
        // A worker killed mid-job is what this mode is for; a job's run is safe to take up again any number of times.
        maxStalledCount: 1_000,
        autorun: false,
        settings: { repeatStrategy: cronTicks },
      },
    );
    this.worker.on('error', (error) => deps.logger.debug('The queue worker reported an error.', { error: error.message }));
    this.worker.on('stalled', (jobId) =>
      deps.logger.warn(
        `Job '${jobId}' stalled: the worker running it stopped renewing its lock; it runs again from its last committed node.`,
      ),
    );
    this.worker.on('failed', (job, error) => {
      if (job && !(error instanceof DelayedError)) deps.logger.error(`Job '${job.id}' failed: ${error.message}`);
    });
    this.#offs.push(
      deps.fence.onLost((keys) => {
        for (const [executionId, running] of this.#running) {
          if (!keys.includes(running.lease.key)) continue;
          deps.stopped.stop(executionId, 'its lease was lost with the connection holding it', true);
          running.controller.abort(new TakeUpAgain(`Execution '${executionId}' lost its lease.`));
        }
      }),
    );
    for (const type of ['executionStart', 'nodeStart', 'nodeFinish', 'executionFinish'] as const) {
      this.#offs.push(deps.engine.on(type, (event) => this.#publish(event)));
    }
  }

  /** Starts taking jobs once the cancel channel listens. */
  async start(): Promise<void> {
    this.#offs.push(
      await this.#deps.channels.listen(this.#names.cancel, (message) => {
        const { executionId } = message as { executionId: string };
        this.#running.get(executionId)?.controller.abort(new FlowloomError('CANCELED', 'Canceled through the API.'));
      }),
    );
    void this.worker.run();
    await this.worker.waitUntilReady();
  }

  /** Executions running here now. */
  get running(): number {
    return this.#running.size;
  }

  #publish(event: EngineEvent): void {
    const id = event.type === 'executionStart' || event.type === 'executionFinish' ? event.execution.id : event.executionId;
    // A run stopped before its end was written ends elsewhere: its end here is not the execution's.
    if (event.type === 'executionFinish' && this.#deps.stopped.reason(id) !== undefined) return;
    // Progress is for live views: while Redis is away it is dropped, never queued without bound.
    if (this.#deps.redis.status !== 'ready') return;
    this.#deps.channels.publish(this.#names.events, slim(event)).catch(() => undefined);
  }

  async #process(
    job: Job<ExecutionJobData, ExecutionJobResult>,
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<ExecutionJobResult> {
    const { fence, stopped, logger } = this.#deps;
    const data = job.data;
    const tenantId = data.kind === 'run' ? data.run.tenantId : data.tenantId;
    const executionId =
      data.kind === 'run' ? data.run.executionId : data.kind === 'schedule' ? executionIdOfTick(job.id!) : data.executionId;
    let lease: FenceLease | undefined;
    try {
      lease = await fence.acquire(tenantId, executionId);
    } catch (error) {
      return this.#later(job, token, `its lease could not be taken (${(error as Error).message})`);
    }
    // Another live process runs it (a job delivered again while its first worker lives): look again in a moment.
    if (!lease) return this.#later(job, token, 'another worker is running it', 1_000);
    const controller = new AbortController();
    this.#running.set(executionId, { controller, lease });
    try {
      if (await this.#deps.redis.exists(`${this.#deps.prefix}:cancel:${executionId}`)) {
        controller.abort(new FlowloomError('CANCELED', 'Canceled through the API.'));
      }
      const result = await this.#decide(job, tenantId, executionId, AbortSignal.any([controller.signal, ...(signal ? [signal] : [])]));
      this.#outages.delete(job.id!);
      return result;
    } catch (error) {
      if (error instanceof TakeUpAgain || isDatabaseAway(error) || stopped.takesUpAgain(executionId)) {
        return this.#later(job, token, error instanceof Error ? error.message : String(error));
      }
      logger.error(`Execution '${executionId}' (job '${job.id}') failed here: ${(error as Error).message}`);
      throw error;
    } finally {
      this.#running.delete(executionId);
      stopped.forget(executionId);
      await lease.release();
    }
  }

  /** Puts the job back for later (a doubling delay up to 10 s) without using an attempt. */
  async #later(job: Job<ExecutionJobData, ExecutionJobResult>, token: string | undefined, why: string, delayMs?: number): Promise<never> {
    const attempt = (this.#outages.get(job.id!) ?? 0) + 1;
    this.#outages.set(job.id!, attempt);
    const delay = delayMs ?? retryDelayMs(attempt);
    if (delayMs === undefined) this.#deps.logger.warn(`Job '${job.id}' is taken up again in ${formatDelay(delay)}: ${why}`);
    await job.moveToDelayed(Date.now() + delay, token);
    throw new DelayedError();
  }

  /** What storage says decides what the job does. */
  async #decide(job: Job<ExecutionJobData, ExecutionJobResult>, tenantId: string, executionId: string, signal: AbortSignal) {
    const { engine } = this.#deps;
    const data = job.data;
    const stored = await engine.storage.executions.get(tenantId, executionId);
    const respond = data.kind === 'run' && data.run.respond ? (reply: ReplyMessage['reply']) => this.#reply(executionId, reply) : undefined;
    const options = { signal, ...(respond ? { respond } : {}) };
    let ran = false;
    if (stored && leftMidRun(stored)) {
      await this.#continue(stored, data.kind === 'run' ? data.run : undefined, options);
      ran = true;
    } else if (data.kind === 'run' && data.run.resume) {
      const { nodeId, runIndex, info } = data.run.resume;
      if (stored?.status === 'waiting' && stored.wait?.nodeId === nodeId && stored.wait.runIndex === runIndex) {
        this.#deps.logger.info(`Execution '${executionId}' resumed here (${info.reason}) by worker ${this.#deps.workerId}.`);
        await engine.runJob(this.#resumeJob(stored, data.run, info), options);
        ran = true;
      }
    } else if (data.kind === 'timer') {
      if (stored?.status === 'waiting' && stored.wait?.nodeId === data.nodeId && stored.wait.runIndex === data.runIndex) {
        this.#deps.logger.info(`Execution '${executionId}' resumed here (time) by worker ${this.#deps.workerId}.`);
        await engine.runJob(this.#resumeJob(stored, undefined, { reason: 'time' }), options);
        ran = true;
      }
    } else if (!stored && data.kind === 'run') {
      const { respond: _respond, resume: _resume, ...run } = data.run;
      await engine.runJob(run, options);
      ran = true;
    } else if (!stored && data.kind === 'schedule') {
      const job2 = await this.#tickJob(job, executionId);
      if (!job2) return { executionId, status: 'skipped' };
      await engine.runJob(job2, options);
      ran = true;
    }
    const after = ran ? await engine.storage.executions.get(tenantId, executionId) : stored;
    if (!after) return { executionId, status: 'missing' };
    if (leftMidRun(after)) {
      const { stopped } = this.#deps;
      const reason = stopped.reason(executionId);
      // A write refused for good (not an outage) fails this attempt; the last attempt's failure marks it crashed.
      if (reason !== undefined && !stopped.takesUpAgain(executionId))
        throw new FlowloomError('EXECUTION_STOPPED', `The run stopped: ${reason}`);
      throw new TakeUpAgain(`execution '${executionId}' stopped before storage recorded its end.`);
    }
    if (after.status === 'waiting' && after.wait?.resumeAt !== undefined) await this.#arm(after);
    return { executionId, status: after.status };
  }

  /** Goes on with an execution left mid-run, from its last committed node run. */
  async #continue(stored: Execution, run: QueuedRun | undefined, options: Parameters<Engine['runJob']>[1]): Promise<void> {
    const { engine, workerId, logger } = this.#deps;
    if (!stored.state || !(stored.workflow ?? stored.wait?.workflow)) {
      // Its storage kept no run state: crash recovery's answer, a `crashed` record to retry from the interrupted node.
      await engine.storage.executions.finish(stored.tenantId, stored.id, {
        status: 'crashed',
        finishedAt: new Date().toISOString(),
        error: {
          name: 'FlowloomError',
          code: 'EXECUTION_CRASHED',
          message: 'The worker running this execution stopped, and its storage kept no run state to continue from; retry it.',
        },
      });
      return;
    }
    if (stored.status === 'running' && stored.owner !== workerId) {
      // The lease makes this worker the only one; the owner field says so to the history.
      await engine.storage.executions.claim(stored.tenantId, stored.id, workerId, stored.owner);
    }
    logger.info(`Execution '${stored.id}' continues here from its last committed node run (worker ${workerId}).`);
    const job: RunJob = {
      workflow: (stored.workflow ?? stored.wait?.workflow)!,
      executionId: stored.id,
      tenantId: stored.tenantId,
      mode: stored.mode,
      continueFrom: stored,
      ...(run?.redactValues ? { redactValues: run.redactValues } : {}),
      ...(run?.replay ? { replay: run.replay } : {}),
      ...(run?.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
      ...(run?.vars ? { vars: run.vars } : {}),
      ...(stored.wait ? { vars: stored.wait.vars, depth: stored.wait.depth } : {}),
    };
    await engine.runJob(job, options);
  }

  #resumeJob(stored: Execution, run: QueuedRun | undefined, info: ResumeInfo): RunJob {
    const wait = stored.wait!;
    return {
      workflow: wait.workflow,
      executionId: stored.id,
      tenantId: stored.tenantId,
      mode: stored.mode,
      vars: wait.vars,
      usePinData: wait.usePinData,
      depth: wait.depth,
      resume: { execution: stored, wait, info },
      ...(run?.redactValues ? { redactValues: run.redactValues } : {}),
    };
  }

  /** The run of one schedule tick: the workflow as it was activated, from its Schedule Trigger, with the tick's item. */
  async #tickJob(job: Job<ExecutionJobData, ExecutionJobResult>, executionId: string): Promise<RunJob | undefined> {
    const data = job.data as Extract<ExecutionJobData, { kind: 'schedule' }>;
    const record = await this.#deps.activations.get(data.tenantId, data.workflowId);
    if (!record || !record.schedules.includes(data.nodeId)) return undefined;
    const tick = tickOf(job.id!, job.timestamp);
    const item: Item = {
      json: {
        timestamp: new Date(tick).toISOString(),
        firedAt: new Date().toISOString(),
        ...(data.rule.kind === 'cron' ? { timezone: data.rule.timezone, cronExpression: data.rule.expression } : {}),
      },
    };
    return { workflow: record.workflow, executionId, tenantId: data.tenantId, mode: 'schedule', startNode: data.nodeId, input: [item] };
  }

  /** The delayed job that resumes a wait at its time (added once per wait, whoever adds it). */
  async #arm(execution: Execution): Promise<void> {
    const wait = execution.wait!;
    const delay = Math.max(0, Date.parse(wait.resumeAt!) - Date.now());
    await this.#deps.queue.add(
      timerJobId(execution.tenantId, execution.id, wait.nodeId, wait.runIndex),
      { kind: 'timer', tenantId: execution.tenantId, executionId: execution.id, nodeId: wait.nodeId, runIndex: wait.runIndex },
      { delay },
    );
  }

  #reply(executionId: string, reply: ReplyMessage['reply']): boolean {
    this.#deps.channels.publish(this.#names.replies, { executionId, reply } satisfies ReplyMessage).catch(() => undefined);
    return true;
  }

  /**
   * Stops taking jobs and lets the running ones finish for up to `graceMs`;
   * then stops them before they write again: storage keeps their last
   * committed node run and another worker continues them.
   */
  async close(graceMs: number): Promise<void> {
    const closing = this.worker.close();
    const timer = setTimeout(() => {
      for (const [executionId, running] of this.#running) {
        this.#deps.stopped.stop(executionId, 'the worker is shutting down', true);
        running.controller.abort(new TakeUpAgain(`Worker ${this.#deps.workerId} is shutting down.`));
      }
    }, graceMs);
    try {
      await closing;
    } finally {
      clearTimeout(timer);
      for (const off of this.#offs) off();
    }
  }
}
