import { checkOptions } from '../options/check-options.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { CodeSandbox } from './code-sandbox.js';
import type { ExecutionIsolation, WorkerPoolOptions } from './execution-isolation.js';
import type { WebExecutionIsolationOptions } from './web-execution-host.js';
import type { WebWorkerSandboxOptions } from './web-worker-host.js';

let shared: CodeSandbox | undefined;

/**
 * The sandbox the engine uses when the host passes none, started on first
 * use: Web Workers where the platform has them (browsers, Deno, Bun), else
 * `worker_threads` through `@flowloom/engine/node` (Node). Nothing is loaded
 * until a Code node runs.
 */
export function defaultCodeSandbox(): CodeSandbox {
  return (shared ??= lazySandbox(pickSandbox));
}

async function pickSandbox(): Promise<CodeSandbox> {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (versions?.node) {
    // A name, not a literal, so browser bundlers never pull the Node entry in.
    const nodeEntry = '@flowloom/engine/node';
    const mod = (await import(/* @vite-ignore */ nodeEntry)) as { createNodeCodeSandbox(): CodeSandbox };
    return mod.createNodeCodeSandbox();
  }
  if (typeof (globalThis as { Worker?: unknown }).Worker === 'function') {
    const { startWebWorkerSandbox } = await import('./web-worker-host.js');
    return startWebWorkerSandbox();
  }
  throw new FlowloomError(
    'CODE_SANDBOX_UNAVAILABLE',
    'The Code node needs Web Workers or Node worker_threads; pass a sandbox with createEngine({ codeSandbox }).',
  );
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
  checkOptions('createWebWorkerSandbox', options, { workerUrl: true, maxWorkers: true });
  return lazySandbox(async () => (await import('./web-worker-host.js')).startWebWorkerSandbox(options));
}

/** A sandbox built on first use; `close` before any use does nothing. */
export function lazySandbox(create: () => Promise<CodeSandbox>): CodeSandbox {
  let sandbox: Promise<CodeSandbox> | undefined;
  return {
    prepare: (tenantId) => {
      (sandbox ??= create()).then((s) => s.prepare?.(tenantId)).catch(() => undefined);
    },
    run: async (request, signal) => (await (sandbox ??= create())).run(request, signal),
    close: async () => {
      if (sandbox) await (await sandbox).close();
    },
  };
}

/**
 * The whole-execution isolation behind `createEngine({ isolation: 'worker' })`,
 * loaded on first use: `worker_threads` in Node, module Web Workers where the
 * platform has them.
 */
export function defaultExecutionIsolation(pool: WorkerPoolOptions & { heapMb?: number } = {}): ExecutionIsolation {
  let isolation: Promise<ExecutionIsolation> | undefined;
  const get = () =>
    (isolation ??= (async () => {
      const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
      if (!versions?.node) {
        if (typeof (globalThis as { Worker?: unknown }).Worker === 'function') {
          const { heapMb: _heapMb, ...webPool } = pool;
          return (await import('./web-execution-host.js')).startWebExecutionIsolation(webPool);
        }
        throw new FlowloomError(
          'ISOLATION_UNAVAILABLE',
          "isolation: 'worker' needs Web Workers or Node worker_threads; pass an ExecutionIsolation object instead.",
        );
      }
      const nodeEntry = '@flowloom/engine/node';
      const mod = (await import(/* @vite-ignore */ nodeEntry)) as {
        createNodeExecutionIsolation(options: WorkerPoolOptions & { heapMb?: number }): ExecutionIsolation;
      };
      return mod.createNodeExecutionIsolation(pool);
    })());
  return {
    run: async (request, bridge, signal) => (await get()).run(request, bridge, signal),
    close: async () => {
      if (isolation) await (await isolation).close();
    },
  };
}

/**
 * Whole-execution isolation for browsers: each execution in a module Web
 * Worker of its tenant, ended by a watchdog past its deadline. Loaded on first use.
 *
 * @example
 * const engine = createEngine({ isolation: createWebExecutionIsolation(), nodeModules: ['https://cdn.example.com/acme-nodes.js'] });
 */
export function createWebExecutionIsolation(options: WebExecutionIsolationOptions = {}): ExecutionIsolation {
  checkOptions('createWebExecutionIsolation', options, {
    maxWorkers: true,
    maxWorkersPerTenant: true,
    maxIdleWorkers: true,
    workerUrl: true,
    defaultTimeoutMs: true,
  });
  let isolation: Promise<ExecutionIsolation> | undefined;
  const get = () => (isolation ??= import('./web-execution-host.js').then((m) => m.startWebExecutionIsolation(options)));
  return {
    run: async (request, bridge, signal) => (await get()).run(request, bridge, signal),
    close: async () => {
      if (isolation) await (await isolation).close();
    },
  };
}
