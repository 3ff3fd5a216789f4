import { checkOptions } from '../options/check-options.js';
import { Worker } from 'node:worker_threads';
import { createWorkerIsolation, type ExecutionIsolation, type IsolationCounts } from '../isolation/execution-isolation.js';
import { WORKER_POOL_OPTIONS, type WorkerPoolOptions } from '../workers/worker-pool.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { adaptNodeWorker } from './node-code-sandbox.js';
import { workerScript } from './worker-script.js';

/** Options of whole-execution isolation in Node. */
export interface NodeExecutionIsolationOptions extends WorkerPoolOptions {
  /** V8 heap limit of each execution worker, in MiB (default 256, at least 64). */
  heapMb?: number;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
}

/**
 * Runs each execution in a pooled `worker_threads` Worker with heap limits
 * and a watchdog. `createNodeEngine({ isolation: 'worker' })` starts one on
 * first use; pass your own with `createNodeEngine({ isolation: createNodeExecutionIsolation({ heapMb: 512 }) })`.
 */
export function createNodeExecutionIsolation(
  options: NodeExecutionIsolationOptions = {},
): ExecutionIsolation & { counts(): IsolationCounts } {
  checkOptions('createNodeExecutionIsolation', options, {
    ...WORKER_POOL_OPTIONS,
    heapMb: true,
    defaultTimeoutMs: true,
  });
  const heapMb = Math.max(64, options.heapMb ?? 256);
  let pool: (ExecutionIsolation & { counts(): IsolationCounts }) | undefined;
  let isolation: Promise<ExecutionIsolation> | undefined;
  const get = () =>
    (isolation ??= Promise.all([workerScript('execution-worker'), workerScript('code-worker')]).then(
      ([url, codeWorker]) =>
        (pool = createWorkerIsolation({
          heapMb,
          maxIdleWorkers: options.maxIdleWorkers,
          maxWorkers: options.maxWorkers,
          maxWorkersPerTenant: options.maxWorkersPerTenant,
          defaultTimeoutMs: options.defaultTimeoutMs,
          spawn: () =>
            adaptNodeWorker<ExecutionHostMessage, ExecutionWorkerMessage>(
              new Worker(url, {
                resourceLimits: { maxOldGenerationSizeMb: heapMb },
                workerData: { codeWorkerUrl: codeWorker.href },
              }),
            ),
        })),
    ));
  return {
    run: async (request, bridge, signal) => (await get()).run(request, bridge, signal),
    close: async () => {
      if (isolation) await (await isolation).close();
    },
    counts: () => pool?.counts() ?? { workers: 0, running: 0, queued: 0 },
  };
}
