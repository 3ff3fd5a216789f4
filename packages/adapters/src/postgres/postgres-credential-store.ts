import type { CredentialStore, StoredCredential } from '@flowloom/engine';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';

type CredentialAuditEntry = Parameters<NonNullable<CredentialStore['appendAudit']>>[1];

/** Credentials as opaque rows (the stored credential, blob included, as JSONB, never interpreted) and their audit trail. */
export function createPostgresCredentialStore(db: PostgresDb): CredentialStore {
  const credentials = db.table('credentials');
  const audit = db.table('credential_audit');
  const { guard } = db;
  const put = `INSERT INTO ${credentials} (tenant_id, id, data) VALUES ($1, $2, $3::jsonb)
    ON CONFLICT (tenant_id, id) DO UPDATE SET data = excluded.data`;
  const read = `SELECT data::text AS data FROM ${credentials} WHERE tenant_id = $1 AND id = $2`;
  const list = `SELECT data::text AS data FROM ${credentials} WHERE tenant_id = $1 ORDER BY id`;
  const remove = `DELETE FROM ${credentials} WHERE tenant_id = $1 AND id = $2`;
  const appendAudit = `INSERT INTO ${audit} (tenant_id, credential_id, execution_id, data) VALUES ($1, $2, $3, $4::jsonb)`;
  return {
    put: (tenantId, credential) =>
      guard(async () => void (await db.query(tenantId, put, [tenantId, credential.id, toJsonText(credential)]))),
    get: (tenantId, id) =>
      guard(async () => {
        const { rows } = await db.query<{ data: string }>(tenantId, read, [tenantId, id]);
        return rows[0] ? fromJsonText<StoredCredential>(rows[0].data) : undefined;
      }),
    list: (tenantId) =>
      guard(async () =>
        (await db.query<{ data: string }>(tenantId, list, [tenantId])).rows.map((r) => fromJsonText<StoredCredential>(r.data)),
      ),
    delete: (tenantId, id) => guard(async () => ((await db.query(tenantId, remove, [tenantId, id])).rowCount ?? 0) > 0),
    appendAudit: (tenantId, entry) =>
      guard(
        async () =>
          void (await db.query(tenantId, appendAudit, [tenantId, entry.credentialId, entry.executionId ?? null, toJsonText(entry)])),
      ),
    listAudit: (tenantId, query = {}) =>
      guard(async () => {
        const values: unknown[] = [tenantId];
        const parts = ['tenant_id = $1'];
        if (query.credentialId !== undefined) {
          values.push(query.credentialId);
          parts.push(`credential_id = $${values.length}`);
        }
        if (query.executionId !== undefined) {
          values.push(query.executionId);
          parts.push(`execution_id = $${values.length}`);
        }
        // The newest `limit` entries (all when there is no limit: LIMIT NULL), returned oldest first.
        values.push(query.limit === undefined ? null : Math.max(0, Math.floor(query.limit)));
        const text = `SELECT data::text AS data FROM (
            SELECT seq, data FROM ${audit} WHERE ${parts.join(' AND ')} ORDER BY seq DESC LIMIT $${values.length}
          ) newest ORDER BY seq`;
        const { rows } = await db.query<{ data: string }>(tenantId, text, values);
        return rows.map((r) => fromJsonText<CredentialAuditEntry>(r.data));
      }),
  };
}
