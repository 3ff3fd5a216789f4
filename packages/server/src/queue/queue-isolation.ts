import {
  FlowloomError,
  type Execution,
  type ExecutionIsolation,
  type IsolatedRunRequest,
  type Logger,
  type WebhookReply,
} from '@flowloom/engine';
import type { Redis } from 'ioredis';
import { channelsOf, jobIdOfRun, queuedRunOf } from './execution-jobs.js';
import type { ExecutionQueue } from './execution-queue.js';
import type { RedisChannels } from './redis-channels.js';
import { describeRedis } from './redis-connection.js';

/** What the queue isolation needs: the queue, Redis, and the installation's prefix. */
export interface QueueIsolationDeps {
  queue: ExecutionQueue;
  redisUrl: string;
  redis: Redis;
  channels: RedisChannels;
  prefix: string;
  logger: Logger;
}

/** When a run an engine started is safely in the queue. */
export interface QueueHandover {
  /**
   * Resolves once the run of this execution is a job in Redis (rejects when
   * it could not be put there, or not within `timeoutMs`, default 30 s): a
   * webhook process answers a call only then, so an answered call is never
   * lost with the process.
   */
  handedOver(executionId: string, timeoutMs?: number): Promise<void>;
}

/** A reply a worker publishes for the process holding a webhook caller's connection. */
export interface ReplyMessage {
  executionId: string;
  reply: WebhookReply;
}

/** How long a cancel request waits for the worker that takes the job, in seconds. */
const CANCEL_TTL_S = 3600;

/** The record of an execution handed to the queue and not yet started by a worker. */
function queuedRecord(request: IsolatedRunRequest): Execution {
  return {
    id: request.executionId,
    workflowId: request.workflow.id,
    tenantId: request.tenantId,
    status: 'running',
    mode: request.mode,
    startedAt: new Date().toISOString(),
    nodes: {},
  };
}

/**
 * Whole-execution isolation over the execution queue: an engine given it
 * (`isolation`) runs nothing itself. Each run it would start (an API run, a
 * webhook call, a resume, a retry) becomes a job whose id is the execution's,
 * taken by whichever worker is free, which writes the record to the shared
 * storage. `run` resolves with that record once the job has ended: the
 * webhook's last-node answer and synchronous API runs read it then. A
 * Respond to Webhook reply comes back through Redis pub/sub. The run's own
 * `onEvent` learns the execution's id once the job is queued. Aborting the
 * run's signal cancels the execution wherever it is, except when the engine
 * closes: the job then goes on without this process.
 */
export function createQueueIsolation(deps: QueueIsolationDeps): ExecutionIsolation & QueueHandover {
  const { queue, redis, channels, prefix } = deps;
  const names = channelsOf(prefix);
  // Runs handed to the queue, by execution id: settled once the job is in Redis (or could not be put there).
  const handovers = new Map<string, { promise: Promise<void>; settle(error?: unknown): void }>();
  const handover = (executionId: string) => {
    let entry = handovers.get(executionId);
    if (!entry) {
      let settle!: (error?: unknown) => void;
      const promise = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
      promise.catch(() => undefined);
      handovers.set(executionId, (entry = { promise, settle }));
    }
    return entry;
  };

  const cancel = async (request: IsolatedRunRequest, jobId: string, storage: Parameters<ExecutionIsolation['run']>[1]['storage']) => {
    const { tenantId, executionId } = request;
    if (await queue.removeIfWaiting(jobId)) {
      // No worker took it: the record says so, as the thread isolation records a run canceled while it waited.
      const finishedAt = new Date().toISOString();
      const error = { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled before a worker took it.' };
      if (!(await storage.executions.get(tenantId, executionId))) await storage.executions.create(queuedRecord(request));
      await storage.executions.finish(tenantId, executionId, { status: 'canceled', finishedAt, error });
      return;
    }
    // Taken, or about to be: the worker that has it stops it; one that takes it later finds the request.
    await redis.set(`${prefix}:cancel:${executionId}`, '1', 'EX', CANCEL_TTL_S);
    await channels.publish(names.cancel, { executionId });
  };

  return {
    async run(request, bridge, signal) {
      signal?.throwIfAborted();
      const run = queuedRunOf(request);
      const jobId = jobIdOfRun(run);
      let stopReplies: (() => void) | undefined;
      if (request.respond && bridge.respond) {
        const respond = bridge.respond;
        stopReplies = await channels.listen(names.replies, (message) => {
          const m = message as ReplyMessage;
          if (m.executionId === request.executionId) respond(m.reply);
        });
      }
      const handed = handover(request.executionId);
      try {
        try {
          // While Redis is away a job would wait in memory, and be lost with this process: refuse instead.
          if (redis.status !== 'ready') {
            throw new FlowloomError(
              'QUEUE_UNAVAILABLE',
              `${describeRedis(deps.redisUrl)} is not reachable, so the run was not queued; try again.`,
            );
          }
          await queue.add(jobId, { kind: 'run', run });
          handed.settle();
        } catch (error) {
          handed.settle(error);
          throw error;
        } finally {
          // Whoever waits for the handover has it by now; a later wait for this id finds nothing and waits for nothing.
          setTimeout(() => handovers.delete(request.executionId), 60_000).unref();
        }
        if (!request.resume && !request.continueFrom) bridge.emit({ type: 'executionStart', execution: queuedRecord(request) }, false);
        let end = await queue.ended(jobId, signal);
        if (end.status === 'aborted') {
          const reason: unknown = signal?.reason;
          if (reason instanceof FlowloomError && reason.code === 'ENGINE_CLOSED') {
            // This process is going away, the execution is not: its worker goes on and records the end.
            return (await bridge.storage.executions.get(request.tenantId, request.executionId)) ?? queuedRecord(request);
          }
          await cancel(request, jobId, bridge.storage);
          end = await queue.ended(jobId);
        }
        const stored = await bridge.storage.executions.get(request.tenantId, request.executionId);
        if (stored) {
          const { workflow: _workflow, state: _state, ...record } = stored;
          return record;
        }
        if (end.status === 'failed') {
          throw new FlowloomError('EXECUTION_FAILED', `Execution '${request.executionId}' could not run: ${end.reason}`);
        }
        return queuedRecord(request);
      } finally {
        stopReplies?.();
      }
    },
    // The queue and its connections belong to the process that made them, not to the engine.
    async close() {},
    handedOver(executionId, timeoutMs = 30_000) {
      const entry = handover(executionId);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (handovers.get(executionId) === entry) handovers.delete(executionId);
          reject(
            new FlowloomError(
              'QUEUE_UNAVAILABLE',
              `The run of execution '${executionId}' was not queued within ${timeoutMs / 1000} s; try again.`,
            ),
          );
        }, timeoutMs);
      });
      return Promise.race([entry.promise, late]).finally(() => clearTimeout(timer));
    },
  };
}
