import { OptionError } from '@flowloom/engine';
import { sampleExecution, sampleNodeRun, sampleWorkflow } from '@flowloom/engine/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage } from './index.js';
import { TENANT_TABLES } from './migrations.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres.js';

let server: ThrowawayPostgres;
let admin: pg.Pool;
let appUrl: string;
beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
  appUrl = await server.createRole('flowloom_rls');
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

let n = 0;
const open = (rowLevelSecurity: boolean, schema = `s${n++}`) =>
  openPostgresStorage({ connectionString: appUrl, schema, rowLevelSecurity, max: 1 });

/** One record of every kind in tenants acme and globex. */
async function seed(storage: PostgresStorage): Promise<void> {
  for (const tenantId of ['acme', 'globex']) {
    await storage.workflows.save(tenantId, sampleWorkflow('wf-1', `${tenantId} flow`));
    await storage.executions.create(sampleExecution(`${tenantId}-e1`, { tenantId }));
    await storage.executions.appendNodeRun(tenantId, `${tenantId}-e1`, sampleNodeRun('a', 0));
    await storage.variables.set(tenantId, { key: 'k', type: 'string', value: tenantId, updatedAt: '2026-01-01T00:00:00.000Z' });
    await storage.credentials.put(tenantId, {
      id: 'c1',
      name: 'C',
      type: 'apiKey',
      blob: tenantId,
      meta: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await storage.credentials.appendAudit!(tenantId, { credentialId: 'c1', tenantId, action: 'test', at: '2026-01-01T00:00:00.000Z' });
    await storage.triggerState.set(tenantId, 'wf-1', 'poll', { cursor: tenantId, updatedAt: '2026-01-01T00:00:00.000Z' });
    await storage.keyValue.set(tenantId, 'ai-memory', 'session-1', [{ role: 'user', content: tenantId }]);
    await storage.vectors.insert(tenantId, 'docs', [{ text: tenantId, metadata: { tenantId }, vector: [1, 0] }]);
  }
}

/** The tenants whose rows a raw, unfiltered SELECT sees in each table, read inside `tenantId`'s transaction. */
async function visibleTenants(storage: PostgresStorage, tenantId: string): Promise<Record<string, string[]>> {
  return storage.transaction(tenantId, async (client) => {
    const seen: Record<string, string[]> = {};
    for (const table of TENANT_TABLES) {
      const { rows } = await client.query<{ tenant_id: string }>(
        `SELECT DISTINCT tenant_id FROM ${pg.escapeIdentifier(storage.schema)}.${table} ORDER BY tenant_id`,
      );
      seen[table] = rows.map((r) => r.tenant_id);
    }
    return seen;
  });
}

const everyTable = (tenants: string[]) => Object.fromEntries(TENANT_TABLES.map((t) => [t, tenants]));

describe('postgres adapter: row-level security', () => {
  it('lets a raw query in one tenant’s transaction see only that tenant’s rows, in every table', async () => {
    const storage = await open(true);
    await seed(storage);
    expect(await visibleTenants(storage, 'acme')).toEqual(everyTable(['acme']));
    expect(await visibleTenants(storage, 'globex')).toEqual(everyTable(['globex']));
    // Asking for the other tenant by name finds nothing either.
    const other = await storage.transaction('acme', (client) =>
      client.query(`SELECT id FROM ${storage.schema}.executions WHERE tenant_id = 'globex'`),
    );
    expect(other.rows).toEqual([]);
    // The rows are there: the superuser, whom no policy binds, sees both tenants.
    const all = await admin.query<{ tenant_id: string }>(`SELECT tenant_id FROM ${storage.schema}.executions ORDER BY tenant_id`);
    expect(all.rows.map((r) => r.tenant_id)).toEqual(['acme', 'globex']);
    await storage.close();
  });

  it('refuses, in one tenant’s transaction, to write or change another tenant’s rows', async () => {
    const storage = await open(true);
    await seed(storage);
    const s = storage.schema;
    const insert = storage.transaction('acme', (client) =>
      client.query(`INSERT INTO ${s}.variables (tenant_id, workflow_id, key, data) VALUES ('globex', '', 'planted', '{}')`),
    );
    await expect(insert).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('row-level security') });
    const updated = await storage.transaction('acme', (client) =>
      client.query(`UPDATE ${s}.credentials SET data = '{}' WHERE tenant_id = 'globex'`),
    );
    const deleted = await storage.transaction('acme', (client) => client.query(`DELETE FROM ${s}.executions WHERE tenant_id = 'globex'`));
    expect([updated.rowCount, deleted.rowCount]).toEqual([0, 0]);
    expect((await storage.credentials.get('globex', 'c1'))?.blob).toBe('globex');
    expect((await storage.executions.get('globex', 'globex-e1'))?.nodes['a']).toHaveLength(1);
    await storage.close();
  });

  it('scopes the tenant to its transaction: the next statement on the same connection sees no rows', async () => {
    const storage = await open(true);
    await seed(storage);
    expect(await visibleTenants(storage, 'acme')).toEqual(everyTable(['acme']));
    // The pool holds one connection, so this is the one the transaction ran on.
    const after = await storage.pool.query<{ setting: string | null; n: string }>(
      `SELECT current_setting('flowloom.tenant_id', true) AS setting, (SELECT count(*) FROM ${storage.schema}.executions) AS n`,
    );
    expect(after.rows).toEqual([{ setting: '', n: '0' }]);
    await storage.close();
  });

  it('sees every tenant’s rows in a raw query without it, where only the tenant condition of each query keeps tenants apart', async () => {
    const storage = await open(false);
    await seed(storage);
    expect(await visibleTenants(storage, 'acme')).toEqual(everyTable(['acme', 'globex']));
    await storage.close();
  });

  it('turns it on and forces it for the owner of the tables, and lists tenants across them for maintenance only', async () => {
    const storage = await open(true);
    await seed(storage);
    const { rows } = await admin.query<{ relname: string; on: boolean; forced: boolean }>(
      `SELECT c.relname, c.relrowsecurity AS on, c.relforcerowsecurity AS forced FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
      [storage.schema],
    );
    expect(rows).toEqual(
      ['flowloom_migrations', ...TENANT_TABLES]
        .sort()
        .map((relname) => ({ relname, on: relname !== 'flowloom_migrations', forced: relname !== 'flowloom_migrations' })),
    );
    expect((await storage.executions.tenants()).sort()).toEqual(['acme', 'globex']);
    await storage.close();
  });

  it('refuses to turn it on for a superuser, whom PostgreSQL exempts, before changing anything', async () => {
    const schema = `s${n++}`;
    const error = await openPostgresStorage({ connectionString: server.url, schema, rowLevelSecurity: true }).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).message).toBe(
      "openPostgresStorage: rowLevelSecurity is on, but role 'postgres' is a superuser or has BYPASSRLS, and PostgreSQL applies no " +
        'row-level security to such roles. Connect as an ordinary role (it may own the tables).',
    );
    expect((await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);
  });

  it('refuses to open a secured schema without it, where every call would find nothing', async () => {
    const schema = `s${n++}`;
    await (await open(true, schema)).close();
    const error = await open(false, schema).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).option).toBe('rowLevelSecurity');
    expect((error as OptionError).message).toMatch(
      new RegExp(
        `^openPostgresStorage: the tables of schema "${schema}" have row-level security on \\(credential_audit, credentials, executions, `,
      ),
    );
  });
});
