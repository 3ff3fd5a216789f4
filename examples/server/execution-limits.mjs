// @ts-check
// How many executions may run at once, in all and per tenant. Each isolated
// execution holds a worker with its own heap, so without a cap a burst of
// webhook calls (or one tenant's loop of runs) would start workers without end.
import { FlowloomError } from '@flowloom/engine';

/**
 * @typedef {object} ExecutionLimits
 * @property {number} maxRunning executions running at once, all tenants together
 * @property {number} maxPerTenant executions of one tenant running at once, so one tenant cannot take every slot
 */

/**
 * @typedef {import('@flowloom/engine').ExecutionIsolation & { counts(): { running: number, queued: number } }} LimitedIsolation
 */

/**
 * Wraps an execution isolation so that executions beyond the limits wait for
 * a free slot, in arrival order among those that may start. The wait is not
 * part of the execution's deadline, which starts when its worker does. An
 * execution whose signal is aborted while it waits, or that still waits when
 * the isolation closes, does not start and rejects with `EXECUTION_NOT_STARTED`.
 * @param {import('@flowloom/engine').ExecutionIsolation} inner
 * @param {ExecutionLimits} limits
 * @returns {LimitedIsolation}
 */
export function limitExecutions(inner, limits) {
  /** @type {Map<string, number>} */
  const perTenant = new Map();
  /** @type {{ tenantId: string, start: () => void, fail: (error: Error) => void }[]} */
  const queue = [];
  let running = 0;
  let closed = false;

  const canStart = (/** @type {string} */ tenantId) => running < limits.maxRunning && (perTenant.get(tenantId) ?? 0) < limits.maxPerTenant;
  const take = (/** @type {string} */ tenantId) => {
    running++;
    perTenant.set(tenantId, (perTenant.get(tenantId) ?? 0) + 1);
  };
  const give = (/** @type {string} */ tenantId) => {
    running--;
    const left = (perTenant.get(tenantId) ?? 1) - 1;
    if (left === 0) perTenant.delete(tenantId);
    else perTenant.set(tenantId, left);
    for (let i = 0; i < queue.length; i++) {
      const waiting = queue[i];
      if (waiting && canStart(waiting.tenantId)) {
        queue.splice(i--, 1);
        take(waiting.tenantId);
        waiting.start();
      }
    }
  };
  const notStarted = (/** @type {string} */ why) => new FlowloomError('EXECUTION_NOT_STARTED', `The execution did not start: ${why}.`);

  /**
   * @param {string} tenantId
   * @param {AbortSignal | undefined} signal
   * @returns {Promise<void>}
   */
  const slot = (tenantId, signal) =>
    new Promise((resolve, reject) => {
      if (closed) return reject(notStarted('the server is stopping'));
      if (canStart(tenantId)) {
        take(tenantId);
        return resolve();
      }
      const waiting = {
        tenantId,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        /** @param {Error} error */
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        queue.splice(queue.indexOf(waiting), 1);
        waiting.fail(notStarted('it was canceled while waiting for a free slot'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiting);
    });

  return {
    async run(request, bridge, signal) {
      await slot(request.tenantId, signal);
      try {
        return await inner.run(request, bridge, signal);
      } finally {
        give(request.tenantId);
      }
    },
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.fail(notStarted('the server is stopping'));
      await inner.close();
    },
    counts: () => ({ running, queued: queue.length }),
  };
}
