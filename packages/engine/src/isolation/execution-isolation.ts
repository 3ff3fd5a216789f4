// One file past 400 lines: the host side of an isolated execution (the pool, one run's message loop with its
// storage, credential and event relays, and how a run ends) is one protocol; split, each half would need the other's state.
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { CredentialRelay, RelayedRun } from '../credentials/credential-relay.js';
import type { Redactor } from '../credentials/redactor.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution, ExecutionStatus, NodeRun } from '../model/execution.js';
import type { SerializedError } from '../errors/flowloom.error.js';
import type { ExecutionResult } from '../storage/execution-store.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { StorageError } from '../storage/storage.error.js';
import type { Storage } from '../storage/storage.js';
import { isCredentialCall, serveCredentialCalls } from './credential-bridge.js';
import type { CrossingExecution, ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from './execution-protocol.js';
import { KeptRuns } from './run-refs.js';
import { formatDuration } from '../code-sandbox/code-limits.js';
import { createWorkerPool, WORKER_POOL_OPTIONS, type WorkerPoolCounts, type WorkerPoolOptions } from '../workers/worker-pool.js';
import type { WorkerPort } from '../workers/worker-port.js';

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

/** A pool's state at one moment: workers alive, executions running in one, and executions waiting for one. */
export type IsolationCounts = WorkerPoolCounts;

/**
 * The isolation pool's caps unless the host sets them (the browser keeps 2
 * idle workers). Executions beyond the caps wait, in arrival order among
 * those that may start; a waiting execution's deadline starts when it gets
 * its worker, and its signal cancels it while it waits (it ends `canceled`
 * without a worker ever starting).
 */
export const ISOLATION_POOL: Required<WorkerPoolOptions> = { maxWorkers: 8, maxWorkersPerTenant: 4, maxIdleWorkers: 4 };

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
const STORES = new Set(['workflows', 'executions', 'variables', 'keyValue', 'vectors']);

/** An execution worker with the listener of the run it serves. */
interface Pooled {
  port: ExecutionWorker;
  listener?: (message: ExecutionWorkerMessage) => void;
  terminate(): unknown;
  onExit: ExecutionWorker['onExit'];
  setBusy?(busy: boolean): void;
}

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
  const graceMs = options.graceMs ?? 1_000;
  const spawn = (tenantId: string): Pooled => {
    const port = options.spawn(tenantId);
    const pooled: Pooled = {
      port,
      terminate: () => port.terminate(),
      onExit: (listener) => port.onExit(listener),
      setBusy: port.setBusy && ((busy) => port.setBusy!(busy)),
    };
    port.onMessage((message) => {
      if (message.type !== 'batch') return pooled.listener?.(message);
      // One at a time, as if they had come apart (the run's listener may go between two of them).
      for (const inner of message.messages) pooled.listener?.(inner);
    });
    return pooled;
  };
  const pool = createWorkerPool<Pooled>({ ...options, spawn }, ISOLATION_POOL);

  return {
    async run(request, bridge, signal) {
      signal?.throwIfAborted();
      const lease = await pool.acquire(request.tenantId, signal);
      if (!lease) {
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
          if (!lease.dead) lease.worker.port.postMessage(reply);
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
          clearTimeout(cancelTimer);
          signal?.removeEventListener('abort', onAbort);
          lease.worker.listener = undefined;
          pool.release(lease);
        };
        const stop = (status: ExecutionStatus, code: string, message: string) => {
          pool.kill(lease);
          releaseWorker();
          void recordNestedStopped(request.tenantId, [...nested.keys()], bridge, status, code, message);
          finish(() => recordStopped(request, bridge, status, code, message));
        };
        // A cancel goes to the worker, which aborts the run as in process (its worker stays, with the other
        // executions it may carry); a run that holds the thread cannot hear it, and is stopped with its worker
        // after the grace period.
        let cancelTimer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          if (cancelTimer !== undefined || settled) return;
          if (!lease.dead) lease.worker.port.postMessage({ type: 'cancel' });
          cancelTimer = setTimeout(() => stop('canceled', 'CANCELED', 'The execution was canceled.'), graceMs);
        };
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
        if (signal?.aborted) return stop('canceled', 'CANCELED', 'The execution was canceled.');
        lease.onExit = (exit) =>
          stop(
            'error',
            exit.outOfMemory ? 'EXECUTION_OUT_OF_MEMORY' : 'EXECUTION_WORKER_FAILED',
            exit.outOfMemory
              ? `The execution ran out of memory${options.heapMb ? ` (its limit is ${options.heapMb} MiB)` : ''}; its worker was stopped.`
              : `The execution's worker stopped unexpectedly (${exit.message}).`,
          );
        // A write the worker does not wait on (`noReply`) is under way: what comes after it waits for it, in order,
        // so that listeners and the caller see storage as the worker saw it.
        let writing: Promise<void> | undefined;
        // Node runs that crossed once, for the events and records that name them by number.
        const runs = new KeptRuns();
        // The first of the run's own writes that failed without the worker waiting on it: the run ends with it.
        let writeFailure: SerializedError | undefined;
        const own = (id: unknown) => id === request.executionId;
        const endedByFailure = <T extends { status: ExecutionStatus; error?: SerializedError; wait?: unknown }>(record: T): T => {
          if (!writeFailure) return record;
          const { wait: _wait, ...rest } = record;
          return { ...rest, status: 'error', error: writeFailure } as T;
        };
        const handle = (message: ExecutionWorkerMessage): Promise<void> | undefined => {
          if (isCredentialCall(message)) {
            credentials.receive(message);
            return;
          }
          switch (message.type) {
            case 'storage': {
              if (message.runRef !== undefined && message.method === 'appendNodeRun') runs.add(message.runRef, message.args[2] as NodeRun);
              // Node runs and the end of the record are redacted, as in process (the new record holds no run data yet).
              const recorded = message.store === 'executions' && (message.method === 'appendNodeRun' || message.method === 'finish');
              let call = recorded ? { ...message, args: redact(message.args) } : message;
              // The run's own new record: its workflow snapshot is the one this run was given.
              const record = message.args[0] as Partial<Execution> | undefined;
              if (message.runWorkflow && message.method === 'create' && record?.id === request.executionId) {
                call = { ...message, args: [{ ...record, workflow: request.workflow }] };
              }
              // After one of the run's own writes failed, its later records are not written (the run stopped there, as
              // in process) and the end of its record says why.
              if (writeFailure && message.noReply && message.method !== 'finish' && own(ownRecordOf(message))) return;
              if (writeFailure && message.method === 'finish' && own(message.args[1])) {
                call = { ...call, args: [call.args[0], call.args[1], endedByFailure(call.args[2] as ExecutionResult)] };
              }
              const answered = answerStorage(request.tenantId, bridge.storage, call);
              if (message.noReply) {
                return answered.then((reply) => {
                  if (reply.type !== 'storage-result' || reply.ok) return;
                  bridge.logger.error(redact(`Could not save ${message.store}.${message.method} of the execution: ${reply.message}`), {
                    executionId: request.executionId,
                  });
                  if (writeFailure || message.method === 'finish' || !own(ownRecordOf(message))) return;
                  writeFailure = {
                    name: 'StorageError',
                    code: 'STORAGE_FAILED',
                    message: redact(`The execution could not be completed: ${reply.message}`),
                  };
                  if (!lease.dead)
                    lease.worker.port.postMessage({ type: 'write-failed', executionId: request.executionId, message: reply.message });
                });
              }
              void answered.then((reply) => {
                if (!lease.dead) lease.worker.port.postMessage(reply);
              });
              return;
            }
            case 'event': {
              let { event } = message;
              if (message.runRef !== undefined && event.type === 'nodeFinish') {
                const run = runs.get(message.runRef);
                if (!run) return;
                event = { ...event, run };
              }
              if (event.type === 'executionFinish') {
                const execution = runs.record(event.execution as CrossingExecution);
                event = { ...event, execution: own(execution.id) ? endedByFailure(execution) : execution };
              }
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
              finish(async () => redact(endedByFailure(runs.record(message.execution))));
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
        lease.worker.listener = (message) => {
          if (released) return;
          let next: Promise<void> | undefined;
          if (writing) {
            // Received before the worker was let go: a storage call is still performed, the rest is dropped as it would have been.
            next = writing.then(() => (released && message.type !== 'storage' ? undefined : handle(message)));
          } else {
            next = handle(message);
          }
          if (!next) return;
          const current = (writing = next);
          void current.then(() => {
            if (writing === current) writing = undefined;
          });
        };
        lease.worker.port.postMessage({ type: 'run', request });
      });
    },
    async close() {
      pool.close(closedError);
    },
    counts: () => pool.counts(),
  };
}

function closedError(): FlowloomError {
  return new FlowloomError('ISOLATION_CLOSED', 'The execution isolation was closed; the execution did not start.');
}

/** The execution a storage call writes (`create`, `appendNodeRun`, `finish`). */
function ownRecordOf(message: Extract<ExecutionWorkerMessage, { type: 'storage' }>): unknown {
  return message.method === 'create' ? (message.args[0] as Partial<Execution> | undefined)?.id : message.args[1];
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
    const target = (storage as unknown as Record<string, Record<string, unknown> | undefined>)[store];
    if (!target) throw new StorageError('STORAGE_REFUSED', `the host's storage keeps no ${store} records`);
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
    data: async (run, node, slot, signal) => {
      check(run);
      return relay.data(run, node, slot, signal);
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
