// One file past 400 lines: the host side of an isolated execution (the pool, one run's message loop with its
// storage, credential and event relays, and how a run ends) is one protocol; split, each half would need the other's state.
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { CredentialRelay, RelayedRun } from '../credentials/credential-relay.js';
import type { Redactor } from '../credentials/redactor.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { WorkerPort } from '../sandbox/worker-port.js';
import { serializeError } from '../errors/node-execution.error.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution, ExecutionStatus } from '../model/execution.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { StorageError } from '../storage/storage.error.js';
import type { Storage } from '../storage/storage.js';
import { isCredentialCall, serveCredentialCalls } from './credential-bridge.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from './execution-protocol.js';
import { formatDuration } from '../sandbox/code-limits.js';
import type { WorkerExit } from '../sandbox/worker-port.js';

/**
 * What an isolated run may reach on the host: storage (scoped to the run's
 * tenant; workflows, executions and variables), events, the logger, the
 * host's credentials through a relay, and the webhook caller waiting for a reply.
 */
export interface IsolationBridge {
  storage: Storage;
  /** Passes on an event; `nested` for a sub-workflow's (for engine-wide listeners, not the run's own `onEvent`). */
  emit(event: EngineEvent, nested?: boolean): void;
  logger: Logger;
  /** Answers the worker's credential use (the host's manager, for the run's tenant); without it, nodes with credentials fail. */
  credentials?: CredentialRelay;
  /**
   * Replaces secrets in everything the worker records, emits or logs before
   * it reaches storage or listeners (the host knows the secrets; the worker does not).
   */
  redactor?: Redactor;
  /** Answers the webhook call that started the run (Respond to Webhook); false when it was answered already. */
  respond?: (reply: WebhookReply) => boolean;
  /** The engine's clock, for the end time of a run whose worker was stopped (default `systemClock`). */
  clock?: Pick<Clock, 'now'>;
}

/**
 * Runs whole executions away from the host's thread. `createEngine({ isolation: 'worker' })`
 * uses one; `@flowloom/engine/node` provides the `worker_threads` one.
 */
export interface ExecutionIsolation {
  /** Runs one execution; resolves with its record, also when the worker had to be stopped. */
  run(request: IsolatedRunRequest, bridge: IsolationBridge, signal?: AbortSignal): Promise<Execution>;
  /** Ends every worker; executions still waiting for one reject with `ISOLATION_CLOSED`. */
  close(): Promise<void>;
  /** Workers alive, running an execution, and executions waiting for a worker (pools built here have it). */
  counts?(): IsolationCounts;
}

/** A pool's state at one moment. */
export interface IsolationCounts {
  /** Workers alive, idle or busy. */
  workers: number;
  /** Executions running in a worker. */
  running: number;
  /** Executions waiting for a worker (over `maxWorkers` or `maxWorkersPerTenant`). */
  queued: number;
}

/**
 * How many workers a pool may hold. Executions beyond the caps wait, in
 * arrival order among those that may start; a waiting execution's deadline
 * starts when it gets its worker, and its signal cancels it while it waits
 * (it ends `canceled` without a worker ever starting).
 */
export interface WorkerPoolOptions {
  /** Workers alive at once, busy or idle, all tenants together (default 8). */
  maxWorkers?: number;
  /** Executions of one tenant running at once (default 4), so one tenant cannot take every worker. */
  maxWorkersPerTenant?: number;
  /** Idle workers kept for reuse, across tenants (default 4 in Node, 2 in browsers). Workers serve one tenant for life. */
  maxIdleWorkers?: number;
}

/** A started execution worker, seen from the host. */
export type ExecutionWorker = WorkerPort<ExecutionHostMessage, ExecutionWorkerMessage>;

/** Options of a worker-backed execution isolation. */
export interface WorkerIsolationOptions extends WorkerPoolOptions {
  spawn(tenantId: string): ExecutionWorker;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
  /** Time allowed past an execution's deadline before its worker is ended (default 1,000 ms). */
  graceMs?: number;
  /** Heap limit to name in out-of-memory messages, in MiB. */
  heapMb?: number;
}

// Credentials are not among them: the worker reaches them only through the credential relay.
const STORES = new Set(['workflows', 'executions', 'variables']);

interface PooledWorker {
  worker: ExecutionWorker;
  tenantId: string;
  dead: boolean;
  listener?: (message: ExecutionWorkerMessage) => void;
  exitListener?: (exit: WorkerExit) => void;
}

