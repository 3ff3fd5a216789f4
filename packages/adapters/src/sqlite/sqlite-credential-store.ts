import type { CredentialStore, StoredCredential } from '@flowloom/engine';
import type { Database } from 'better-sqlite3';

type CredentialAuditEntry = Parameters<NonNullable<CredentialStore['appendAudit']>>[1];

/** Credentials as opaque rows (the stored credential, blob included, as JSON, never interpreted) and their audit trail. */
export function createSqliteCredentialStore(db: Database, guard: <T>(fn: () => T) => Promise<T>): CredentialStore {
  const put = db.prepare('INSERT INTO credentials (tenant_id, id, data) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data');
  const read = db.prepare('SELECT data FROM credentials WHERE tenant_id = ? AND id = ?').pluck();
  const list = db.prepare('SELECT data FROM credentials WHERE tenant_id = ? ORDER BY id').pluck();
  const remove = db.prepare('DELETE FROM credentials WHERE tenant_id = ? AND id = ?');
  const appendAudit = db.prepare('INSERT INTO credential_audit (tenant_id, credential_id, execution_id, data) VALUES (?, ?, ?, ?)');
  return {
    put: (tenantId, credential) => guard(() => void put.run(tenantId, credential.id, JSON.stringify(credential))),
    get: (tenantId, id) =>
      guard(() => {
        const data = read.get(tenantId, id) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as StoredCredential);
      }),
    list: (tenantId) => guard(() => (list.all(tenantId) as string[]).map((d) => JSON.parse(d) as StoredCredential)),
    delete: (tenantId, id) => guard(() => remove.run(tenantId, id).changes > 0),
    appendAudit: (tenantId, entry) =>
      guard(() => void appendAudit.run(tenantId, entry.credentialId, entry.executionId ?? null, JSON.stringify(entry))),
    listAudit: (tenantId, query = {}) =>
      guard(() => {
        const parts = ['tenant_id = ?'];
        const params: (string | number)[] = [tenantId];
        if (query.credentialId !== undefined) {
          parts.push('credential_id = ?');
          params.push(query.credentialId);
        }
        if (query.executionId !== undefined) {
          parts.push('execution_id = ?');
          params.push(query.executionId);
        }
        // The newest `limit` entries, returned oldest first.
        const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
        const rows = db
          .prepare(
            `SELECT data FROM (SELECT seq, data FROM credential_audit WHERE ${parts.join(' AND ')} ORDER BY seq DESC${limit}) ORDER BY seq`,
          )
          .pluck()
          .all(...params) as string[];
        return rows.map((d) => JSON.parse(d) as CredentialAuditEntry);
      }),
  };
}
