import { checkOptions } from '../options/check-options.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import { lazySandbox } from '../code-sandbox/default-sandbox.js';
import type { SandboxRequestMessage, SandboxResponseMessage } from '../code-sandbox/protocol.js';
import { exitNotifier, type WorkerPort } from '../workers/worker-port.js';
import { createWorkerSandbox } from '../code-sandbox/worker-sandbox.js';
import { WORKER_POOL_OPTIONS, type WorkerPoolOptions } from '../workers/worker-pool.js';
import { workerScript } from './worker-script.js';

/**
 * Options of the Node Code node sandbox: the worker pool's caps (default 4
 * workers, one run at a time per tenant, all kept warm), heap and script.
 */
export interface NodeCodeSandboxOptions extends WorkerPoolOptions {
  /**
   * V8 heap of each worker, in MiB (default 128, at least 64). The guest's own
   * memory is the WebAssembly memory, capped separately; the heap holds the
   * run's input and output text, so inputs are capped at a quarter of it.
   */
  heapMb?: number;
  /** The worker script (default: `code-worker.cjs` of this package). */
  workerUrl?: URL;
}

/**
 * The Code node sandbox for Node: QuickJS inside `worker_threads` Workers
 * with `resourceLimits`, one per tenant, ended by a watchdog when a run
 * overruns its deadline.
 *
 * @example
 * const engine = createNodeEngine({ codeSandbox: createNodeCodeSandbox({ maxWorkers: 8 }) });
 */
export function createNodeCodeSandbox(options: NodeCodeSandboxOptions = {}): CodeSandbox {
  checkOptions('createNodeCodeSandbox', options, { ...WORKER_POOL_OPTIONS, heapMb: true, workerUrl: true });
  // Below about 64 MiB a worker can fail while starting, which Node treats as fatal to the whole process.
  const heapMb = Math.max(64, options.heapMb ?? 128);
  return lazySandbox(async () => {
    const url = options.workerUrl ?? (await workerScript('code-worker'));
    return createWorkerSandbox({
      maxWorkers: options.maxWorkers,
      maxWorkersPerTenant: options.maxWorkersPerTenant,
      maxIdleWorkers: options.maxIdleWorkers,
      maxInputMb: Math.floor(heapMb / 4),
      spawn: () => {
        const worker = new Worker(url, {
          resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
          workerData: { hostCompilesWasm: true },
        });
        // Compiled once per process, sent while the worker boots: later workers skip compiling entirely.
        void compiledQuickJs().then((module) => {
          try {
            worker.postMessage({ type: 'wasm', module });
          } catch {
            worker.postMessage({ type: 'wasm', module: null });
          }
        });
        return adaptNodeWorker<SandboxRequestMessage, SandboxResponseMessage>(worker);
      },
    });
  });
}

let quickJs: Promise<object | null> | undefined;

/**
 * The QuickJS WebAssembly module, compiled once in this process; null when it
 * cannot be (the worker then compiles it). The file (about 500 KB) is read
 * synchronously: the first asynchronous read of a process also starts libuv's
 * thread pool, which took several milliseconds away from the booting worker.
 */
function compiledQuickJs(): Promise<object | null> {
  return (quickJs ??= Promise.resolve()
    .then(() => readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')))
    .then((bytes) => (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly.compile(bytes))
    .catch(() => null));
}

/** Adapts a `worker_threads` Worker to a worker port of the sandbox or the execution pool. */
export function adaptNodeWorker<In, Out>(worker: Worker): WorkerPort<In, Out> {
  const exit = exitNotifier();
  worker.on('error', (error: Error & { code?: string }) =>
    exit.fire({ outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY', message: error.message }),
  );
  worker.on('exit', (code) => exit.fire({ outOfMemory: false, message: `exit code ${code}` }));
  // Nothing is read from the worker's stdout or stderr (reading them would keep this process alive while
  // the worker lives): the worker entries drop what they print (quiet-stdio.ts).
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: Out) => listener(message)),
    onExit: exit.listen,
    terminate: () => {
      exit.stop();
      return worker.terminate();
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}
