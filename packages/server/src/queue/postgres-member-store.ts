import type { PostgresStorage } from '@flowloom/adapters/postgres';
import { directoryOf, type MemberStore, type TenantDirectory } from '../members/member-store.js';

/** The statement creating the table of tenants' directories in a schema (quoted), beside the server's other tables. */
export function postgresMemberTable(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${schema}.server_directories (
    tenant_id text PRIMARY KEY,
    directory jsonb NOT NULL)`;
}

/**
 * Members, teams, invites and workspaces in PostgreSQL, one row per tenant,
 * shared by every process of an installation. A change holds a transaction
 * lock of its tenant while it reads and writes the row, so changes of one
 * tenant from any process follow one another.
 */
export function postgresMemberStore(pool: PostgresStorage['pool'], schema: string): MemberStore {
  const table = `${schema}.server_directories`;
  const parse = (row: { directory: Partial<TenantDirectory> } | undefined) => directoryOf(row?.directory);
  return {
    async read(tenantId) {
      return parse((await pool.query(`SELECT directory FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]);
    },
    async update(tenantId, change) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${table}:${tenantId}`]);
        const current = parse((await client.query(`SELECT directory FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]);
        const { directory, result } = change(current);
        await client.query(
          `INSERT INTO ${table} (tenant_id, directory) VALUES ($1, $2)
           ON CONFLICT (tenant_id) DO UPDATE SET directory = EXCLUDED.directory`,
          [tenantId, JSON.stringify(directory)],
        );
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