/** The keys of a worker pool's options. */
export const WORKER_POOL_OPTIONS: OptionSpec<WorkerPoolOptions> = { maxWorkers: true, maxWorkersPerTenant: true, maxIdleWorkers: true };
const WORKER_ISOLATION_OPTIONS: OptionSpec<WorkerIsolationOptions> = {
  ...WORKER_POOL_OPTIONS,
  spawn: true,
  defaultTimeoutMs: true,
  graceMs: true,
  heapMb: true,
};

/**
 * Whole-execution isolation over pooled workers: each execution runs in a
 * worker of its tenant (reused between that tenant's executions, never
 * another's), under a watchdog that ends the worker if the execution
 * outlives its deadline; storage is reached only through the bridge.
 */
export function createWorkerIsolation(options: WorkerIsolationOptions): ExecutionIsolation & { counts(): IsolationCounts } {
  checkOptions('createWorkerIsolation', options, WORKER_ISOLATION_OPTIONS);
  const idle: PooledWorker[] = [];
  const busy = new Set<PooledWorker>();
  const queue: Waiter[] = [];
  const maxIdle = options.maxIdleWorkers ?? 4;
  const maxWorkers = Math.max(1, options.maxWorkers ?? 8);
  const maxPerTenant = Math.max(1, options.maxWorkersPerTenant ?? 4);
  const graceMs = options.graceMs ?? 1_000;
  let closed = false;

  const kill = (pooled: PooledWorker) => {
    pooled.dead = true;
    busy.delete(pooled);
    const at = idle.indexOf(pooled);
    if (at >= 0) idle.splice(at, 1);
    try {
      void pooled.worker.terminate();
    } catch {
      // Already gone.
    }
  };

  const busyOf = (tenantId: string) => {
    let n = 0;
    for (const p of busy) if (p.tenantId === tenantId) n++;
    return n;
  };

  /** A worker for the tenant now (its idle one, or a new one within the caps), or undefined when it must wait. */
  const tryAcquire = (tenantId: string): PooledWorker | undefined => {
    if (busyOf(tenantId) >= maxPerTenant) return undefined;
    const at = idle.findIndex((p) => p.tenantId === tenantId);
    let pooled: PooledWorker;
    if (at >= 0) pooled = idle.splice(at, 1)[0]!;
    else {
      if (idle.length + busy.size >= maxWorkers) {
        // Full: make room by ending the longest idle worker (another tenant's); none idle means wait.
        if (idle.length === 0) return undefined;
        kill(idle[0]!);
      }
      pooled = spawn(tenantId);
    }
    busy.add(pooled);
    pooled.worker.setBusy?.(true);
    return pooled;
  };

  /** Hands freed room to waiting executions, in arrival order among those that may start. */
  const pump = () => {
    for (let i = 0; i < queue.length;) {
      const waiter = queue[i]!;
      let pooled: PooledWorker | undefined;
      try {
        pooled = tryAcquire(waiter.tenantId);
      } catch (error) {
        queue.splice(i, 1);
        waiter.fail(error);
        continue;
      }
      if (!pooled) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      waiter.grant(pooled);
    }
  };

  /** A worker for the tenant, waiting for room if need be; undefined when the signal aborts meanwhile. */
  const acquire = (tenantId: string, signal: AbortSignal | undefined): Promise<PooledWorker | undefined> => {
    const now = queue.some((w) => w.tenantId === tenantId) ? undefined : tryAcquire(tenantId);
    if (now) return Promise.resolve(now);
    return new Promise<PooledWorker | undefined>((resolve, reject) => {
      const onAbort = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        resolve(undefined);
      };
      const waiter: Waiter = {
        tenantId,
        grant: (pooled) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(pooled);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  };

  const spawn = (tenantId: string): PooledWorker => {
    const pooled: PooledWorker = { worker: options.spawn(tenantId), tenantId, dead: false };
    pooled.worker.onMessage((message) => pooled.listener?.(message));
    pooled.worker.onExit((exit) => {
      const listener = pooled.exitListener;
      kill(pooled);
      listener?.(exit);
      pump();
    });
    return pooled;
  };

  const release = (pooled: PooledWorker) => {
    busy.delete(pooled);
    pooled.listener = undefined;
    pooled.exitListener = undefined;
    if (!pooled.dead) {
      pooled.worker.setBusy?.(false);
      idle.push(pooled);
      while (idle.length > maxIdle) kill(idle[0]!);
    }
    pump();
  };

  return {
    async run(request, bridge, signal) {
      if (closed) throw closedError();
      signal?.throwIfAborted();
      const pooled = await acquire(request.tenantId, signal);
      if (!pooled) {
        // Canceled while waiting for a worker: no worker started; the record says so.
        return recordStopped(request, bridge, 'canceled', 'CANCELED', 'The execution was canceled while it waited for a free worker.');
      }
      // The deadline starts now, when the execution has its worker.
      const deadlineMs = request.timeoutMs ?? options.defaultTimeoutMs ?? 300_000;
      const redact = <T>(value: T): T => (bridge.redactor ? bridge.redactor.redact(value) : value);
      // Sub-workflows the run started, still running, with their workflow ids (their records are ended too
      // if the worker is stopped). Credentials are used only for this run and those, under their own workflow ids.
      const nested = new Map<string, string>();
      const credentials = serveCredentialCalls(
        bridge.credentials &&
          onlyFor(bridge.credentials, (run) =>
            run.executionId === request.executionId
              ? run.workflowId === request.workflow.id
              : nested.get(run.executionId) === run.workflowId,
          ),
        (reply) => {
          if (!pooled.dead) pooled.worker.postMessage(reply);
        },
      );
      return new Promise<Execution>((resolve, reject) => {
        let settled = false;
        let released = false;
        const finish = (outcome: () => Promise<Execution>) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          outcome().then(resolve, reject);
        };
        // The worker is kept (with its bridge and deadline) after the run's record came back while
        // sub-workflows it started without waiting still run.
        const releaseWorker = () => {
          if (released) return;
          released = true;
          credentials.close();
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          release(pooled);
        };
        const stop = (status: ExecutionStatus, code: string, message: string) => {
          kill(pooled);
          releaseWorker();
          void recordNestedStopped(request.tenantId, [...nested.keys()], bridge, status, code, message);
          finish(() => recordStopped(request, bridge, status, code, message));
        };
        const onAbort = () => stop('canceled', 'CANCELED', 'The execution was canceled.');
        const timer = setTimeout(
          () =>
            stop(
              'error',
              'EXECUTION_TIMEOUT',
              `The workflow exceeded its time limit of ${formatDuration(deadlineMs)}; its worker was stopped.`,
            ),
          deadlineMs + graceMs,
        );
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted) return onAbort();
        pooled.exitListener = (exit) =>
          stop(
            'error',
            exit.outOfMemory ? 'EXECUTION_OUT_OF_MEMORY' : 'EXECUTION_WORKER_FAILED',
            exit.outOfMemory
              ? `The execution ran out of memory${options.heapMb ? ` (its limit is ${options.heapMb} MiB)` : ''}; its worker was stopped.`
              : `The execution's worker stopped unexpectedly (${exit.message}).`,
          );
        pooled.listener = (message) => {
          if (released) return;
          if (isCredentialCall(message)) return credentials.receive(message);
          switch (message.type) {
            case 'storage': {
              // Node runs and the end of the record are redacted, as in process (the new record holds no run data yet).
              const recorded = message.store === 'executions' && (message.method === 'appendNodeRun' || message.method === 'finish');
              const call = recorded ? { ...message, args: redact(message.args) } : message;
              void answerStorage(request.tenantId, bridge.storage, call).then((reply) => {
                if (!pooled.dead) pooled.worker.postMessage(reply);
              });
              return;
            }
            case 'event': {
              const { event } = message;
              if (message.nested && event.type === 'executionStart') nested.set(event.execution.id, event.execution.workflowId);
              if (message.nested && event.type === 'executionFinish') nested.delete(event.execution.id);
              bridge.emit(redact(event), message.nested === true);
              return;
            }
            case 'log':
              bridge.logger[message.level](redact(message.message), { executionId: request.executionId });
              return;
            case 'respond':
              bridge.respond?.(message.reply);
              return;
            case 'done':
              finish(async () => redact(message.execution));
              if (!message.detached) releaseWorker();
              return;
            case 'idle':
              releaseWorker();
              return;
            case 'failed':
              releaseWorker();
              finish(() => Promise.reject(new FlowloomError('ISOLATED_RUN_FAILED', redact(message.message))));
              return;
          }
        };
        pooled.worker.postMessage({ type: 'run', request });
      });
    },
    async close() {
      closed = true;
      for (const waiter of queue.splice(0)) waiter.fail(closedError());
      for (const pooled of [...idle, ...busy]) kill(pooled);
    },
    counts: () => ({ workers: idle.length + busy.size, running: busy.size, queued: queue.length }),
  };
}

