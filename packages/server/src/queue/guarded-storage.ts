import { StorageError, type Storage } from '@flowloom/engine';
import { isDatabaseAway } from './postgres-connection.js';

/**
 * The executions whose runs a worker has stopped writing: runs whose lease
 * was lost (another worker may continue them now) and runs one of whose
 * writes failed (the database went away mid-run). Their later writes are
 * refused, so storage keeps the last node run that was committed and the run
 * state saved with it, and the next worker continues from there instead of
 * finding the run ended `error` by a write that should never have happened.
 */
export class StoppedRuns {
  readonly #stopped = new Map<string, { reason: string; takeUpAgain: boolean }>();

  /**
   * Refuses the execution's later writes, saying why. `takeUpAgain`: the
   * cause will pass (a lost lease, the database away, the worker shutting
   * down), so the job is taken up again without using an attempt; otherwise
   * the job fails this attempt.
   */
  stop(executionId: string, reason: string, takeUpAgain: boolean): void {
    if (!this.#stopped.has(executionId)) this.#stopped.set(executionId, { reason, takeUpAgain });
  }

  /** Why the execution's writes are refused, or undefined while they are not. */
  reason(executionId: string): string | undefined {
    return this.#stopped.get(executionId)?.reason;
  }

  /** Whether the run stopped for a cause that passes: its job is taken up again without using an attempt. */
  takesUpAgain(executionId: string): boolean {
    return this.#stopped.get(executionId)?.takeUpAgain === true;
  }

  /** Forgets the execution once its job is done here (a later job may run it again). */
  forget(executionId: string): void {
    this.#stopped.delete(executionId);
  }
}

/**
 * The storage a worker's engine writes through: refuses the execution
 * writes of stopped runs (see `StoppedRuns`), and stops a run whose write
 * failed. Every other call passes through.
 */
export function guardedStorage(storage: Storage, stopped: StoppedRuns): Storage {
  const executions = storage.executions;
  const guarded = async <T>(executionId: string, write: () => Promise<T>): Promise<T> => {
    const reason = stopped.reason(executionId);
    if (reason !== undefined) {
      throw new StorageError('STORAGE_REFUSED', `Execution '${executionId}' is no longer written by this worker: ${reason}`);
    }
    try {
      return await write();
    } catch (error) {
      stopped.stop(executionId, `a write failed (${(error as Error).message})`, isDatabaseAway(error));
      throw error;
    }
  };
  return {
    ...storage,
    executions: {
      ...executions,
      create: (execution) => guarded(execution.id, () => executions.create(execution)),
      appendNodeRun: (tenantId, id, run, state) => guarded(id, () => executions.appendNodeRun(tenantId, id, run, state)),
      finish: (tenantId, id, result) => guarded(id, () => executions.finish(tenantId, id, result)),
      claim: (tenantId, id, owner, expectedOwner) => guarded(id, () => executions.claim(tenantId, id, owner, expectedOwner)),
      // Methods read through `this` by adapters stay bound to the store they belong to.
      get: (tenantId, id) => executions.get(tenantId, id),
      list: (tenantId, query) => executions.list(tenantId, query),
      count: (tenantId, query) => executions.count(tenantId, query),
      delete: (tenantId, ids) => executions.delete(tenantId, ids),
      tenants: () => executions.tenants(),
    },
  };
}
