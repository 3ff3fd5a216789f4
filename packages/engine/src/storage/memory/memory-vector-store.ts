import {
  checkVectorRecords,
  checkVectorTopK,
  checkVector,
  cosineFromNorms,
  TopVectorMatches,
  vectorLengthError,
  vectorNorm,
  type VectorMatch,
  type VectorStore,
} from '../vector-store.js';
import { tenantMap } from './tenant-map.js';

interface Stored {
  id: string;
  text: string;
  /** JSON text: copied in and out, as the other stores copy. */
  metadata: string;
  vector: Float64Array;
  norm: number;
}

interface Collection {
  length: number;
  records: Stored[];
  next: number;
}

/** Vector collections in plain arrays, per tenant; a search compares the query with every record. */
export function createMemoryVectorStore(): VectorStore {
  const tenants = new Map<string, Map<string, Collection>>();
  const collectionOf = (tenantId: string, name: string) => tenants.get(tenantId)?.get(name);
  return {
    async insert(tenantId, name, records) {
      const length = checkVectorRecords(records, name);
      if (records.length === 0) return [];
      const collections = tenantMap(tenants, tenantId);
      let collection = collections.get(name);
      if (collection && collection.records.length > 0 && collection.length !== length) {
        throw vectorLengthError(name, collection.length, length, 'new record');
      }
      if (!collection) collections.set(name, (collection = { length, records: [], next: 1 }));
      collection.length = length;
      const ids: string[] = [];
      for (const record of records) {
        const vector = Float64Array.from(record.vector);
        const id = String(collection.next++);
        collection.records.push({
          id,
          text: record.text,
          metadata: JSON.stringify(record.metadata ?? {}),
          vector,
          norm: vectorNorm(vector),
        });
        ids.push(id);
      }
      return ids;
    },
    async search(tenantId, name, vector, topK) {
      checkVector(vector, `the query of collection '${name}'`);
      checkVectorTopK(topK);
      const collection = collectionOf(tenantId, name);
      if (!collection || collection.records.length === 0) return [];
      if (collection.length !== vector.length) throw vectorLengthError(name, collection.length, vector.length, 'query');
      const norm = vectorNorm(vector);
      const best = new TopVectorMatches<{ score: number; record: Stored }>(topK);
      for (const record of collection.records) best.add({ score: cosineFromNorms(vector, norm, record.vector, record.norm), record });
      return best.result().map(({ score, record }): VectorMatch => ({
        id: record.id,
        text: record.text,
        metadata: JSON.parse(record.metadata) as Record<string, unknown>,
        score,
      }));
    },
    async delete(tenantId, name, ids) {
      const collection = collectionOf(tenantId, name);
      if (!collection) return 0;
      if (ids === undefined) {
        const count = collection.records.length;
        tenants.get(tenantId)!.delete(name);
        return count;
      }
      const gone = new Set(ids);
      const before = collection.records.length;
      collection.records = collection.records.filter((r) => !gone.has(r.id));
      return before - collection.records.length;
    },
    async count(tenantId, name) {
      return collectionOf(tenantId, name)?.records.length ?? 0;
    },
  };
}