interface Waiter {
  tenantId: string;
  grant(pooled: PooledWorker): void;
  fail(error: unknown): void;
}

function closedError(): FlowloomError {
  return new FlowloomError('ISOLATION_CLOSED', 'The execution isolation was closed; the execution did not start.');
}

/** Performs one storage call for the worker, refusing anything outside the run's tenant. */
async function answerStorage(
  tenantId: string,
  storage: Storage,
  message: Extract<ExecutionWorkerMessage, { type: 'storage' }>,
): Promise<ExecutionHostMessage> {
  const { id, store, method, args } = message;
  try {
    const first = args[0];
    const scoped =
      store === 'executions' && method === 'create'
        ? (first as { tenantId?: unknown } | undefined)?.tenantId === tenantId
        : first === tenantId;
    if (!STORES.has(store)) throw new StorageError('STORAGE_REFUSED', `an isolated execution has no access to ${store} storage`);
    if (!scoped) throw new StorageError('STORAGE_REFUSED', `storage call ${store}.${method} is outside tenant '${tenantId}'`);
    const target = (storage as unknown as Record<string, Record<string, unknown>>)[store]!;
    const fn = target[method];
    if (typeof fn !== 'function' || method === 'constructor') {
      throw new StorageError('STORAGE_REFUSED', `storage has no ${store}.${method}`);
    }
    const value: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
    return { type: 'storage-result', id, ok: true, value };
  } catch (error) {
    return { type: 'storage-result', id, ok: false, message: serializeError(error).message };
  }
}

