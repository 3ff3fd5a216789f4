import { OptionError, StorageError, type ExecutionQuery } from '@flowloom/engine';
import { describeStorageAdapter, sampleExecution, sampleNodeRun, sampleRunState, sampleWorkflow } from '@flowloom/engine/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage, type PostgresStorageOptions } from './index.js';
import { TENANT_TABLES } from './migrations.js';
import { executionCountStatement, executionListStatement, executionTenantsStatement } from './postgres-execution-store.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres.js';

let server: ThrowawayPostgres;
let admin: pg.Pool;
let appUrl: string;
beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
  appUrl = await server.createRole('flowloom_app');
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

// Tests that need their own schema (migrations from nothing, options) take a new one.
let n = 0;
const fresh = (options: Omit<PostgresStorageOptions, 'connectionString' | 'schema'> = {}) =>
  openPostgresStorage({ connectionString: server.url, schema: `t${n++}`, max: 4, ...options });

/**
 * The conformance suite's storages: one per suite in a schema of its own, emptied by the superuser (whom row-level
 * security does not bind) before each test. A storage keeps nothing in memory but its pool, so an emptied one is
 * as fresh as a new one; opening one per test would spend most of the suite's time connecting.
 */
const suites = new Map<string, Promise<PostgresStorage>>();
function emptied(schema: string, options: () => PostgresStorageOptions): () => Promise<PostgresStorage> {
  // Children first, so no foreign key is in the way; DELETE is quicker than TRUNCATE on tables this small.
  const order = ['node_runs', 'workflow_versions', ...TENANT_TABLES.filter((t) => t !== 'node_runs' && t !== 'workflow_versions')];
  const clear = order.map((t) => `DELETE FROM ${pg.escapeIdentifier(schema)}.${t};`).join('\n');
  return async () => {
    if (!suites.has(schema)) suites.set(schema, openPostgresStorage({ schema, max: 4, ...options() }));
    const storage = await suites.get(schema)!;
    await admin.query(clear);
    return storage;
  };
}
afterAll(async () => {
  for (const storage of suites.values()) await (await storage).close();
});
const keepOpen = { dispose: () => undefined };

describeStorageAdapter(
  'postgres',
  emptied('conformance', () => ({ connectionString: server.url })),
  { describe, it, ...keepOpen },
);
describeStorageAdapter(
  'postgres with row-level security',
  emptied('conformance_rls', () => ({ connectionString: appUrl, rowLevelSecurity: true })),
  { describe, it, ...keepOpen },
);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
}

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

async function optionError(promise: Promise<unknown>): Promise<OptionError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(OptionError);
  return error as OptionError;
}

