import { hostOnlyCredentialStore, relayedCredentialsManager } from '../credentials/relayed-credentials.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { NodeType } from '../nodes/define-node.js';
import type { Logger } from '../ports/logger.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { StorageError } from '../storage/storage.error.js';
import type { Storage } from '../storage/storage.js';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { isCredentialReply, relayToHost } from '../isolation/credential-bridge.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from '../isolation/execution-protocol.js';
import { loadNodeTypes } from '../nodes/load-node-types.js';

/** The execution worker's end of its channel. */
export interface ExecutionWorkerEndpoint {
  onMessage(listener: (message: ExecutionHostMessage) => void): void;
  postMessage(message: ExecutionWorkerMessage): void;
}

const STORES = ['workflows', 'executions', 'variables', 'keyValue'] as const;
const EVENT_TYPES = ['executionStart', 'nodeStart', 'nodeFinish', 'executionFinish'] as const;

/** The executions of a run's engine still running, and what to do when none is left. */
interface OpenExecutions {
  ids: Set<string>;
  whenIdle?: () => void;
}

/**
 * The worker side of whole-execution isolation: runs each `run` request with
 * an in-worker engine whose storage calls go back to the host as messages
 * (the data-only bridge), and forwards the run's events. Credentials are not
 * in the worker: their use goes to the host's manager (`relayToHost`), and a
 * webhook reply crosses back as a `respond` message.
 */
export function serveExecutions(
  endpoint: ExecutionWorkerEndpoint,
  options: { codeSandbox?: CodeSandbox; createEngine?: (options: EngineOptions) => Engine } = {},
): void {
  const makeEngine = options.createEngine ?? createEngine;
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const loaded = new Map<string, Promise<NodeType[]>>();

  const call = (store: string, method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      endpoint.postMessage({ type: 'storage', id, store, method, args });
    });
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
  const relay = relayToHost((message) => endpoint.postMessage(message));
  const credentials = relayedCredentialsManager(relay.relay);
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => endpoint.postMessage({ type: 'log', level: 'warn', message }),
    error: (message) => endpoint.postMessage({ type: 'log', level: 'error', message }),
  };

  const run = async (request: IsolatedRunRequest, open: OpenExecutions) => {
    const key = request.nodeModules.join('\n');
    let types = loaded.get(key);
    if (!types) loaded.set(key, (types = loadNodeTypes(request.nodeModules)));
    const engine = makeEngine({
      nodeTypes: await types,
      storage,
      credentials,
      logger,
      codeSandbox: options.codeSandbox,
      http: request.http,
      env: request.env,
      limits: { maxNodeRuns: request.maxNodeRuns, code: request.codeLimits },
      // Crash recovery is the host's job: from here, other workers' running executions would look dead.
      executions: { crashRecovery: 'off', ...(request.owner ? { instanceId: request.owner } : {}) },
    });
    // Every execution of this engine reports to the host's listeners: this one, and the sub-workflows it starts
    // (marked, so only this one's reach the run's own `onEvent`, as in process). `open` tracks those still running.
    const forward = (event: EngineEvent) => {
      const id = event.type === 'executionStart' || event.type === 'executionFinish' ? event.execution.id : event.executionId;
      if (event.type === 'executionStart') open.ids.add(id);
      endpoint.postMessage({ type: 'event', event, ...(id === request.executionId ? {} : { nested: true }) });
      if (event.type === 'executionFinish' && open.ids.delete(id) && open.ids.size === 0) open.whenIdle?.();
    };
    for (const type of EVENT_TYPES) engine.on(type, forward);
    // The execution keeps the id the host chose; every other id (sub-workflows...) is fresh. So do a resume,
    // a retry's replay and the webhook reply channel: the request is a run job.
    let replied = false;
    const respond = (reply: WebhookReply) => {
      if (replied) return false;
      replied = true;
      endpoint.postMessage({ type: 'respond', reply });
      return true;
    };
    return engine.runJob(request, request.respond ? { respond } : {});
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
    if (message.type === 'run') {
      const open: OpenExecutions = { ids: new Set() };
      run(message.request, open).then(
        (execution) => {
          // Sub-workflows started without waiting may still run: the host keeps this worker (and its bridge) for them.
          if (open.ids.size === 0) return endpoint.postMessage({ type: 'done', execution });
          open.whenIdle = () => endpoint.postMessage({ type: 'idle' });
          endpoint.postMessage({ type: 'done', execution, detached: true });
        },
        (error: unknown) => endpoint.postMessage({ type: 'failed', message: serializeError(error).message }),
      );
    }
  });
}
