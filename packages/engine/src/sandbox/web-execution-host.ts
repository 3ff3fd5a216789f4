import { createWorkerIsolation, type ExecutionIsolation, type ExecutionWorker } from './execution-isolation.js';
import type { ExecutionWorkerMessage } from './execution-protocol.js';

/** Options of whole-execution isolation in browsers. */
export interface WebExecutionIsolationOptions {
  /** URL of the execution worker script (default: the built `execution-web-worker.js` beside this module). */
  workerUrl?: string | URL;
  /** Idle workers kept for reuse (default 2). */
  maxIdleWorkers?: number;
  /** Deadline for executions that set none, in ms (default 300,000). */
  defaultTimeoutMs?: number;
}

/** The part of the Web Worker API the host uses (the engine compiles without DOM types). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
}
type WebWorkerConstructor = new (url: string | URL, options: { type: 'module' }) => WebWorker;

/**
 * Starts browser whole-execution isolation. Built as its own file beside
 * `execution-web-worker.js`, so the default worker URL resolves;
 * `createWebExecutionIsolation` loads it on first use.
 */
export function startWebExecutionIsolation(options: WebExecutionIsolationOptions = {}): ExecutionIsolation {
  const url = options.workerUrl ?? new URL('./execution-web-worker.js', import.meta.url);
  return createWorkerIsolation({
    maxIdleWorkers: options.maxIdleWorkers ?? 2,
    defaultTimeoutMs: options.defaultTimeoutMs,
    spawn: () => {
      const WorkerClass = (globalThis as unknown as { Worker?: WebWorkerConstructor }).Worker;
      if (!WorkerClass) throw new Error('Web Workers are not available here.');
      return adapt(new WorkerClass(url, { type: 'module' }));
    },
  });
}

function adapt(worker: WebWorker): ExecutionWorker {
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
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data as ExecutionWorkerMessage)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: () => {
      exited = true;
      worker.terminate();
    },
  };
}
