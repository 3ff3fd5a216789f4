import type { KeyValueStore } from '@flowloom/engine';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';

/** Key-value records keyed by (tenant, namespace, key); each row the value as JSONB. */
export function createPostgresKeyValueStore(db: PostgresDb): KeyValueStore {
  const table = db.table('key_values');
  const { guard } = db;
  const put = `INSERT INTO ${table} (tenant_id, namespace, key, data) VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT (tenant_id, namespace, key) DO UPDATE SET data = excluded.data`;
  const read = `SELECT data::text AS data FROM ${table} WHERE tenant_id = $1 AND namespace = $2 AND key = $3`;
  const removeKey = `DELETE FROM ${table} WHERE tenant_id = $1 AND namespace = $2 AND key = $3`;
  const removeNamespace = `DELETE FROM ${table} WHERE tenant_id = $1 AND namespace = $2`;
  return {
    get: (tenantId, namespace, key) =>
      guard(async () => {
        const { rows } = await db.query<{ data: string }>(tenantId, read, [tenantId, namespace, key]);
        return rows[0] ? fromJsonText<unknown>(rows[0].data) : undefined;
      }),
    set: (tenantId, namespace, key, value) =>
      guard(async () => void (await db.query(tenantId, put, [tenantId, namespace, key, toJsonText(value)]))),
    delete: (tenantId, namespace, key) =>
      guard(async () => {
        const result =
          key === undefined
            ? await db.query(tenantId, removeNamespace, [tenantId, namespace])
            : await db.query(tenantId, removeKey, [tenantId, namespace, key]);
        return result.rowCount ?? 0;
      }),
  };
}
