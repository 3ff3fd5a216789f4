import { FlowloomError } from '../errors/flowloom.error.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import type { IsolationPoolOptions } from '../workers/shared-workers.js';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { defaultCodeSandbox, hasWebWorkers } from '../code-sandbox/default-sandbox.js';
import { createWebExecutionIsolation } from './web-isolation.js';
import type { NodeType } from '../nodes/define-node.js';
import { webCoreNodeTypes } from '../nodes/core/lazy-core.js';

/**
 * The parts of an engine that depend on the runtime it runs in. The entry
 * that knows the runtime passes them: `createEngine` the web platform's
 * (`webRuntime`), `createNodeEngine` from `@flowloom/engine/node` Node's.
 * The core never looks for another runtime's parts by itself.
 */
export interface EngineRuntime {
  /** The Code node sandbox of an engine given no `codeSandbox`; shared by engines, so no engine closes it. */
  codeSandbox(): CodeSandbox;
  /** A new pool for `isolation: 'worker'`, owned (and closed) by the engine that asked for it. */
  workerIsolation(options: IsolationPoolOptions): ExecutionIsolation;
  /** The core node types every engine of the runtime starts with (stand-ins that load on first use, or the full types). */
  readonly coreNodeTypes: readonly NodeType[];
}

/** The web platform's parts: module Web Workers, where the realm has them (browsers, Deno, Bun). */
export const webRuntime: EngineRuntime = {
  codeSandbox: defaultCodeSandbox,
  coreNodeTypes: webCoreNodeTypes,
  workerIsolation({ heapMb: _heapMb, ...pool }) {
    if (!hasWebWorkers()) {
      throw new FlowloomError(
        'ISOLATION_UNAVAILABLE',
        "isolation: 'worker' needs Web Workers, and this platform has none: in Node, create the engine with createNodeEngine from @flowloom/engine/node; elsewhere, pass an ExecutionIsolation object.",
      );
    }
    return createWebExecutionIsolation(pool);
  },
};
