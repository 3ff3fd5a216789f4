import { hostOnlyCredentialStore, relayedCredentialsManager } from '../credentials/relayed-credentials.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { NodeType } from '../nodes/define-node.js';
import type { Logger } from '../ports/logger.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution } from '../model/execution.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { StorageError } from '../storage/storage.error.js';
import type { Storage } from '../storage/storage.js';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { codeLibrariesFromData } from '../code-sandbox/code-libraries.js';
import { isCredentialReply, relayToHost } from '../isolation/credential-bridge.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from '../isolation/execution-protocol.js';
import { SentRuns } from '../isolation/run-refs.js';
import { loadNodeTypes } from '../nodes/load-node-types.js';
import { WorkerEngines } from './worker-engines.js';

/** The execution worker's end of its channel. */
export interface ExecutionWorkerEndpoint {
  onMessage(listener: (message: ExecutionHostMessage) => void): void;
  postMessage(message: ExecutionWorkerMessage): void;
}

const STORES = ['workflows', 'executions', 'variables', 'keyValue', 'vectors'] as const;
const EVENT_TYPES = ['executionStart', 'nodeStart', 'nodeFinish', 'executionFinish'] as const;

/** One run request being served. */
interface ServedRun {
  request: IsolatedRunRequest;
  /** The run and every run it started (sub-workflows it did not wait for) have ended. */
  idle: boolean;
  /** The engine keeps something of this run that no later run needs (a waiting execution it tracks): the next run gets a new one. */
  spoiled: boolean;
  /** Aborted when the host cancels the run. */
  cancel: AbortController;
  /** Whether a node of the run is of a type the engine has built in (not one of the request's node modules). */
  builtIn(nodeId: string): boolean;
}

type StorageMessage = Extract<ExecutionWorkerMessage, { type: 'storage' }>;

/** An engine of the worker, and the run it serves now (its events go to that run). */
interface ServingEngine {
  engine: Engine;
  run?: ServedRun;
}

/**
 * Messages that may wait for the next one (or the next turn) and cross with
 * it. The start of a node of a type loaded from the request's node modules,
 * and a log line, cross at once: such a node may hold the thread (a loop that
 * never yields) until its worker is stopped, and the host must know by then
 * which node it was and what ran before it. A built-in node's start waits
 * (see `forward`): built-in nodes end or yield (their user code runs in the
 * Code sandbox, their expressions under a time limit), so a run of built-in
 * nodes that never waits on anything crosses in one message. What may wait
 * is always followed, without a node that may hold the thread in between, by
 * a message that cannot, or by the next turn.
 */
function canWait(message: ExecutionWorkerMessage): boolean {
  if (message.type === 'event') return message.event.type !== 'nodeStart';
  // `idle` follows at once unless a sub-workflow the run did not wait for still runs.
  if (message.type === 'done') return message.detached === true;
  return message.type === 'storage' && message.noReply === true;
}

/**
 * The worker side of whole-execution isolation: runs each `run` request with
 * an in-worker engine whose storage calls go back to the host as messages
 * (the data-only bridge), and forwards the run's events. Credentials are not
 * in the worker: their use goes to the host's manager (`relayToHost`), and a
 * webhook reply crosses back as a `respond` message.
 *
 * The engine made for a run is kept for the next runs with the same
 * settings, with the workflows it compiled (by content: a changed workflow
 * is compiled anew). Events, log lines and the end of a record (which the
 * run does not wait on) cross together with the next message that needs an
 * answer, in order.
 */
