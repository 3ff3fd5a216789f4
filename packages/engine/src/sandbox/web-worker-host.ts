import type { CodeSandbox } from './code-sandbox.js';
import type { SandboxResponseMessage } from './protocol.js';
import { createWorkerSandbox, type SandboxWorker } from './worker-sandbox.js';

/** Options of the browser Code node sandbox. */
export interface WebWorkerSandboxOptions {
  /**
   * URL of the sandbox worker script (`@flowloom/engine/sandbox-worker`).
   * Default: the built `web-worker.js` beside this module, which bundlers that
   * understand `new URL(..., import.meta.url)` copy along.
   */
  workerUrl?: string | URL;
  /** Workers kept at once, one per tenant (default 2). */
  maxWorkers?: number;
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
    spawn: () => {
      const WorkerClass = (globalThis as unknown as { Worker?: WebWorkerConstructor }).Worker;
      if (!WorkerClass) throw new Error('Web Workers are not available here.');
      return adaptWebWorker(new WorkerClass(url, { type: 'module' }));
    },
  });
}

/** The part of the Web Worker API the host uses (the engine compiles without DOM types). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
}
type WebWorkerConstructor = new (url: string | URL, options: { type: 'module' }) => WebWorker;

function adaptWebWorker(worker: WebWorker): SandboxWorker {
  let exited = false;
  const exitListeners: ((exit: { outOfMemory: boolean; message: string }) => void)[] = [];
  const fire = (message: string) => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l({ outOfMemory: /memory/i.test(message), message });
  };
  worker.addEventListener('error', (event) => fire(event.message ?? 'the worker failed'));
  worker.addEventListener('messageerror', () => fire('a message could not be read'));
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data as SandboxResponseMessage)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: () => {
      exited = true;
      worker.terminate();
    },
  };
}
