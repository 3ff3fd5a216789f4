import type { CodeSandbox } from './code-sandbox.js';
import type { SandboxRequestMessage, SandboxResponseMessage } from './protocol.js';
import { WorkerError } from '../workers/worker.error.js';
import { adaptWebWorker, type WebWorkerConstructor } from '../workers/worker-port.js';
import type { WorkerPoolOptions } from '../workers/worker-pool.js';
import { createWorkerSandbox } from './worker-sandbox.js';

/**
 * Options of the browser Code node sandbox: the worker pool's caps (default
 * 2 workers, one run at a time per tenant, both kept warm) and the script.
 */
export interface WebWorkerSandboxOptions extends WorkerPoolOptions {
  /**
   * URL of the sandbox worker script (`@flowloom/engine/sandbox-worker`).
   * Default: the built `web-worker.js` beside this module, which bundlers that
   * understand `new URL(..., import.meta.url)` copy along.
   */
  workerUrl?: string | URL;
}

/**
 * Starts the browser sandbox. Built as its own file beside `web-worker.js`,
 * so the default worker URL resolves; `createWebWorkerSandbox` loads it on
 * first use.
 */
export function startWebWorkerSandbox(options: WebWorkerSandboxOptions = {}): CodeSandbox {
  const url = options.workerUrl ?? new URL('./web-worker.js', import.meta.url);
  return createWorkerSandbox({
    maxWorkers: options.maxWorkers ?? 2,
    maxWorkersPerTenant: options.maxWorkersPerTenant,
    maxIdleWorkers: options.maxIdleWorkers ?? 2,
    spawn: () => {
      const WorkerClass = (globalThis as unknown as { Worker?: WebWorkerConstructor }).Worker;
      if (!WorkerClass) {
        throw new WorkerError(
          'WORKERS_UNAVAILABLE',
          'Web Workers are not available here, so Code nodes cannot run; give the engine a codeSandbox that works here.',
        );
      }
      return adaptWebWorker<SandboxRequestMessage, SandboxResponseMessage>(new WorkerClass(url, { type: 'module' }));
    },
  });
}