export function serveExecutions(
  endpoint: ExecutionWorkerEndpoint,
  options: { codeSandbox?: CodeSandbox; createEngine?: (options: EngineOptions) => Engine } = {},
): void {
  const makeEngine = options.createEngine ?? createEngine;
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const loaded = new Map<string, Promise<NodeType[]>>();

  const outbox: ExecutionWorkerMessage[] = [];
  // The outbox's first `copied` messages are copies: nothing the run does from now on changes them.
  let copied = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    copied = 0;
    if (outbox.length === 0) return;
    const messages = outbox.splice(0);
    endpoint.postMessage(messages.length === 1 ? messages[0]! : { type: 'batch', messages });
  };
  const post = (message: ExecutionWorkerMessage, wait = canWait(message)) => {
    outbox.push(message);
    if (!wait) flush();
    else timer ??= setTimeout(flush, 0);
  };
  /**
   * Copies what waits in the outbox as it is now, before a node runs while it waits: the messages name the run's
   * live objects (the new record's node runs, the items a node gets as input), which the node and the engine may
   * change before the messages cross. Each message is copied once.
   */
  const keepAsNow = () => {
    for (; copied < outbox.length; copied++) outbox[copied] = structuredClone(outbox[copied]!);
  };

  // The run being served: its node runs cross once (see `SentRuns`), and its own new record without the workflow
  // the host sent it.
  let sent = new SentRuns();
  let servedRequest: IsolatedRunRequest | undefined;
  // The first of the run's own writes the host could not perform (it says so with `write-failed`): the next one fails with it.
  let writeFailure: string | undefined;
  // The run request being served, for the host's `cancel`.
  let current: ServedRun | undefined;
  const call = (store: string, method: string, args: unknown[]) => {
    const message: StorageMessage = { type: 'storage', id: 0, store, method, args };
    if (store === 'executions' && method === 'appendNodeRun' && typeof args[2] === 'object' && args[2] !== null) {
      message.runRef = sent.add(args[2]);
    }
    if (store === 'executions' && method === 'create' && servedRequest && isOwnRecord(args[0], servedRequest)) {
      const { workflow: _workflow, ...record } = args[0];
      message.args = [record];
      message.runWorkflow = true;
    }
    // The end of a record: the run goes on whatever comes of it (a failure is logged, as in process), so the host
    // does not answer; it performs it before anything sent after it.
    if (store === 'executions' && method === 'finish') {
      post({ ...message, noReply: true });
      return Promise.resolve(undefined);
    }
    // The run's own new record and node runs are written in order without waiting for the host (see `pipelined`).
    if (servedRequest && pipelined(store, method, args, servedRequest)) {
      if (writeFailure !== undefined) return Promise.reject(new StorageError('STORAGE_FAILED', writeFailure));
      post({ ...message, noReply: true });
      return Promise.resolve(undefined);
    }
    return new Promise<unknown>((resolve, reject) => {
      message.id = nextId++;
      waiting.set(message.id, { resolve, reject });
      post(message);
    });
  };
  const storage = Object.fromEntries([
    ['credentials', hostOnlyCredentialStore],
    ...STORES.map((store) => [
      store,
      new Proxy(
        {},
        { get: (_target, method) => (typeof method === 'string' ? (...args: unknown[]) => call(store, method, args) : undefined) },
      ),
    ]),
  ]) as unknown as Storage;
  const relay = relayToHost(post);
  const credentials = relayedCredentialsManager(relay.relay);
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => post({ type: 'log', level: 'warn', message }),
    error: (message) => post({ type: 'log', level: 'error', message }),
  };

  // Every execution of an engine reports to the host's listeners: the run's own, and the sub-workflows it starts
  // (marked, so only the run's own reach its `onEvent`, as in process).
  const forward = (run: ServedRun, event: EngineEvent) => {
    const id = event.type === 'executionStart' || event.type === 'executionFinish' ? event.execution.id : event.executionId;
    // The engine remembers the executions that end waiting: a kept engine would hold them for good.
    if (event.type === 'executionFinish' && event.execution.status === 'waiting') run.spoiled = true;
    const nested = id === run.request.executionId ? {} : { nested: true as const };
    if (event.type === 'nodeFinish') {
      // The run crossed with its `appendNodeRun`: the host puts it back.
      const runRef = sent.refOf(event.run);
      if (runRef !== undefined) {
        const { run: _run, ...rest } = event;
        return post({ type: 'event', event: rest as EngineEvent, runRef, ...nested });
      }
    }
    // A built-in node of the run itself starts: that crosses with the next message (see `canWait`).
    if (event.type === 'nodeStart' && !nested.nested && run.builtIn(event.nodeId)) {
      post({ type: 'event', event }, true);
      return keepAsNow();
    }
    let crossing = event;
    // The record goes on changing after its start; the event crosses later (with the next message), as it was now.
    if (event.type === 'executionStart') crossing = { ...event, execution: startedRecord(event.execution) };
    // The record's node runs that crossed already go by their numbers (see `CrossingExecution`).
    if (event.type === 'executionFinish') crossing = { ...event, execution: sent.record(event.execution) as unknown as Execution };
    post({ type: 'event', event: crossing, ...nested });
  };
  const engines = new WorkerEngines<ServingEngine>();
  const newEngine = (request: IsolatedRunRequest, nodeTypes: NodeType[]): ServingEngine => {
    const serving: ServingEngine = {
      engine: makeEngine({
        nodeTypes,
        storage,
        credentials,
        logger,
        codeSandbox: options.codeSandbox,
        http: request.http,
        env: request.env,
        limits: { maxNodeRuns: request.maxNodeRuns, code: request.codeLimits },
        codeLibraries: codeLibrariesFromData(request.codeLibraries),
        // Crash recovery is the host's job: from here, other workers' running executions would look dead.
        executions: { crashRecovery: 'off', ...(request.owner ? { instanceId: request.owner } : {}) },
      }),
    };
    for (const type of EVENT_TYPES) serving.engine.on(type, (event) => serving.run && forward(serving.run, event));
    return serving;
  };

  const run = async (served: ServedRun) => {
    const { request } = served;
    const key = request.nodeModules.join('\n');
    let types = loaded.get(key);
    if (!types) loaded.set(key, (types = loadNodeTypes(request.nodeModules)));
    const nodeTypes = await types;
    const loadedTypes = new Set(nodeTypes.map((t) => t.type));
    const typeOf = new Map(request.workflow.nodes.map((n) => [n.id, n.type]));
    served.builtIn = (nodeId) => {
      const type = typeOf.get(nodeId);
      return type !== undefined && !loadedTypes.has(type);
    };
    // Everything the engine is made with, from the request: the same settings find the same engine.
    const configuration = [
      request.tenantId,
      request.nodeModules,
      request.http,
      request.env,
      request.maxNodeRuns,
      request.codeLimits,
      request.codeLibraries ?? null,
      request.owner ?? null,
    ];
    const make = () => newEngine(request, nodeTypes);
    let kept = engines.get(configuration, make);
    let previous = kept.value.run;
    if (previous?.spoiled) {
      engines.drop(kept);
      kept = engines.get(configuration, make);
      previous = undefined;
    }
    // One run at a time per engine (the pool sends none while one is under way; this holds if it did).
    if (previous && !previous.idle) kept = engines.once(make);
    const { value: serving } = kept;
    serving.run = served;
    // The execution keeps the id the host chose; every other id (sub-workflows...) is fresh. So do a resume,
    // a retry's replay and the webhook reply channel: the request is a run job.
    let replied = false;
    const respond = (reply: WebhookReply) => {
      if (replied) return false;
      replied = true;
      post({ type: 'respond', reply });
      return true;
    };
    try {
      const execution = await serving.engine.runJob(
        { ...request, workflow: kept.same(request.workflow) },
        { signal: served.cancel.signal, ...(request.respond ? { respond } : {}) },
      );
      return { execution, engine: serving.engine };
    } catch (error) {
      served.spoiled = true;
      throw error;
    }
  };

  endpoint.onMessage((message) => {
    if (isCredentialReply(message)) return relay.receive(message);
    if (message.type === 'storage-result') {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new StorageError('STORAGE_FAILED', message.message));
      return;
    }
    if (message.type === 'write-failed') {
      if (message.executionId === servedRequest?.executionId) writeFailure ??= message.message;
      return;
    }
    if (message.type === 'cancel') {
      current?.cancel.abort();
      return;
    }
    if (message.type === 'run') {
      const served: ServedRun = {
        request: message.request,
        idle: false,
        spoiled: false,
        cancel: new AbortController(),
        builtIn: () => false,
      };
      current = served;
      // The host keeps node runs by number for one run request.
      sent = new SentRuns();
      servedRequest = message.request;
      writeFailure = undefined;
      run(served).then(
        async ({ execution, engine }) => {
          // Sub-workflows it started without waiting may outlive it: the host keeps this worker (and its bridge)
          // until the engine has no run left, each counted from the moment it was asked for (before its record
          // exists). `idle` crosses with `done` when nothing else runs.
          post({ type: 'done', execution: sent.record(execution), detached: true });
          await engine.idle();
          served.idle = true;
          post({ type: 'idle' });
        },
        (error: unknown) => post({ type: 'failed', message: serializeError(error).message }),
      );
    }
  });
}

