import {
  checkVector,
  checkVectorRecords,
  checkVectorTopK,
  cosineFromNorms,
  TopVectorMatches,
  vectorLengthError,
  vectorNorm,
  type VectorStore,
} from '@flowloom/engine';
import type { IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/** One stored text: its vector in single precision, with its norm. */
interface StoredVector {
  tenantId: string;
  collection: string;
  id: number;
  text: string;
  metadata: Record<string, unknown>;
  norm: number;
  vector: Float32Array;
}

const collectionRange = (tenantId: string, collection: string) => IDBKeyRange.bound([tenantId, collection], [tenantId, collection, []]);

/**
 * Vector collections keyed by (tenant, collection, id), ids counting up per
 * collection. A search walks the collection with one cursor and keeps the
 * best `topK`.
 */
export function createIdbVectorStore(db: () => IDBPDatabase, guard: Guard): VectorStore {
  return {
    insert: (tenantId, collection, records) =>
      guard(async () => {
        const dims = checkVectorRecords(records, collection);
        if (records.length === 0) return [];
        const tx = db().transaction(STORES.vectors, 'readwrite');
        const range = collectionRange(tenantId, collection);
        const last = (await tx.store.openCursor(range, 'prev'))?.value as StoredVector | undefined;
        if (last && last.vector.length !== dims) {
          tx.abort();
          await tx.done.catch(() => undefined);
          throw vectorLengthError(collection, last.vector.length, dims, 'new record');
        }
        let id = last?.id ?? 0;
        const ids = records.map((record) => {
          id++;
          const stored: StoredVector = {
            tenantId,
            collection,
            id,
            text: record.text,
            // Stored as its JSON form, so what is read back is what a JSON store would give.
            metadata: JSON.parse(JSON.stringify(record.metadata ?? {})) as Record<string, unknown>,
            norm: vectorNorm(record.vector),
            vector: Float32Array.from(record.vector),
          };
          void tx.store.put(stored);
          return String(id);
        });
        await tx.done;
        return ids;
      }),
    search: (tenantId, collection, vector, topK) =>
      guard(async () => {
        checkVector(vector, `the query of collection '${collection}'`);
        checkVectorTopK(topK);
        const norm = vectorNorm(vector);
        const best = new TopVectorMatches<{ score: number; record: StoredVector }>(topK);
        const tx = db().transaction(STORES.vectors, 'readonly');
        let cursor = await tx.store.openCursor(collectionRange(tenantId, collection));
        while (cursor) {
          const record = cursor.value as StoredVector;
          if (record.vector.length !== vector.length) throw vectorLengthError(collection, record.vector.length, vector.length, 'query');
          best.add({ score: cosineFromNorms(vector, norm, record.vector, record.norm), record });
          cursor = await cursor.continue();
        }
        await tx.done;
        return best.result().map(({ score, record }) => ({ id: String(record.id), text: record.text, metadata: record.metadata, score }));
      }),
    delete: (tenantId, collection, ids) =>
      guard(async () => {
        const tx = db().transaction(STORES.vectors, 'readwrite');
        let count = 0;
        if (ids === undefined) {
          const range = collectionRange(tenantId, collection);
          count = await tx.store.count(range);
          await tx.store.delete(range);
        } else {
          for (const id of ids) {
            if (!/^\d+$/.test(id)) continue;
            const key = [tenantId, collection, Number(id)];
            if ((await tx.store.count(key)) > 0) {
              await tx.store.delete(key);
              count++;
            }
          }
        }
        await tx.done;
        return count;
      }),
    count: (tenantId, collection) => guard(async () => db().count(STORES.vectors, collectionRange(tenantId, collection))),
  };
}
