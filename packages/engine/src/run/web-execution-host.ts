import { createWorkerIsolation, type ExecutionIsolation } from '../isolation/execution-isolation.js';
import type { WorkerPoolOptions } from '../workers/worker-pool.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { WorkerError } from '../workers/worker.error.js';
import { adaptWebWorker, type WebWorkerConstructor } from '../workers/worker-port.js';
import { sharedWorkers, type ChannelMessage, type SharedWorkerMessage } from '../workers/shared-workers.js';

/** Options of whole-execution isolation in browsers. */
export interface WebExecutionIsolationOptions extends WorkerPoolOptions {
  /** URL of the execution worker script (default: the built `execution-web-worker.js` beside this module). */
  workerUrl?: string | URL;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
  /** Executions of one tenant a worker carries at once (default 1); see `NodeExecutionIsolationOptions.executionsPerWorker`. */
  executionsPerWorker?: number;
}

/**
 * Starts browser whole-execution isolation. Built as its own file beside
 * `execution-web-worker.js`, so the default worker URL resolves;
 * `createWebExecutionIsolation` loads it on first use.
 */
export function startWebExecutionIsolation(options: WebExecutionIsolationOptions = {}): ExecutionIsolation {
  const url = options.workerUrl ?? new URL('./execution-web-worker.js', import.meta.url);
  return createWorkerIsolation({
    maxIdleWorkers: options.maxIdleWorkers ?? 2,
    maxWorkers: options.maxWorkers,
    maxWorkersPerTenant: options.maxWorkersPerTenant,
    defaultTimeoutMs: options.defaultTimeoutMs,
    spawn: sharedWorkers<ExecutionHostMessage, ExecutionWorkerMessage>({
      channelsPerWorker: options.executionsPerWorker ?? 1,
      spawn: () => {
        const WorkerClass = (globalThis as unknown as { Worker?: WebWorkerConstructor }).Worker;
        if (!WorkerClass) {
          throw new WorkerError(
            'WORKERS_UNAVAILABLE',
            "Web Workers are not available here, so executions cannot run isolated; use isolation: 'none'.",
          );
        }
        return adaptWebWorker<ChannelMessage<ExecutionHostMessage>, SharedWorkerMessage<ExecutionWorkerMessage>>(
          new WorkerClass(url, { type: 'module' }),
        );
      },
    }),
  });
}
