import type { CredentialAuditEntry, CredentialStore, StoredCredential } from '../credential-store.js';
import { tenantMap } from './tenant-map.js';

/** Credential blobs and their audit trail in plain maps, per tenant. */
export function createMemoryCredentialStore(): CredentialStore {
  const credentials = new Map<string, Map<string, StoredCredential>>();
  const audit = new Map<string, CredentialAuditEntry[]>();
  return {
    async put(tenantId, credential) {
      tenantMap(credentials, tenantId).set(credential.id, {
        ...credential,
        meta: { ...credential.meta },
      });
    },
    async get(tenantId, id) {
      const c = credentials.get(tenantId)?.get(id);
      return c ? { ...c, meta: { ...c.meta } } : undefined;
    },
    async list(tenantId) {
      return [...(credentials.get(tenantId)?.values() ?? [])].map((c) => ({
        ...c,
        meta: { ...c.meta },
      }));
    },
    async delete(tenantId, id) {
      return credentials.get(tenantId)?.delete(id) ?? false;
    },
    async appendAudit(tenantId, entry) {
      let list = audit.get(tenantId);
      if (!list) audit.set(tenantId, (list = []));
      list.push({ ...entry });
    },
    async listAudit(tenantId, query = {}) {
      const out = (audit.get(tenantId) ?? []).filter(
        (e) =>
          (query.credentialId === undefined || e.credentialId === query.credentialId) &&
          (query.executionId === undefined || e.executionId === query.executionId),
      );
      return (query.limit === undefined ? out : out.slice(-query.limit)).map((e) => ({ ...e }));
    },
  };
}
