import type { CredentialStore, StoredCredential } from '../credential-store.js';
import { tenantMap } from './tenant-map.js';

/** Credential blobs in plain maps, per tenant. */
export function createMemoryCredentialStore(): CredentialStore {
  const credentials = new Map<string, Map<string, StoredCredential>>();
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
  };
}
