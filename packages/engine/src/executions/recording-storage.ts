import type { Workflow } from '../model/workflow.js';
import type { ExecutionMode } from '../model/execution.js';
import type { ExecutionStore } from '../storage/execution-store.js';
import type { Storage } from '../storage/storage.js';
import { keepsExecution, runForStorage, type ExecutionSaveSettings } from './save-settings.js';

/**
 * The storage one run writes through: applies the save settings (drops data
 * past the item cap from node runs, never from the run state; deletes
 * executions that are not to be kept)
 * and stores the workflow snapshot that retries use. Everything other than
 * the three writes of a run goes straight to the real storage.
 *
 * An execution that will not be kept is still written while it runs, so a
 * crash can be found and a wait can be resumed; it is deleted when it ends.
 */
export function recordingStorage(storage: Storage, settings: ExecutionSaveSettings, workflow: Workflow, mode: ExecutionMode): Storage {
  const store = storage.executions;
  const recording: ExecutionStore = {
    ...bound(store),
    create: (execution) => store.create({ ...execution, workflow: execution.workflow ?? workflow }),
    // The run state goes in whole, past the item cap: a continued run needs every item it holds.
    appendNodeRun: (tenantId, executionId, run, state) => store.appendNodeRun(tenantId, executionId, runForStorage(run, settings), state),
    finish: async (tenantId, executionId, result) => {
      if (keepsExecution(result.status, mode, settings)) return store.finish(tenantId, executionId, result);
      await store.delete(tenantId, [executionId]);
    },
  };
  return { ...storage, executions: recording };
}

const boundStores = new WeakMap<ExecutionStore, ExecutionStore>();

/** The store's methods bound to it, so spreading keeps them callable whatever `this` they expect. */
function bound(store: ExecutionStore): ExecutionStore {
  const cached = boundStores.get(store);
  if (cached) return cached;
  const out = {} as Record<string, unknown>;
  const seen = new Set<string>();
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      const value = (store as unknown as Record<string, unknown>)[key];
      if (key === 'constructor' || seen.has(key) || typeof value !== 'function') continue;
      seen.add(key);
      out[key] = (value as (...args: unknown[]) => unknown).bind(store);
    }
  }
  boundStores.set(store, out as unknown as ExecutionStore);
  return out as unknown as ExecutionStore;
}
