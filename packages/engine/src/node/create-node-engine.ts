import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { implementedBy, type NodeType, type NodeTypeDefinition } from '../nodes/define-node.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { checkEngineOptions, ENGINE_OPTIONS } from '../run/engine-options.js';
import { createEngineWith, type Engine, type EngineOptions } from '../run/engine.js';
import type { EngineRuntime } from '../run/engine-runtime.js';
import { createGuardedFetch } from './guarded-fetch.js';
import { createConnectAddress } from './nodes/connect-address.js';
import type { ExecuteCommandOptions, FilesOptions, NodeOnlyHost } from './nodes/host.js';
import { createNodeOnlyNodeTypes } from './nodes/index.js';
import { checkNodeOnlyOptions } from './nodes/node-only-options.js';
import { createNodeCodeSandbox } from './node-code-sandbox.js';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';

let sharedSandbox: CodeSandbox | undefined;

/** Node's parts of an engine: `worker_threads` for Code nodes and for `isolation: 'worker'`. */
const nodeRuntime: EngineRuntime = {
  // One per process, shared by its engines; its idle workers do not keep Node running.
  codeSandbox: () => (sharedSandbox ??= createNodeCodeSandbox()),
  workerIsolation: (options) => createNodeExecutionIsolation(options),
  // A server loads every core node type at start: a workflow's parameters are checked in full before it first runs.
  coreNodeTypes,
};

/** What `createNodeEngine` takes: `createEngine`'s options and the settings of the Node-only nodes. */
export interface NodeEngineOptions extends EngineOptions {
  /**
   * The folder the Read/Write Files node reads and writes in; every path is
   * confined to it. Without it the node refuses to run.
   */
  files?: FilesOptions;
  /** Lets the Execute Command node run shell commands (`{ enabled: true }`); without it the node refuses to run. */
  executeCommand?: ExecuteCommandOptions;
}

const NODE_ENGINE_OPTIONS: OptionSpec<NodeEngineOptions> = {
  ...ENGINE_OPTIONS,
  files: { root: true, maxFileBytes: true },
  executeCommand: { enabled: true, timeoutMs: true, cwd: true, env: true, maxOutputBytes: true },
};

/**
 * Creates an engine for Node: like `createEngine`, with Node's parts. Code
 * nodes run in QuickJS inside `worker_threads` Workers with heap limits
 * (`createNodeCodeSandbox`, shared by the process's engines) unless
 * `codeSandbox` is given; `isolation: 'worker'` runs each execution in a
 * pooled `worker_threads` Worker (`createNodeExecutionIsolation`); and HTTP
 * requests are checked against private networks after DNS resolution and
 * connected to the checked address (unless `http.allowPrivateNetworks` is
 * true; `http.allowedRanges` applies). A `fetch` the host passes is wrapped,
 * and its names are checked before it is called.
 *
 * It also runs the Node-only nodes, which every engine describes
 * (`nodeOnlyNodeTypes`) and this one implements: Send Email and the Email
 * Trigger connect under the same network policy as HTTP requests, with the
 * credential they read through their context; Read/Write Files works only
 * inside `files.root`; Execute Command runs only with
 * `executeCommand: { enabled: true }`. An implementation the host passes
 * for one of them (`implementNode`) is used instead of the engine's.
 *
 * @example
 * import { createNodeEngine } from '@flowloom/engine/node';
 * const engine = createNodeEngine({
 *   storage,
 *   http: { allowedRanges: ['10.20.0.0/16'] },
 *   files: { root: '/srv/flowloom/files' },
 *   executeCommand: { enabled: true, timeoutMs: 30_000 },
 * });
 */
export function createNodeEngine(options: NodeEngineOptions = {}): Engine {
  checkOptions('createNodeEngine', options, NODE_ENGINE_OPTIONS);
  const { files, executeCommand, ...engineOptions } = options;
  checkEngineOptions('createNodeEngine', engineOptions);
  checkNodeOnlyOptions('createNodeEngine', { files, executeCommand });
  const host: NodeOnlyHost = {
    connectAddress: createConnectAddress({ ...options.http }),
    files,
    executeCommand,
  };
  const given: (NodeType | NodeTypeDefinition)[] = [...(engineOptions.nodeTypes ?? [])];
  // The host's own implementation of a Node-only type wins; the description itself, given again, changes nothing.
  const ownedByHost = (t: NodeType) => given.some((g) => g.type === t.type && g.version === t.version && g !== implementedBy(t));
  const nodeTypes = [...createNodeOnlyNodeTypes(host).filter((t) => !ownedByHost(t)), ...given];
  return createBaseEngine({ ...engineOptions, nodeTypes });
}

function createBaseEngine(options: EngineOptions): Engine {
  if (options.http?.allowPrivateNetworks) return createEngineWith(nodeRuntime, options);
  const allowedRanges = options.http?.allowedRanges ?? [];
  const fetch = createGuardedFetch(options.fetch ? { fetch: options.fetch, allowedRanges } : { allowedRanges });
  return createEngineWith(nodeRuntime, { ...options, fetch });
}
