import { checkOptions } from '../options/check-options.js';
import { WORKER_POOL_OPTIONS } from '../workers/worker-pool.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import type { WebExecutionIsolationOptions } from './web-execution-host.js';

/**
 * Whole-execution isolation for browsers: each execution in a module Web
 * Worker of its tenant, ended by a watchdog past its deadline. Loaded on
 * first use. `createEngine({ isolation: 'worker' })` makes one where the
 * platform has Web Workers.
 *
 * @example
 * const engine = createEngine({ isolation: createWebExecutionIsolation(), nodeModules: ['https://cdn.example.com/acme-nodes.js'] });
 */
export function createWebExecutionIsolation(options: WebExecutionIsolationOptions = {}): ExecutionIsolation {
  checkOptions('createWebExecutionIsolation', options, {
    ...WORKER_POOL_OPTIONS,
    workerUrl: true,
    defaultTimeoutMs: true,
    executionsPerWorker: true,
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