/**
 * The run's own writes that need no answer: its new record and its node runs.
 * They cross with the next message that cannot wait, and the host performs
 * them in order before anything sent after them, so storage holds the same
 * records in the same order as in process; only the worker no longer waits
 * for each before the next node. When one fails, the host says so
 * (`write-failed`), the run's next write fails with it, and the host ends the
 * record as an error with that message whatever the worker got to (as in
 * process: "The execution could not be completed: …"). A sub-workflow's
 * writes are still answered one by one: its caller acts on its outcome.
 */
function pipelined(store: string, method: string, args: unknown[], request: IsolatedRunRequest): boolean {
  if (store !== 'executions') return false;
  if (method === 'appendNodeRun') return args[0] === request.tenantId && args[1] === request.executionId;
  return method === 'create' && isOwnRecord(args[0], request);
}

/** A new record of the run itself (not of a sub-workflow it starts), with its workflow snapshot. */
function isOwnRecord(record: unknown, request: IsolatedRunRequest): record is Execution & { workflow: object } {
  const execution = record as Partial<Execution> | undefined;
  return execution?.id === request.executionId && execution.workflowId === request.workflow.id && typeof execution.workflow === 'object';
}

/** A started execution's record as it is now: its later changes (status, node runs) must not cross with the event. */
function startedRecord(execution: Execution): Execution {
  const nodes: Execution['nodes'] = {};
  for (const [id, runs] of Object.entries(execution.nodes)) nodes[id] = [...runs];
  return { ...execution, nodes };
}
