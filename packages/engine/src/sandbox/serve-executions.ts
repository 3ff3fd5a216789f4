import { serializeError } from '../errors/node-execution.error.js';
import type { NodeType } from '../nodes/define-node.js';
import type { Logger } from '../ports/logger.js';
import { createEngine, type Engine, type EngineOptions, type RunOptions } from '../run/engine.js';
import type { Execution } from '../run/execution.js';
import type { Workflow } from '../model/workflow.js';
import type { Storage } from '../storage/storage.js';
import type { CodeSandbox } from './code-sandbox.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from './execution-protocol.js';
import { loadNodeTypes } from './load-node-types.js';

/** The execution worker's end of its channel. */
export interface ExecutionWorkerEndpoint {
  onMessage(listener: (message: ExecutionHostMessage) => void): void;
  postMessage(message: ExecutionWorkerMessage): void;
}

const STORES = ['workflows', 'executions', 'variables', 'credentials'] as const;

/**
 * The worker side of whole-execution isolation: runs each `run` request with
 * an in-worker engine whose storage calls go back to the host as messages
 * (the data-only bridge), and forwards the run's events.
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
  const storage = Object.fromEntries(
    STORES.map((store) => [
      store,
      new Proxy(
        {},
        { get: (_target, method) => (typeof method === 'string' ? (...args: unknown[]) => call(store, method, args) : undefined) },
      ),
    ]),
  ) as unknown as Storage;
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => endpoint.postMessage({ type: 'log', level: 'warn', message }),
    error: (message) => endpoint.postMessage({ type: 'log', level: 'error', message }),
  };

  const run = async (request: IsolatedRunRequest) => {
    const key = request.nodeModules.join('\n');
    let types = loaded.get(key);
    if (!types) loaded.set(key, (types = loadNodeTypes(request.nodeModules)));
    const engine = makeEngine({
      nodeTypes: await types,
      storage,
      logger,
      codeSandbox: options.codeSandbox,
      http: request.http,
      env: request.env,
      limits: { maxNodeRuns: request.maxNodeRuns, code: request.codeLimits },
      // Crash recovery is the host's job: from here, other workers' running executions would look dead.
      executions: { crashRecovery: 'off', ...(request.owner ? { instanceId: request.owner } : {}) },
    });
    // The execution keeps the id the host chose; every other id (sub-workflows...) is fresh. `run`'s third,
    // engine-internal argument carries it, so the engine's id generator stays untouched.
    const runWithId = engine.run as (workflow: Workflow, options: RunOptions, internal: { executionId: string }) => Promise<Execution>;
    return runWithId.call(
      engine,
      request.workflow,
      {
        tenantId: request.tenantId,
        mode: request.mode,
        startNode: request.startNode,
        input: request.input,
        usePinData: request.usePinData,
        timeoutMs: request.timeoutMs,
        vars: request.vars,
        onEvent: (event) => endpoint.postMessage({ type: 'event', event }),
      },
      { executionId: request.executionId },
    );
  };

  endpoint.onMessage((message) => {
    if (message.type === 'storage-result') {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.message));
      return;
    }
    if (message.type === 'run') {
      run(message.request).then(
        (execution) => endpoint.postMessage({ type: 'done', execution }),
        (error: unknown) => endpoint.postMessage({ type: 'failed', message: serializeError(error).message }),
      );
    }
  });
}
