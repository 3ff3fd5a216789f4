import { checkOptions } from '../options/check-options.js';
import { Worker } from 'node:worker_threads';
import { createWorkerIsolation, type ExecutionIsolation, type IsolationCounts } from '../isolation/execution-isolation.js';
import { WORKER_POOL_OPTIONS, type WorkerPoolOptions } from '../workers/worker-pool.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { adaptNodeWorker } from './node-code-sandbox.js';
import { sharedWorkers, type ChannelMessage, type SharedWorkerMessage } from '../workers/shared-workers.js';
import { workerScript } from './worker-script.js';

/** Options of whole-execution isolation in Node. */
export interface NodeExecutionIsolationOptions extends WorkerPoolOptions {
  /** V8 heap limit of each execution worker, in MiB (default 256, at least 64). */
  heapMb?: number;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
  /**
   * Executions of one tenant a worker thread carries at once (default 1).
   * Above 1, the pool's caps count executions, and a tenant's executions
   * share threads: fewer threads, fewer thread switches, more executions per
   * second on few cores. The cost: an execution stopped at its deadline or
   * canceled while it holds the thread ends the thread, and the executions it
   * carried end as errors saying so; one that exhausts the heap does the same.
   * Code nodes run in their own sandbox either way.
   */
  executionsPerWorker?: number;
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
    executionsPerWorker: true,
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
          spawn: sharedWorkers<ExecutionHostMessage, ExecutionWorkerMessage>({
            channelsPerWorker: options.executionsPerWorker ?? 1,
            spawn: () =>
              adaptNodeWorker<ChannelMessage<ExecutionHostMessage>, SharedWorkerMessage<ExecutionWorkerMessage>>(
                new Worker(url, {
                  resourceLimits: { maxOldGenerationSizeMb: heapMb },
                  workerData: { codeWorkerUrl: codeWorker.href },
                }),
              ),
          }),
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
