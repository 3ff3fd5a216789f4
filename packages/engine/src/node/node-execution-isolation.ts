import { Worker } from 'node:worker_threads';
import { createWorkerIsolation, type ExecutionIsolation, type ExecutionWorker } from '../sandbox/execution-isolation.js';
import type { ExecutionWorkerMessage } from '../sandbox/execution-protocol.js';
import { workerScript } from './worker-script.js';

/** Options of whole-execution isolation in Node. */
export interface NodeExecutionIsolationOptions {
  /** Idle workers kept for reuse (default 4). A worker serves one tenant for life. */
  maxIdleWorkers?: number;
  /** V8 heap limit of each execution worker, in MiB (default 256, at least 64). */
  heapMb?: number;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
}

/**
 * Runs each execution in a pooled `worker_threads` Worker with heap limits
 * and a watchdog. `createEngine({ isolation: 'worker' })` starts one on first
 * use; pass your own with `createEngine({ isolation: createNodeExecutionIsolation({ heapMb: 512 }) })`.
 */
export function createNodeExecutionIsolation(options: NodeExecutionIsolationOptions = {}): ExecutionIsolation {
  const heapMb = Math.max(64, options.heapMb ?? 256);
  let isolation: Promise<ExecutionIsolation> | undefined;
  const get = () =>
    (isolation ??= Promise.all([workerScript('execution-worker'), workerScript('code-worker')]).then(([url, codeWorker]) =>
      createWorkerIsolation({
        heapMb,
        maxIdleWorkers: options.maxIdleWorkers,
        defaultTimeoutMs: options.defaultTimeoutMs,
        spawn: () =>
          adapt(
            new Worker(url, {
              resourceLimits: { maxOldGenerationSizeMb: heapMb },
              workerData: { codeWorkerUrl: codeWorker.href },
              stdout: true,
              stderr: true,
            }),
          ),
      }),
    ));
  return {
    run: async (request, bridge, signal) => (await get()).run(request, bridge, signal),
    close: async () => {
      if (isolation) await (await isolation).close();
    },
  };
}

function adapt(worker: Worker): ExecutionWorker {
  let exited = false;
  const exitListeners: ((exit: { outOfMemory: boolean; message: string }) => void)[] = [];
  const fire = (outOfMemory: boolean, message: string) => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l({ outOfMemory, message });
  };
  worker.on('error', (error: Error & { code?: string }) => fire(error.code === 'ERR_WORKER_OUT_OF_MEMORY', error.message));
  worker.on('exit', (code) => fire(false, `exit code ${code}`));
  worker.stdout.resume();
  worker.stderr.resume();
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: ExecutionWorkerMessage) => listener(message)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: () => {
      exited = true;
      return worker.terminate();
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}
