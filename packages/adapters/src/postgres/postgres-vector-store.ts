import {
  checkVector,
  checkVectorRecords,
  checkVectorTopK,
  vectorLengthError,
  vectorNorm,
  type VectorMatch,
  type VectorStore,
} from '@flowloom/engine';
import { escapeIdentifier } from 'pg';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';

/** How a storage computes similarity: pgvector's `<=>` when the extension is installed, else plain SQL over `real[]`. */
export type VectorSearchMethod = 'pgvector' | 'sql';

/** Rows per INSERT statement (four parameters each, well under PostgreSQL's 65,535). */
const BATCH = 1_000;

/** The pgvector literal of a vector: `[1,2,3]`. */
const vectorLiteral = (vector: readonly number[]) => `[${vector.join(',')}]`;

/**
 * Vector collections in the table `vectors`: one row per text, its vector a
 * `real[]` with its norm. Searches rank by cosine similarity in the
 * database, so only the best `topK` rows come back:
 * - with the pgvector extension installed in the database (`CREATE EXTENSION
 *   vector`, in any schema), through its cosine distance operator `<=>`;
 * - without it, with plain SQL: the dot product over `unnest` of both arrays,
 *   divided by the stored norms.
 * Which one is found once, on the first search (`method()` tells).
 */
export function createPostgresVectorStore(db: PostgresDb): VectorStore & { method(tenantId?: string): Promise<VectorSearchMethod> } {
  const table = db.table('vectors');
  const { guard } = db;
  const lengthOf = `SELECT dims FROM ${table} WHERE tenant_id = $1 AND collection = $2 LIMIT 1`;
  // Two inserts of different lengths into an empty collection must not both pass the check: one waits for the other.
  const lock = `SELECT pg_advisory_xact_lock(hashtext('flowloom vectors ' || $1), hashtext($2))`;
  const sqlScore = `CASE WHEN norm = 0 OR $4::float8 = 0 THEN 0
      ELSE (SELECT sum(a::float8 * b) FROM unnest(embedding, $3::float8[]) AS p(a, b)) / (norm * $4::float8) END`;
  const searchWith = (score: string) =>
    `SELECT id::text AS id, text, metadata::text AS metadata, score FROM (
       SELECT id, text, metadata, ${score} AS score FROM ${table} WHERE tenant_id = $1 AND collection = $2
     ) scored ORDER BY score DESC, id LIMIT $5`;
  const removeSome = `DELETE FROM ${table} WHERE tenant_id = $1 AND collection = $2 AND id = ANY($3::bigint[])`;
  const removeAll = `DELETE FROM ${table} WHERE tenant_id = $1 AND collection = $2`;
  const count = `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND collection = $2`;

  let found: Promise<{ method: VectorSearchMethod; sql: string }> | undefined;
  const searchPlan = (tenantId: string) =>
    (found ??= db
      .query<{ schema: string }>(
        tenantId,
        `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'`,
      )
      .then(({ rows }) => {
        if (!rows[0]) return { method: 'sql' as const, sql: searchWith(sqlScore) };
        const s = escapeIdentifier(rows[0].schema);
        // Cosine distance is 1 - similarity; pgvector gives NaN for a zero vector, which scores 0 here as in plain SQL.
        const score = `CASE WHEN norm = 0 OR $4::float8 = 0 THEN 0
            ELSE 1 - (embedding::${s}.vector OPERATOR(${s}.<=>) $3::text::${s}.vector) END`;
        return { method: 'pgvector' as const, sql: searchWith(score) };
      })
      .catch((error: unknown) => {
        found = undefined;
        throw error;
      }));

  return {
    method: (tenantId = '') => guard(async () => (await searchPlan(tenantId)).method),
    insert: (tenantId, collection, records) =>
      guard(async () => {
        const dims = checkVectorRecords(records, collection);
        if (records.length === 0) return [];
        return db.transaction(tenantId, async (client) => {
          await client.query(lock, [tenantId, collection]);
          const held = (await client.query<{ dims: number }>(lengthOf, [tenantId, collection])).rows[0]?.dims;
          if (held !== undefined && held !== dims) throw vectorLengthError(collection, held, dims, 'new record');
          const ids: string[] = [];
          for (let start = 0; start < records.length; start += BATCH) {
            const batch = records.slice(start, start + BATCH);
            const values: unknown[] = [tenantId, collection, dims];
            const rows = batch.map((record) => {
              values.push(record.text, toJsonText(record.metadata ?? {}), vectorNorm(record.vector), record.vector);
              const at = values.length;
              return `($1, $2, $${at - 3}, $${at - 2}::jsonb, $3, $${at - 1}, $${at}::real[])`;
            });
            const result = await client.query<{ id: string }>(
              `INSERT INTO ${table} (tenant_id, collection, text, metadata, dims, norm, embedding) VALUES ${rows.join(', ')} RETURNING id::text AS id`,
              values,
            );
            ids.push(...result.rows.map((r) => r.id));
          }
          return ids;
        });
      }),
    search: (tenantId, collection, vector, topK) =>
      guard(async () => {
        checkVector(vector, `the query of collection '${collection}'`);
        checkVectorTopK(topK);
        const held = (await db.query<{ dims: number }>(tenantId, lengthOf, [tenantId, collection])).rows[0]?.dims;
        if (held === undefined) return [];
        if (held !== vector.length) throw vectorLengthError(collection, held, vector.length, 'query');
        const plan = await searchPlan(tenantId);
        const query = plan.method === 'pgvector' ? vectorLiteral(vector) : vector;
        const { rows } = await db.query<{ id: string; text: string; metadata: string; score: number }>(tenantId, plan.sql, [
          tenantId,
          collection,
          query,
          vectorNorm(vector),
          topK,
        ]);
        return rows.map((row): VectorMatch => ({
          id: row.id,
          text: row.text,
          metadata: fromJsonText<Record<string, unknown>>(row.metadata),
          score: Number(row.score),
        }));
      }),
    delete: (tenantId, collection, ids) =>
      guard(async () => {
        if (ids === undefined) return (await db.query(tenantId, removeAll, [tenantId, collection])).rowCount ?? 0;
        const numeric = ids.filter((id) => /^\d{1,18}$/.test(id));
        if (numeric.length === 0) return 0;
        return (await db.query(tenantId, removeSome, [tenantId, collection, numeric])).rowCount ?? 0;
      }),
    count: (tenantId, collection) =>
      guard(async () => (await db.query<{ n: number }>(tenantId, count, [tenantId, collection])).rows[0]?.n ?? 0),
  };
}
