import type { Variable, VariableStore } from '@flowloom/engine';
import type { IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/** Variables keyed by (tenant, workflow id or '' at tenant level, key). */
export function createIdbVariableStore(db: () => IDBPDatabase, guard: Guard): VariableStore {
  return {
    set: (tenantId, variable) =>
      guard(
        async () =>
          void (await db().put(STORES.variables, { tenantId, workflowId: variable.workflowId ?? '', key: variable.key, variable })),
      ),
    get: (tenantId, key, workflowId) =>
      guard(
        async () => ((await db().get(STORES.variables, [tenantId, workflowId ?? '', key])) as { variable: Variable } | undefined)?.variable,
      ),
    list: (tenantId, workflowId) =>
      guard(async () => {
        const prefix = [tenantId, workflowId ?? ''];
        const records = (await db().getAll(STORES.variables, IDBKeyRange.bound(prefix, [...prefix, []]))) as { variable: Variable }[];
        return records.map((r) => r.variable);
      }),
    delete: (tenantId, key, workflowId) =>
      guard(async () => {
        const tx = db().transaction(STORES.variables, 'readwrite');
        const existed = (await tx.store.count([tenantId, workflowId ?? '', key])) > 0;
        await tx.store.delete([tenantId, workflowId ?? '', key]);
        await tx.done;
        return existed;
      }),
  };
}