const schemaExists = async (schema: string) =>
  (await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;

describe('postgres adapter', () => {
  it('keeps its tables in the schema "flowloom" unless told otherwise, and finds its data again when reopened', async () => {
    const first = await openPostgresStorage({ connectionString: server.url });
    expect(first.schema).toBe('flowloom');
    expect(first.migrated).toEqual([1, 2, 3, 4]);
    await first.workflows.save('t1', sampleWorkflow('wf-1', 'Kept'));
    await first.executions.create(sampleExecution('e1'));
    await first.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    await first.close();

    const second = await openPostgresStorage({ connectionString: server.url });
    expect(second.migrated).toEqual([]);
    expect((await second.workflows.get('t1', 'wf-1'))?.name).toBe('Kept');
    expect((await second.executions.get('t1', 'e1'))?.nodes['a']).toEqual([sampleNodeRun('a', 0)]);
    await second.close();
    const tables = await admin.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'flowloom' ORDER BY table_name`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([...TENANT_TABLES, 'flowloom_migrations'].sort());
  });

  it('stores executions and node runs as JSONB a host can query', async () => {
    const storage = await fresh();
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, state: sampleRunState(0) }));
    await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    await storage.executions.finish('t1', 'e1', {
      status: 'error',
      finishedAt: '2026-01-01T00:00:02.000Z',
      error: { name: 'E', code: 'X', message: 'Boom' },
    });
    const s = pg.escapeIdentifier(storage.schema);
    const types = await admin.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name IN ('executions', 'node_runs') AND column_name IN ('summary', 'workflow', 'wait', 'state', 'data')
       ORDER BY table_name, column_name`,
      [storage.schema],
    );
    expect(types.rows.map((r) => `${r.column_name} ${r.data_type}`)).toEqual([
      'state jsonb',
      'summary jsonb',
      'wait jsonb',
      'workflow jsonb',
      'data jsonb',
    ]);
    const row = await admin.query(
      `SELECT e.summary->>'status' AS status, e.summary->'error'->>'message' AS message, e.duration_ms, e.state,
         (SELECT r.data->'output'->'main'->0->'json'->>'doubled' FROM ${s}.node_runs r WHERE r.execution_id = e.id) AS doubled
       FROM ${s}.executions e WHERE e.tenant_id = 't1' AND e.id = 'e1'`,
    );
    expect(row.rows).toEqual([{ status: 'error', message: 'Boom', duration_ms: 2000, state: null, doubled: '0' }]);
    await storage.close();
  });

  it('keeps strings holding NUL characters and U+E000, which JSONB cannot hold as such, exactly as given', async () => {
    const storage = await fresh();
    const odd = { nul: 'a\u0000b', mark: '\uE000', both: '\uE000\u0000\uE0000', escaped: '\\u0000 is text', 'key\u0000': ['\u0000'] };
    const run = sampleNodeRun('a', 0, { output: { main: [{ json: odd }] } });
    const state = sampleRunState(1, { nodeState: { odd } });
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await storage.executions.appendNodeRun('t1', 'e1', run, state);
    expect((await storage.executions.get('t1', 'e1'))?.state).toEqual(state);
    const error = { name: 'E', code: 'X', message: 'bad byte \u0000 here' };
    await storage.executions.finish('t1', 'e1', { status: 'error', finishedAt: '2026-01-01T00:00:01.000Z', error });
    const e = await storage.executions.get('t1', 'e1');
    expect(e?.nodes).toEqual({ a: [run] });
    expect(e?.error).toEqual(error);
    expect((await storage.executions.list('t1', { errorContains: 'BAD BYTE' })).map((x) => x.id)).toEqual(['e1']);
    await storage.variables.set('t1', { key: 'k', type: 'json', value: odd, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect((await storage.variables.get('t1', 'k'))?.value).toEqual(odd);
    const workflow = sampleWorkflow('wf-1', 'Name \uE000', { description: 'a\u0000b' } as never);
    await storage.workflows.save('t1', workflow);
    expect(await storage.workflows.get('t1', 'wf-1')).toEqual(workflow);
    await storage.close();
  });

  it('writes neither the node run nor the run state when the state cannot be stored, naming the database', async () => {
    const storage = await fresh();
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    const unserializable = sampleRunState(2, { nodeState: { counter: { total: 10n } } });
    const error = await storageError(storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('b', 1), unserializable));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toContain(`PostgreSQL database '${server.database}' at ${server.host}:${server.port}`);
    const e = await storage.executions.get('t1', 'e1');
    expect(e?.nodes).toEqual({ a: [sampleNodeRun('a', 0)] });
    expect(e?.state).toEqual(sampleRunState(1));
    await storage.close();
  });

  it('reports a closed storage with a StorageError naming the database', async () => {
    const storage = await fresh();
    await storage.close();
    const error = await storageError(storage.executions.list('t1'));
    expect(error.code).toBe('STORAGE_CLOSED');
    expect(error.message).toContain(`${server.host}:${server.port}`);
    await storage.close();
  });

  it('says when no connection came free in time, apart from a server that cannot be reached', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 1, idleTimeoutMillis: 0 }); // idle connections stay
    const storage = await openPostgresStorage({ pool, schema: `t${n++}` });
    // Opening left the pool's one connection open and idle; from now on a call waits at most 1 ms for it. The
    // transaction holds it until the call inside has failed, so that call can only time out, however fast the machine.
    pool.options.connectionTimeoutMillis = 1;
    const error = await storage.transaction('t1', () => storageError(storage.executions.list('t1')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toBe(
      `No connection to PostgreSQL database '${server.database}' at ${server.host}:${server.port} within connectionTimeoutMillis: ` +
        'every connection of the pool was busy, or the server did not answer in time. Raise max or connectionTimeoutMillis, or check the server.',
    );
    await storage.close();
    await pool.end();
  });

  it('uses a pool the host passes and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    pool.on('error', () => undefined);
    const storage = await openPostgresStorage({ pool, schema: `t${n++}` });
    expect(storage.pool).toBe(pool);
    await storage.variables.set('t1', { key: 'k', type: 'number', value: 1, updatedAt: '2026-01-01T00:00:00.000Z' });
    await storage.close();
    expect((await pool.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    expect((await storageError(storage.variables.list('t1'))).code).toBe('STORAGE_CLOSED');
    await pool.end();
  });

  it('names the database and its server when the database does not exist', async () => {
    const url = new URL(server.url);
    url.pathname = '/no_such_database';
    const error = await storageError(openPostgresStorage({ connectionString: url.toString() }));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toMatch(
      new RegExp(
        `^PostgreSQL database 'no_such_database' at ${server.host}:${server.port}: database "no_such_database" does not exist \\(SQLSTATE 3D000\\)`,
      ),
    );
  });

  it('refuses an unknown option before connecting', async () => {
    const error = await optionError(
      openPostgresStorage({ connectionString: server.url, schema: 'unknown_option', idleTimeoutMs: 5 } as never),
    );
    expect(error.code).toBe('UNKNOWN_OPTION');
    expect(error.message).toBe(
      "openPostgresStorage: unknown option 'idleTimeoutMs'. Known options: connectionString, pool, schema, max, idleTimeoutMillis, " +
        "connectionTimeoutMillis, rowLevelSecurity, now. Did you mean 'idleTimeoutMillis'?",
    );
    expect(await schemaExists('unknown_option')).toBe(false);
  });

  it('refuses option values it cannot use, naming the option, before connecting', async () => {
    const pool = new pg.Pool({ connectionString: server.url });
    const cases: [PostgresStorageOptions, string, string][] = [
      [
        {},
        'connectionString',
        'openPostgresStorage: needs connectionString (postgres://user:password@host:5432/database) or pool (a pg.Pool).',
      ],
      [{ connectionString: server.url, pool }, 'pool', 'openPostgresStorage: pass connectionString or pool, not both.'],
      [{ connectionString: ' ' }, 'connectionString', 'openPostgresStorage: connectionString must be a non-empty string, got " ".'],
      [
        { connectionString: 'postgres://flowloom@db:port/app' },
        'connectionString',
        'openPostgresStorage: connectionString is not a URL pg can read (Invalid URL); write it as postgres://user:password@host:5432/database.',
      ],
      [{ pool: {} as pg.Pool }, 'pool', 'openPostgresStorage: pool must be a pg.Pool (an object with connect, query and end).'],
      [{ pool, max: 3 }, 'max', 'openPostgresStorage: max applies to the pool made from connectionString; set it on the pool you pass.'],
      [{ connectionString: server.url, max: 0 }, 'max', 'openPostgresStorage: max must be a whole number, 1 or more, got 0.'],
      [
        { connectionString: server.url, connectionTimeoutMillis: 1.5 },
        'connectionTimeoutMillis',
        'openPostgresStorage: connectionTimeoutMillis must be a whole number, 0 or more, got 1.5.',
      ],
      [{ connectionString: server.url, schema: '' }, 'schema', 'openPostgresStorage: schema must be a name of 1 to 63 bytes, got "".'],
      [
        { connectionString: server.url, schema: 'x'.repeat(64) },
        'schema',
        `openPostgresStorage: schema must be a name of 1 to 63 bytes, got "${'x'.repeat(64)}".`,
      ],
      [
        { connectionString: server.url, rowLevelSecurity: 'yes' as never },
        'rowLevelSecurity',
        'openPostgresStorage: rowLevelSecurity must be true or false, got "yes".',
      ],
    ];
    for (const [options, option, message] of cases) {
      const error = await optionError(openPostgresStorage(options));
      expect([error.code, error.option, error.message]).toEqual(['OPTION_INVALID', option, message]);
    }
    expect(pool.totalCount).toBe(0);
    await pool.end();
  });
});

describe('postgres adapter: indexes', () => {
  it('answers every execution filter, and each page of a list, from the index meant for it', async () => {
    const storage = await fresh();
    const s = pg.escapeIdentifier(storage.schema);
    // 25,000 rows, few enough for ANALYZE to read them all, so the planner's estimates (and plans) are the same every run.
    await admin.query(`
      INSERT INTO ${s}.executions (tenant_id, id, workflow_id, status, mode, started_at, finished_at, duration_ms, error_search, retry_of, summary)
      SELECT 'tenant-' || (i % 20), 'e' || i, 'wf-' || (i % 50),
        CASE WHEN i % 100 = 0 THEN 'error' WHEN i % 500 = 1 THEN 'crashed' WHEN i % 1000 = 2 THEN 'running' ELSE 'success' END,
        CASE WHEN i % 300 = 0 THEN 'retry' WHEN i % 7 = 0 THEN 'webhook' ELSE 'trigger' END,
        timestamptz '2026-01-01' + i * interval '1 second',
        timestamptz '2026-01-01' + i * interval '1 second' + (i % 1000) * interval '1 ms',
        i % 1000,
        CASE WHEN i % 100 = 0 THEN 'http 503 from api ' || i END,
        CASE WHEN i % 300 = 0 THEN 'e' || (i - 1) END,
        '{}'
      FROM generate_series(1, 25000) i`);
    await admin.query(`ANALYZE ${s}.executions`);
    const cases: [string, ExecutionQuery | undefined, string][] = [
      ['no filter', undefined, 'executions_by_start'],
      ['start range', { startedFrom: '2026-01-01T02:00:00.000Z', startedTo: '2026-01-01T03:00:00.000Z' }, 'executions_by_start'],
      ['next page', { cursor: '2026-01-01T02:00:00.000Z|e7200', limit: 50 }, 'executions_by_start'],
      ['one workflow', { workflowId: 'wf-3' }, 'executions_by_workflow'],
      ['two workflows', { workflowId: ['wf-3', 'wf-13'] }, 'executions_by_workflow'],
      ['a rare status', { status: 'crashed' }, 'executions_by_status'],
      ['a rare mode', { mode: 'retry', order: 'asc' }, 'executions_by_mode'],
      ['error text', { errorContains: '503' }, 'executions_with_error'],
      ['retries of one', { retryOf: 'e299' }, 'executions_by_retry_of'],
      ['long ones', { minDurationMs: 995 }, 'executions_by_duration'],
      ['short ones', { maxDurationMs: 3 }, 'executions_by_duration'],
    ];
    for (const [what, query, index] of cases) {
      for (const [kind, statement] of [
        ['list', executionListStatement(`${s}.executions`, 'tenant-3', query)],
        ['count', executionCountStatement(`${s}.executions`, 'tenant-3', query)],
      ] as const) {
        const plan = (await admin.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        // A count ignores the cursor; with no filter any index on tenant_id serves it.
        const unfiltered = kind === 'count' && (what === 'no filter' || what === 'next page');
        const expected = unfiltered ? /\bexecutions_(pkey|by_start)\b/ : new RegExp(`\\b${index}\\b`);
        expect({ what, kind, plan }).toEqual({ what, kind, plan: expect.stringMatching(expected) });
        expect(plan).not.toContain('Seq Scan');
      }
    }
    const tenantsPlan = (await admin.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${executionTenantsStatement(`${s}.executions`)}`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(tenantsPlan).toContain('Index Only Scan using executions_pkey');
    expect(tenantsPlan).not.toContain('Seq Scan');
    expect((await storage.executions.tenants()).length).toBe(20);
    await storage.close();
  });
});
