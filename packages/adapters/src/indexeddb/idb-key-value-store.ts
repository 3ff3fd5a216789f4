import type { KeyValueStore } from '@flowloom/engine';
import type { IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/** Key-value records keyed by (tenant, namespace, key); IndexedDB's structured clone copies each value in and out. */
export function createIdbKeyValueStore(db: () => IDBPDatabase, guard: Guard): KeyValueStore {
  return {
    get: (tenantId, namespace, key) =>
      guard(async () => ((await db().get(STORES.keyValues, [tenantId, namespace, key])) as { value: unknown } | undefined)?.value),
    set: (tenantId, namespace, key, value) =>
      // Stored as its JSON form, so what is read back is what a JSON store would give (no undefined, no Dates).
      guard(
        async () =>
          void (await db().put(STORES.keyValues, { tenantId, namespace, key, value: JSON.parse(JSON.stringify(value)) as unknown })),
      ),
    delete: (tenantId, namespace, key) =>
      guard(async () => {
        const range =
          key === undefined
            ? IDBKeyRange.bound([tenantId, namespace], [tenantId, namespace, []])
            : IDBKeyRange.only([tenantId, namespace, key]);
        const tx = db().transaction(STORES.keyValues, 'readwrite');
        const count = await tx.store.count(range);
        await tx.store.delete(range);
        await tx.done;
        return count;
      }),
  };
}
