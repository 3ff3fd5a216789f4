import type { CredentialStore, StoredCredential } from '@flowloom/engine';
import type { IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;
type CredentialAuditEntry = Parameters<NonNullable<CredentialStore['appendAudit']>>[1];

/** Credentials as opaque records (the blob is never interpreted) and their audit trail. */
export function createIdbCredentialStore(db: () => IDBPDatabase, guard: Guard): CredentialStore {
  return {
    put: (tenantId, credential) =>
      guard(async () => void (await db().put(STORES.credentials, { tenantId, id: credential.id, credential }))),
    get: (tenantId, id) =>
      guard(async () => ((await db().get(STORES.credentials, [tenantId, id])) as { credential: StoredCredential } | undefined)?.credential),
    list: (tenantId) =>
      guard(async () => {
        const records = (await db().getAll(STORES.credentials, IDBKeyRange.bound([tenantId], [tenantId, []]))) as {
          credential: StoredCredential;
        }[];
        return records.map((r) => r.credential);
      }),
    delete: (tenantId, id) =>
      guard(async () => {
        const tx = db().transaction(STORES.credentials, 'readwrite');
        const existed = (await tx.store.count([tenantId, id])) > 0;
        await tx.store.delete([tenantId, id]);
        await tx.done;
        return existed;
      }),
    appendAudit: (tenantId, entry) => guard(async () => void (await db().add(STORES.credentialAudit, { tenantId, entry }))),
    listAudit: (tenantId, query = {}) =>
      guard(async () => {
        const records = (await db().getAllFromIndex(STORES.credentialAudit, 'byTenant', tenantId)) as { entry: CredentialAuditEntry }[];
        const out = records
          .map((r) => r.entry)
          .filter(
            (e) =>
              (query.credentialId === undefined || e.credentialId === query.credentialId) &&
              (query.executionId === undefined || e.executionId === query.executionId),
          );
        return query.limit === undefined ? out : out.slice(Math.max(0, out.length - query.limit));
      }),
  };
}
