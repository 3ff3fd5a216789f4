import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { checkEngineOptions } from '../run/engine-options.js';
import { createEngineWith, type Engine, type EngineOptions } from '../run/engine.js';
import type { EngineRuntime } from '../run/engine-runtime.js';
import { createGuardedFetch } from './guarded-fetch.js';
import { createNodeCodeSandbox } from './node-code-sandbox.js';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';

let sharedSandbox: CodeSandbox | undefined;

/** Node's parts of an engine: `worker_threads` for Code nodes and for `isolation: 'worker'`. */
const nodeRuntime: EngineRuntime = {
  // One per process, shared by its engines; its idle workers do not keep Node running.
  codeSandbox: () => (sharedSandbox ??= createNodeCodeSandbox()),
  workerIsolation: (options) => createNodeExecutionIsolation(options),
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
 * @example
 * import { createNodeEngine } from '@flowloom/engine/node';
 * const engine = createNodeEngine({ storage, http: { allowedRanges: ['10.20.0.0/16'] } });
 */
export function createNodeEngine(options: EngineOptions = {}): Engine {
  checkEngineOptions('createNodeEngine', options);
  if (options.http?.allowPrivateNetworks) return createEngineWith(nodeRuntime, options);
  const allowedRanges = options.http?.allowedRanges ?? [];
  const fetch = createGuardedFetch(options.fetch ? { fetch: options.fetch, allowedRanges } : { allowedRanges });
  return createEngineWith(nodeRuntime, { ...options, fetch });
}
