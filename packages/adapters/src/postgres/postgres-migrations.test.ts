import { StorageError } from '@flowloom/engine';
import { sampleExecution } from '@flowloom/engine/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openPostgresStorage, SCHEMA_VERSION } from './index.js';
import { migrate, MIGRATION_LOCK_KEY } from './migrations.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres.js';

let server: ThrowawayPostgres;
let admin: pg.Pool;
beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 4 });
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

let n = 0;
const newSchema = () => `m${n++}`;

async function versions(schema: string): Promise<number[]> {
  const { rows } = await admin.query<{ version: number }>(
    `SELECT version FROM ${pg.escapeIdentifier(schema)}.flowloom_migrations ORDER BY version`,
  );
  return rows.map((r) => r.version);
}

/** Runs `fn` on a connection of its own, released afterwards. */
async function onConnection<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await admin.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Resolves once `count` sessions wait for the schema's migration lock, asking the server at most `attempts` times. */
async function lockWaiters(schema: string, count: number, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const { rows } = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks l
       WHERE l.locktype = 'advisory' AND NOT l.granted
         AND ((l.classid::bigint << 32) | l.objid::bigint) = (${MIGRATION_LOCK_KEY})`,
      [schema],
    );
    if (Number(rows[0]!.n) >= count) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`${count} sessions never waited for the migration lock of ${schema}`);
}

describe('postgres adapter: migrations', () => {
  it('records each migration it runs, and runs none when the schema is up to date', async () => {
    const schema = newSchema();
    const first = await openPostgresStorage({ connectionString: server.url, schema });
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.schemaVersion).toBe(SCHEMA_VERSION);
    await first.close();
    const second = await openPostgresStorage({ connectionString: server.url, schema });
    expect(second.migrated).toEqual([]);
    await second.close();
    const { rows } = await admin.query<{ version: number; description: string }>(
      `SELECT version, description FROM ${schema}.flowloom_migrations ORDER BY version`,
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, description: m.description })));
  });

  it('brings a schema of an older version up to date without losing its rows', async () => {
    const schema = newSchema();
    await onConnection((client) => migrate(client, schema, MIGRATIONS.slice(0, 1)));
    const old = sampleExecution('old');
    await admin.query(
      `INSERT INTO ${schema}.executions (tenant_id, id, workflow_id, status, mode, started_at, summary)
       VALUES ('t1', 'old', 'wf-1', 'success', 'manual', $1, $2::jsonb)`,
      [old.startedAt, JSON.stringify({ ...old, nodes: undefined })],
    );
    const storage = await openPostgresStorage({ connectionString: server.url, schema });
    expect(storage.migrated).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect((await storage.executions.list('t1')).map((e) => e.id)).toEqual(['old']);
    await storage.close();
  });

  it('refuses a schema written by a newer version of the adapter without changing it', async () => {
    const schema = newSchema();
    await onConnection((client) => migrate(client, schema));
    await admin.query(`INSERT INTO ${schema}.flowloom_migrations (version, description) VALUES (99, 'from the future')`);
    const error = await openPostgresStorage({ connectionString: server.url, schema }).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('STORAGE_TOO_NEW');
    expect((error as StorageError).message).toBe(
      `The PostgreSQL schema "${schema}" has Flowloom schema version 99, newer than this adapter's ${SCHEMA_VERSION}; upgrade @flowloom/adapters to use it.`,
    );
    expect(await versions(schema)).toEqual([...MIGRATIONS.map((m) => m.version), 99]);
  });

  it('rolls a failed migration back whole, keeps the versions before it, and lets the next process try again', async () => {
    const schema = newSchema();
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, description: 'broken', sql: 'CREATE TABLE half (id int); SELECT 1/0;' }];
    const error = await onConnection((client) => migrate(client, schema, broken)).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('22012');
    expect(await versions(schema)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await admin.query(`SELECT to_regclass($1) AS t`, [`${schema}.half`])).rows).toEqual([{ t: null }]);
    // The lock went with the failure: another process migrates at once.
    const storage = await openPostgresStorage({ connectionString: server.url, schema });
    expect(storage.migrated).toEqual([]);
    await storage.close();
  });

  it('migrates a fresh schema once when two processes start at the same moment: the second waits, then finds it done', async () => {
    const schema = newSchema();
    // Hold the lock first, so both storages are certainly inside the race, waiting, before either may migrate.
    const holder = await admin.connect();
    await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`, [schema]);
    const opening = [0, 1].map(() => openPostgresStorage({ connectionString: server.url, schema, max: 2 }));
    try {
      await lockWaiters(schema, 2);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`, [schema]);
      holder.release();
    }
    const storages = await Promise.all(opening);
    expect(storages.map((s) => s.migrated).sort((a, b) => b.length - a.length)).toEqual([MIGRATIONS.map((m) => m.version), []]);
    expect(await versions(schema)).toEqual(MIGRATIONS.map((m) => m.version));
    // Both work on the one schema.
    await storages[0]!.executions.create(sampleExecution('e1'));
    expect((await storages[1]!.executions.get('t1', 'e1'))?.id).toBe('e1');
    for (const s of storages) await s.close();
  });

  it('lets several processes open a fresh schema together, all succeeding', async () => {
    const schema = newSchema();
    const storages = await Promise.all([0, 1, 2, 3].map(() => openPostgresStorage({ connectionString: server.url, schema, max: 1 })));
    expect(storages.flatMap((s) => s.migrated)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await versions(schema)).toEqual(MIGRATIONS.map((m) => m.version));
    for (const s of storages) await s.close();
  });

  it('opens a schema made beforehand for a role that may not create schemas in the database', async () => {
    const schema = newSchema();
    const url = await server.createRole('flowloom_confined');
    const role = new URL(url).username;
    await admin.query(`REVOKE CREATE ON DATABASE ${pg.escapeIdentifier(server.database)} FROM ${role}`);
    await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
    const storage = await openPostgresStorage({ connectionString: url, schema });
    expect(storage.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    await storage.executions.create(sampleExecution('e1'));
    expect(await storage.executions.count('t1')).toBe(1);
    await storage.close();
    // Without the schema it needs CREATE on the database, and says so.
    const error = await openPostgresStorage({ connectionString: url, schema: newSchema() }).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect((error as StorageError).message).toMatch(/permission denied for database .*SQLSTATE 42501.*lacks a privilege/);
  });

  it('never makes a storage in one schema wait for the migrations of another', async () => {
    const holder = await admin.connect();
    await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`, ['some_other_schema']);
    try {
      const storage = await openPostgresStorage({ connectionString: server.url, schema: newSchema() });
      expect(storage.migrated).toEqual(MIGRATIONS.map((m) => m.version));
      await storage.close();
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`, ['some_other_schema']);
      holder.release();
    }
  });
});