/** A relay that refuses calls for executions the worker is not running. */
function onlyFor(relay: CredentialRelay, running: (run: RelayedRun) => boolean): CredentialRelay {
  const check = (run: RelayedRun) => {
    if (!running(run)) {
      throw new FlowloomError(
        'CREDENTIAL_RUN_UNKNOWN',
        `Execution '${run.executionId}' is not running in this worker; its credentials were not used.`,
      );
    }
  };
  return {
    prepare: async (run, node) => {
      check(run);
      return relay.prepare(run, node);
    },
    fetch: async (run, node, slot, input, init, signal) => {
      check(run);
      return relay.fetch(run, node, slot, input, init, signal);
    },
  };
}

/** Ends the records of sub-workflows that were still running in a worker that was stopped. */
async function recordNestedStopped(
  tenantId: string,
  ids: string[],
  bridge: IsolationBridge,
  status: ExecutionStatus,
  code: string,
  message: string,
): Promise<void> {
  const finishedAt = new Date((bridge.clock ?? systemClock).now()).toISOString();
  for (const id of ids) {
    try {
      await bridge.storage.executions.finish(tenantId, id, { status, finishedAt, error: { name: 'FlowloomError', code, message } });
    } catch (cause) {
      bridge.logger.error(`Could not save the end of execution '${id}'.`, { error: serializeError(cause) });
    }
  }
}

/** The record of an execution whose worker was stopped: what storage holds, ended with the reason. */
async function recordStopped(
  request: IsolatedRunRequest,
  bridge: IsolationBridge,
  status: ExecutionStatus,
  code: string,
  message: string,
): Promise<Execution> {
  const { executions } = bridge.storage;
  const error = { name: 'FlowloomError', code, message };
  const finishedAt = new Date((bridge.clock ?? systemClock).now()).toISOString();
  let execution = await executions.get(request.tenantId, request.executionId).catch(() => undefined);
  try {
    if (!execution) {
      execution = {
        id: request.executionId,
        workflowId: request.workflow.id,
        tenantId: request.tenantId,
        status: 'running',
        mode: request.mode,
        startedAt: finishedAt,
        nodes: {},
      };
      await executions.create(execution);
    }
    await executions.finish(request.tenantId, request.executionId, { status, finishedAt, error });
  } catch (cause) {
    bridge.logger.error(`Could not save the end of execution '${request.executionId}'.`, { error: serializeError(cause) });
  }
  const ended: Execution = { ...execution!, status, finishedAt, error };
  bridge.emit({ type: 'executionFinish', execution: ended });
  return ended;
}
