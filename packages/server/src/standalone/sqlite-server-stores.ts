import type { Database } from 'better-sqlite3';
import type { ApiKeyRecord, ApiKeyStore } from '../auth/api-key-store.js';
import type { MemberStore } from '../members/member-store.js';
import type { ActivationStore, ActiveWorkflow } from '../routes/activation-store.js';
import { SQLITE_MEMBER_SCHEMA, sqliteMemberStore } from './sqlite-member-store.js';

/** The standalone server's own records, in the database file the engine's storage uses. */
export interface SqliteServerStores {
  apiKeys: ApiKeyStore & {
    /** How many keys, revoked or not, of every tenant: none means the server was never given one. */
    count(): number;
  };
  activations: ActivationStore;
  /** Members, teams, invites and workspaces of every tenant. */
  members: MemberStore;
  close(): void;
}

// Tables of their own beside the storage adapter's, which numbers its schema with `user_version`:
// these are created if missing and never migrated through it.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS server_api_keys (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS server_api_keys_tenant ON server_api_keys (tenant_id);
  CREATE TABLE IF NOT EXISTS server_activations (
    tenant_id TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, workflow_id)
  ) WITHOUT ROWID;
`;

/**
 * API keys (hashes only, as `ApiKeys` gives them), active workflows, and
 * members, teams, invites and workspaces in a SQLite file, so a restarted
 * standalone server keeps its keys and members and activates its workflows
 * again.
 */
export async function openSqliteServerStores(file: string, options: { busyTimeoutMs?: number } = {}): Promise<SqliteServerStores> {
  const { default: BetterSqlite } = await import('better-sqlite3');
  const db: Database = new BetterSqlite(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    db.exec(SQLITE_MEMBER_SCHEMA);
  } catch (error) {
    db.close();
    throw error;
  }
  const put = db.prepare('INSERT OR REPLACE INTO server_api_keys (id, tenant_id, hash, record) VALUES (?, ?, ?, ?)');
  const byHash = db.prepare('SELECT record FROM server_api_keys WHERE hash = ?').pluck();
  const byId = db.prepare('SELECT record FROM server_api_keys WHERE tenant_id = ? AND id = ?').pluck();
  const byTenant = db.prepare('SELECT record FROM server_api_keys WHERE tenant_id = ? ORDER BY rowid').pluck();
  const count = db.prepare('SELECT count(*) FROM server_api_keys').pluck();
  const listActive = db.prepare('SELECT tenant_id AS tenantId, workflow_id AS workflowId FROM server_activations');
  const addActive = db.prepare('INSERT OR IGNORE INTO server_activations (tenant_id, workflow_id) VALUES (?, ?)');
  const removeActive = db.prepare('DELETE FROM server_activations WHERE tenant_id = ? AND workflow_id = ?');
  const parse = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as ApiKeyRecord) : undefined);
  const revoke = db.transaction((tenantId: string, id: string, at: string) => {
    const record = parse(byId.get(tenantId, id));
    if (!record || record.revokedAt !== undefined) return false;
    record.revokedAt = at;
    put.run(record.id, record.tenantId, record.hash, JSON.stringify(record));
    return true;
  });

  return {
    apiKeys: {
      async put(record) {
        put.run(record.id, record.tenantId, record.hash, JSON.stringify(record));
      },
      async findByHash(hash) {
        return parse(byHash.get(hash));
      },
      async get(tenantId, id) {
        return parse(byId.get(tenantId, id));
      },
      async list(tenantId) {
        return (byTenant.all(tenantId) as string[]).map((text) => JSON.parse(text) as ApiKeyRecord);
      },
      async revoke(tenantId, id, at) {
        return revoke(tenantId, id, at);
      },
      count: () => count.get() as number,
    },
    activations: {
      async list() {
        return listActive.all() as ActiveWorkflow[];
      },
      async add(tenantId, workflowId) {
        addActive.run(tenantId, workflowId);
      },
      async remove(tenantId, workflowId) {
        removeActive.run(tenantId, workflowId);
      },
    },
    members: sqliteMemberStore(db),
    close() {
      if (db.open) db.close();
    },
  };
}
