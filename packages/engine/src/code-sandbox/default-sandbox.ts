import { checkOptions } from '../options/check-options.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import { WORKER_POOL_OPTIONS } from '../workers/worker-pool.js';
import type { CodeSandbox } from './code-sandbox.js';
import type { WebWorkerSandboxOptions } from './web-worker-host.js';

let shared: CodeSandbox | undefined;

/**
 * The sandbox `createEngine` uses when the host passes none: QuickJS in
 * module Web Workers where the platform has them (browsers, Deno, Bun),
 * shared by the engines of a realm and started when the first Code node
 * runs. Where there are no Web Workers, every Code node fails with
 * `CODE_SANDBOX_UNAVAILABLE`, saying what to pass instead: the core never
 * looks for another runtime's sandbox (in Node, `createNodeEngine` from
 * `@flowloom/engine/node` brings the `worker_threads` one).
 */
export function defaultCodeSandbox(): CodeSandbox {
  return (shared ??= hasWebWorkers() ? createWebWorkerSandbox() : unavailableSandbox());
}

/** Whether this realm can start module Web Workers. */
export function hasWebWorkers(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}

function unavailableSandbox(): CodeSandbox {
  return {
    run: () =>
      Promise.reject(
        new FlowloomError(
          'CODE_SANDBOX_UNAVAILABLE',
          'The Code node needs a sandbox, and this platform has no Web Workers: in Node, create the engine with createNodeEngine from @flowloom/engine/node; elsewhere, pass createEngine({ codeSandbox }).',
        ),
      ),
    close: async () => {},
  };
}

/**
 * The Code node sandbox for browsers: QuickJS inside module Web Workers, one
 * per tenant, ended by a watchdog when a run overruns its deadline. The page
 * never freezes: user code never runs on the main thread. Nothing loads until
 * the first Code node runs.
 *
 * @example
 * import workerUrl from '@flowloom/engine/sandbox-worker?worker&url'; // Vite
 * const engine = createEngine({ codeSandbox: createWebWorkerSandbox({ workerUrl }) });
 */
export function createWebWorkerSandbox(options: WebWorkerSandboxOptions = {}): CodeSandbox {
  checkOptions('createWebWorkerSandbox', options, { ...WORKER_POOL_OPTIONS, workerUrl: true });
  return lazySandbox(async () => (await import('./web-worker-host.js')).startWebWorkerSandbox(options));
}

/** A sandbox built on first use; `close` before any use does nothing. */
export function lazySandbox(create: () => Promise<CodeSandbox>): CodeSandbox {
  let sandbox: Promise<CodeSandbox> | undefined;
  return {
    prepare: (tenantId) => {
      (sandbox ??= create()).then((s) => s.prepare?.(tenantId)).catch(() => undefined);
    },
    run: async (request, signal, wait) => (await (sandbox ??= create())).run(request, signal, wait),
    close: async () => {
      if (sandbox) await (await sandbox).close();
    },
  };
}
