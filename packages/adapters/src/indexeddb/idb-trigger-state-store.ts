import type { TriggerState, TriggerStateStore } from '@flowloom/engine';
import type { IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/** Trigger state keyed by (tenant, workflow, node). */
export function createIdbTriggerStateStore(db: () => IDBPDatabase, guard: Guard): TriggerStateStore {
  return {
    get: (tenantId, workflowId, nodeId) =>
      guard(
        async () => ((await db().get(STORES.triggerState, [tenantId, workflowId, nodeId])) as { state: TriggerState } | undefined)?.state,
      ),
    set: (tenantId, workflowId, nodeId, state) =>
      guard(async () => void (await db().put(STORES.triggerState, { tenantId, workflowId, nodeId, state }))),
    delete: (tenantId, workflowId, nodeId) =>
      guard(async () => {
        const range =
          nodeId === undefined
            ? IDBKeyRange.bound([tenantId, workflowId], [tenantId, workflowId, []])
            : IDBKeyRange.only([tenantId, workflowId, nodeId]);
        const tx = db().transaction(STORES.triggerState, 'readwrite');
        const count = await tx.store.count(range);
        await tx.store.delete(range);
        await tx.done;
        return count;
      }),
  };
}
