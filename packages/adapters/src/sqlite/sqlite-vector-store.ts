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
import type { Database } from 'better-sqlite3';

/** A vector as stored: its numbers in single precision, little-endian. */
const toBlob = (vector: readonly number[]) => Buffer.from(Float32Array.from(vector).buffer);
const fromBlob = (blob: Buffer) => new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);

/**
 * Vector collections in the `vectors` table: one row per text, its vector a
 * Float32 blob with its norm. A search reads the collection's vectors in one
 * pass (`iterate`), keeps the best `topK` ids, then reads their texts.
 */
export function createSqliteVectorStore(db: Database, guard: <T>(fn: () => T) => Promise<T>): VectorStore {
  const lengthOf = db.prepare('SELECT dims FROM vectors WHERE tenant_id = ? AND collection = ? LIMIT 1').pluck();
  const lastId = db.prepare('SELECT coalesce(max(id), 0) FROM vectors WHERE tenant_id = ? AND collection = ?').pluck();
  const put = db.prepare(
    'INSERT INTO vectors (tenant_id, collection, id, text, metadata, dims, norm, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const scan = db.prepare('SELECT id, norm, vector FROM vectors WHERE tenant_id = ? AND collection = ? ORDER BY id').raw();
  const read = db.prepare('SELECT text, metadata FROM vectors WHERE tenant_id = ? AND collection = ? AND id = ?');
  const removeOne = db.prepare('DELETE FROM vectors WHERE tenant_id = ? AND collection = ? AND id = ?');
  const removeAll = db.prepare('DELETE FROM vectors WHERE tenant_id = ? AND collection = ?');
  const count = db.prepare('SELECT count(*) FROM vectors WHERE tenant_id = ? AND collection = ?').pluck();

  const insert = db.transaction((tenantId: string, collection: string, records: Parameters<VectorStore['insert']>[2], dims: number) => {
    const held = lengthOf.get(tenantId, collection) as number | undefined;
    if (held !== undefined && held !== dims) throw vectorLengthError(collection, held, dims, 'new record');
    let id = lastId.get(tenantId, collection) as number;
    return records.map((record) => {
      id++;
      put.run(
        tenantId,
        collection,
        id,
        record.text,
        JSON.stringify(record.metadata ?? {}),
        dims,
        vectorNorm(record.vector),
        toBlob(record.vector),
      );
      return String(id);
    });
  });

  return {
    insert: (tenantId, collection, records) =>
      guard(() => {
        const dims = checkVectorRecords(records, collection);
        return records.length === 0 ? [] : insert(tenantId, collection, records, dims);
      }),
    search: (tenantId, collection, vector, topK) =>
      guard(() => {
        checkVector(vector, `the query of collection '${collection}'`);
        checkVectorTopK(topK);
        const held = lengthOf.get(tenantId, collection) as number | undefined;
        if (held === undefined) return [];
        if (held !== vector.length) throw vectorLengthError(collection, held, vector.length, 'query');
        const norm = vectorNorm(vector);
        const best = new TopVectorMatches<{ score: number; id: number }>(topK);
        for (const [id, rowNorm, blob] of scan.iterate(tenantId, collection) as Iterable<[number, number, Buffer]>) {
          best.add({ id, score: cosineFromNorms(vector, norm, fromBlob(blob), rowNorm) });
        }
        return best.result().map(({ id, score }) => {
          const row = read.get(tenantId, collection, id) as { text: string; metadata: string };
          return { id: String(id), text: row.text, metadata: JSON.parse(row.metadata) as Record<string, unknown>, score };
        });
      }),
    delete: (tenantId, collection, ids) =>
      guard(() => {
        if (ids === undefined) return removeAll.run(tenantId, collection).changes;
        let gone = 0;
        for (const id of ids) if (/^\d+$/.test(id)) gone += removeOne.run(tenantId, collection, Number(id)).changes;
        return gone;
      }),
    count: (tenantId, collection) => guard(() => count.get(tenantId, collection) as number),
  };
}
