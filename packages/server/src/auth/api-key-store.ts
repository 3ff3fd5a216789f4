import type { Permission } from './permissions.js';

/** An API key as stored: never the key itself, only its SHA-256 hash. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  /** A label for people ("CI deploys"). */
  name: string;
  role: string;
  /** Narrows the role: the key may do only what both allow. Absent: everything the role allows. */
  permissions?: Permission[];
  /** Hex SHA-256 of the whole key. */
  hash: string;
  /** The key's first characters (`flk_AbCd`), to tell keys apart in lists. */
  prefix: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * Where API keys are kept. Lookups by hash serve authentication; the others
 * are scoped to one tenant, so no call reads another tenant's keys.
 */
export interface ApiKeyStore {
  put(record: ApiKeyRecord): Promise<void>;
  /** The key with this hash, revoked or not. */
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  get(tenantId: string, id: string): Promise<ApiKeyRecord | undefined>;
  list(tenantId: string): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked at `at`; whether the tenant had such a key not revoked before. */
  revoke(tenantId: string, id: string, at: string): Promise<boolean>;
}

/** API keys in memory, for tests and single-process hosts that create keys at start. */
export function createMemoryApiKeyStore(): ApiKeyStore {
  const byId = new Map<string, ApiKeyRecord>();
  const idByHash = new Map<string, string>();
  const copy = (r: ApiKeyRecord | undefined) => (r ? structuredClone(r) : undefined);
  return {
    async put(record) {
      byId.set(record.id, structuredClone(record));
      idByHash.set(record.hash, record.id);
    },
    async findByHash(hash) {
      const id = idByHash.get(hash);
      return id === undefined ? undefined : copy(byId.get(id));
    },
    async get(tenantId, id) {
      const record = byId.get(id);
      return record?.tenantId === tenantId ? copy(record) : undefined;
    },
    async list(tenantId) {
      return [...byId.values()].filter((r) => r.tenantId === tenantId).map((r) => structuredClone(r));
    },
    async revoke(tenantId, id, at) {
      const record = byId.get(id);
      if (record?.tenantId !== tenantId || record.revokedAt !== undefined) return false;
      record.revokedAt = at;
      return true;
    },
  };
}
