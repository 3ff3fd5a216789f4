import type { Database } from 'better-sqlite3';
import { directoryOf, type MemberStore, type TenantDirectory } from '../members/member-store.js';

/** The table of tenants' directories, created beside the server's other tables. */
export const SQLITE_MEMBER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS server_directories (
    tenant_id TEXT PRIMARY KEY,
    directory TEXT NOT NULL
  ) WITHOUT ROWID;
`;

/**
 * Members, teams, invites and workspaces in a SQLite file, one row per
 * tenant. A change reads and writes the row in one immediate transaction, so
 * another process over the same file waits for it rather than overwriting it.
 */
export function sqliteMemberStore(db: Database): MemberStore {
  const select = db.prepare('SELECT directory FROM server_directories WHERE tenant_id = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO server_directories (tenant_id, directory) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET directory = excluded.directory',
  );
  const read = (tenantId: string): TenantDirectory => {
    const text = select.get(tenantId);
    return directoryOf(typeof text === 'string' ? (JSON.parse(text) as Partial<TenantDirectory>) : undefined);
  };
  const update = db.transaction(
    <T>(tenantId: string, change: (directory: TenantDirectory) => { directory: TenantDirectory; result: T }) => {
      const { directory, result } = change(read(tenantId));
      upsert.run(tenantId, JSON.stringify(directory));
      return result;
    },
  );
  return {
    async read(tenantId) {
      return read(tenantId);
    },
    async update(tenantId, change) {
      return update.immediate(tenantId, change) as ReturnType<typeof change>['result'];
    },
  };
}
