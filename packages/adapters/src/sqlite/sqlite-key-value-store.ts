import type { KeyValueStore } from '@flowloom/engine';
import type { Database } from 'better-sqlite3';

/** Key-value records keyed by (tenant, namespace, key); each row the value as JSON. */
export function createSqliteKeyValueStore(db: Database, guard: <T>(fn: () => T) => Promise<T>): KeyValueStore {
  const put = db.prepare(
    'INSERT INTO key_values (tenant_id, namespace, key, data) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data',
  );
  const read = db.prepare('SELECT data FROM key_values WHERE tenant_id = ? AND namespace = ? AND key = ?').pluck();
  const removeKey = db.prepare('DELETE FROM key_values WHERE tenant_id = ? AND namespace = ? AND key = ?');
  const removeNamespace = db.prepare('DELETE FROM key_values WHERE tenant_id = ? AND namespace = ?');
  return {
    get: (tenantId, namespace, key) =>
      guard(() => {
        const data = read.get(tenantId, namespace, key) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as unknown);
      }),
    set: (tenantId, namespace, key, value) => guard(() => void put.run(tenantId, namespace, key, JSON.stringify(value))),
    delete: (tenantId, namespace, key) =>
      guard(() => (key === undefined ? removeNamespace.run(tenantId, namespace) : removeKey.run(tenantId, namespace, key)).changes),
  };
}
