import { StorageError } from '@flowloom/engine';
import { escapeIdentifier, type ClientBase } from 'pg';

/** One schema change. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  description: string;
  /** Runs with `search_path` set to the storage's schema, in one transaction with the record of its version. */
  sql: string;
}

/** The tables whose rows belong to a tenant (each has `tenant_id` and the `tenant_rows` policy). */
export const TENANT_TABLES = [
  'workflows',
  'workflow_versions',
  'executions',
  'node_runs',
  'variables',
  'credentials',
  'credential_audit',
  'trigger_state',
  'key_values',
  'vectors',
] as const;

/** A text key compared byte by byte: the same order in every database, whatever its locale, and cheaper to index. */
const KEY = 'text COLLATE "C" NOT NULL';

/**
 * The schema, as the list of changes that build it. The table
 * `flowloom_migrations` holds one row per version applied; opening a storage
 * runs the rest, each in its own transaction, under an advisory lock so that
 * processes starting together migrate once.
 *
 * Which index serves which execution query (`ExecutionStore.list` / `count`):
 * - `executions_pkey (tenant_id, id)`: get, claim, finish, delete, the node
 *   runs' foreign key, and `tenants()` (a skip scan over its first column);
 * - `executions_by_start (tenant_id, started_at, id)`: lists with no filter,
 *   `startedFrom` / `startedTo`, and the cursor of every page, in both orders;
 * - `executions_by_workflow`, `executions_by_status`, `executions_by_mode`
 *   (tenant_id, column, started_at, id): `workflowId`, `status`, `mode`,
 *   already in list order when one value is asked for;
 * - `executions_by_duration (tenant_id, duration_ms)`, finished executions
 *   only: `minDurationMs` / `maxDurationMs`;
 * - `executions_with_error (tenant_id, started_at, id)`, executions with an
 *   error only: `errorContains` reads just those, newest first (a substring
 *   test, which no b-tree can answer, is then checked on each);
 * - `executions_by_retry_of (tenant_id, retry_of, started_at, id)`, retries
 *   only: `retryOf`;
 * - `node_runs_by_execution (tenant_id, execution_id, seq)`: a `get`'s node
 *   runs in order, and deleting them with their execution.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workflows with versions, executions with node runs, variables, credentials with their audit trail, trigger state',
    sql: `
      CREATE TABLE workflows (
        tenant_id ${KEY},
        id ${KEY},
        name text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE workflow_versions (
        tenant_id ${KEY},
        workflow_id ${KEY},
        version integer NOT NULL,
        name text NOT NULL,
        saved_at timestamptz NOT NULL,
        data json NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, version),
        FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, id) ON DELETE CASCADE
      );
      CREATE TABLE executions (
        tenant_id ${KEY},
        id ${KEY},
        workflow_id ${KEY},
        status ${KEY},
        mode ${KEY},
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        duration_ms double precision,
        error_search text,
        retry_of text COLLATE "C",
        owner text COLLATE "C",
        summary jsonb NOT NULL,
        workflow jsonb,
        wait jsonb,
        state jsonb,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX executions_by_start ON executions (tenant_id, started_at, id);
      CREATE INDEX executions_by_workflow ON executions (tenant_id, workflow_id, started_at, id);
      CREATE INDEX executions_by_status ON executions (tenant_id, status, started_at, id);
      CREATE INDEX executions_by_mode ON executions (tenant_id, mode, started_at, id);
      CREATE INDEX executions_by_duration ON executions (tenant_id, duration_ms) WHERE duration_ms IS NOT NULL;
      CREATE INDEX executions_with_error ON executions (tenant_id, started_at, id) WHERE error_search IS NOT NULL;
      CREATE INDEX executions_by_retry_of ON executions (tenant_id, retry_of, started_at, id) WHERE retry_of IS NOT NULL;
      CREATE TABLE node_runs (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id ${KEY},
        execution_id ${KEY},
        data jsonb NOT NULL,
        FOREIGN KEY (tenant_id, execution_id) REFERENCES executions (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX node_runs_by_execution ON node_runs (tenant_id, execution_id, seq);
      CREATE TABLE variables (
        tenant_id ${KEY},
        workflow_id ${KEY},
        key ${KEY},
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, key)
      );
      CREATE TABLE credentials (
        tenant_id ${KEY},
        id ${KEY},
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE credential_audit (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id ${KEY},
        credential_id ${KEY},
        execution_id text COLLATE "C",
        data jsonb NOT NULL
      );
      CREATE INDEX credential_audit_by_credential ON credential_audit (tenant_id, credential_id, seq);
      CREATE INDEX credential_audit_by_execution ON credential_audit (tenant_id, execution_id, seq);
      CREATE TABLE trigger_state (
        tenant_id ${KEY},
        workflow_id ${KEY},
        node_id ${KEY},
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, node_id)
      );
    `,
  },
  {
    version: 2,
    description: 'row-level security policies on tenant_id (in force once a storage is opened with rowLevelSecurity)',
    // The tables are listed here, not taken from TENANT_TABLES: a later table adds its own policy in its own migration.
    sql: [
      ...['workflows', 'workflow_versions', 'executions', 'node_runs', 'variables', 'credentials', 'credential_audit', 'trigger_state'].map(
        (table) =>
          `CREATE POLICY tenant_rows ON ${table}
             USING (tenant_id = current_setting('flowloom.tenant_id', true))
             WITH CHECK (tenant_id = current_setting('flowloom.tenant_id', true));`,
      ),
      // ExecutionStore.tenants() lists the tenants that have executions, across tenants, and reads nothing else.
      `CREATE POLICY all_tenants_read ON executions FOR SELECT USING (current_setting('flowloom.all_tenants', true) = 'on');`,
    ].join('\n'),
  },
  {
    version: 3,
    description: "key-value records (an AI memory's conversation per session), with their row-level security policy",
    sql: `
      CREATE TABLE key_values (
        tenant_id ${KEY},
        namespace ${KEY},
        key ${KEY},
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, namespace, key)
      );
      CREATE POLICY tenant_rows ON key_values
        USING (tenant_id = current_setting('flowloom.tenant_id', true))
        WITH CHECK (tenant_id = current_setting('flowloom.tenant_id', true));
    `,
  },
  {
    version: 4,
    description: 'vector collections (texts with their embeddings, for an AI vector store), with their row-level security policy',
    // real[] rather than pgvector's type: the schema is the same with or without the extension, which searches use
    // when the database has it (see postgres-vector-store.ts).
    sql: `
      CREATE TABLE vectors (
        tenant_id ${KEY},
        collection ${KEY},
        id bigint GENERATED ALWAYS AS IDENTITY,
        text text NOT NULL,
        metadata jsonb NOT NULL,
        dims integer NOT NULL,
        norm double precision NOT NULL,
        embedding real[] NOT NULL,
        PRIMARY KEY (tenant_id, collection, id)
      );
      CREATE POLICY tenant_rows ON vectors
        USING (tenant_id = current_setting('flowloom.tenant_id', true))
        WITH CHECK (tenant_id = current_setting('flowloom.tenant_id', true));
    `,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * The advisory lock migrations of one schema take, as SQL over `$1` (the
 * schema name): one 64-bit key per schema, so storages in other schemas of
 * the same database never wait for each other.
 */
export const MIGRATION_LOCK_KEY = `hashtextextended('flowloom migrations ' || $1, 0)`;

/**
 * Creates the schema when missing and runs the migrations it has not seen,
 * on one connection holding the schema's advisory lock (`pg_advisory_lock`):
 * a second process starting at the same moment waits, then finds the work
 * done. Returns the versions applied. A schema written by a newer version is
 * refused before anything is changed.
 */
export async function migrate(client: ClientBase, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const s = escapeIdentifier(schema);
  await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`, [schema]);
  try {
    // Asked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema is there.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.flowloom_migrations (
         version integer PRIMARY KEY,
         description text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const found = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.flowloom_migrations`);
    const current = found.rows[0]?.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new StorageError(
        'STORAGE_TOO_NEW',
        `The PostgreSQL schema ${s} has Flowloom schema version ${current}, newer than this adapter's ${latest}; upgrade @flowloom/adapters to use it.`,
      );
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${s}`);
        await client.query(m.sql);
        await client.query(`INSERT INTO ${s}.flowloom_migrations (version, description) VALUES ($1, $2)`, [m.version, m.description]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    // A connection that broke took its session's lock with it; the caller discards it.
    await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`, [schema]).catch(() => undefined);
  }
}
