import { checkOptions, OptionError, type OptionSpec, type KeyValueStore, type Storage, type VectorStore } from '@flowloom/engine';
import pg, { escapeIdentifier, type ClientBase, type ClientConfig, type Pool } from 'pg';
import { migrate, SCHEMA_VERSION, TENANT_TABLES } from './migrations.js';
import { createPostgresCredentialStore } from './postgres-credential-store.js';
import { createPostgresDb } from './postgres-db.js';
import { storageErrorFrom } from './postgres-errors.js';
import { createPostgresExecutionStore } from './postgres-execution-store.js';
import { createPostgresTriggerStateStore } from './postgres-trigger-state-store.js';
import { createPostgresVariableStore } from './postgres-variable-store.js';
import { createPostgresKeyValueStore } from './postgres-key-value-store.js';
import { createPostgresWorkflowStore } from './postgres-workflow-store.js';
import { createPostgresVectorStore, type VectorSearchMethod } from './postgres-vector-store.js';

/** What `openPostgresStorage` takes: where the database is, and how to use it. */
export interface PostgresStorageOptions {
  /**
   * The database to connect to, as a URL (`postgres://user:password@host:5432/database`;
   * `PG*` environment variables fill in what it leaves out). The storage
   * creates its own pool and ends it on `close()`. Give this or `pool`, not both.
   */
  connectionString?: string;
  /**
   * A `pg.Pool` the host made and owns: the storage uses it and leaves it
   * open on `close()`. Attach an `'error'` listener to it, as pg asks of
   * every pool, or a restarting server takes the process down.
   */
  pool?: Pool;
  /** The schema that holds Flowloom's tables, created when missing (default `flowloom`). */
  schema?: string;
  /** Most connections the storage's own pool opens (default 10). Only with `connectionString`. */
  max?: number;
  /** How long an unused connection stays open, in ms (default 10,000). Only with `connectionString`. */
  idleTimeoutMillis?: number;
  /**
   * How long a call waits for a connection, in ms, before it fails (default
   * 10,000; 0 waits for ever). Only with `connectionString`.
   */
  connectionTimeoutMillis?: number;
  /**
   * Turns on PostgreSQL's row-level security for Flowloom's tables: each
   * call runs in a transaction that sets `flowloom.tenant_id`, and policies
   * let it see and write only that tenant's rows, on top of the tenant
   * condition every query carries. The role must not be a superuser or have
   * BYPASSRLS (PostgreSQL exempts those). Default false; a schema once
   * secured is refused without it.
   */
  rowLevelSecurity?: boolean;
  /** Clock for workflow save times (default `Date.now`). */
  now?: () => number;
}

const POSTGRES_STORAGE_OPTIONS: OptionSpec<PostgresStorageOptions> = {
  connectionString: true,
  pool: true,
  schema: true,
  max: true,
  idleTimeoutMillis: true,
  connectionTimeoutMillis: true,
  rowLevelSecurity: true,
  now: true,
};

/** A `Storage` kept in one schema of a PostgreSQL database. */
export interface PostgresStorage extends Storage {
  /** The pool the storage runs its statements on. */
  readonly pool: Pool;
  /** The schema of its tables. */
  readonly schema: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;
  /** Migrations applied while opening (empty when the schema was up to date, or another process had just migrated it). */
  readonly migrated: readonly number[];
  /** Whether row-level security is in force. */
  readonly rowLevelSecurity: boolean;
  /** Key-value records (an AI memory's conversations), in the table `key_values`. */
  readonly keyValue: KeyValueStore;
  /**
   * Vector collections (an AI vector store), in the table `vectors`; searched
   * with pgvector when the database has the extension (`vectors.method()`).
   */
  readonly vectors: VectorStore & { method(): Promise<VectorSearchMethod> };
  /**
   * Runs `fn` in a transaction for one tenant, on a connection from the
   * pool, for host queries beside Flowloom's own (reports, exports). With
   * row-level security on, its statements see and write only that tenant's
   * rows. Errors of `fn` come through as thrown; failures to connect or
   * commit come as `StorageError`s.
   *
   * @example
   * const rows = await storage.transaction('acme', async (client) =>
   *   (await client.query(`SELECT status, count(*) FROM flowloom.executions GROUP BY status`)).rows,
   * );
   */
  transaction<T>(tenantId: string, fn: (client: ClientBase) => Promise<T>): Promise<T>;
  /** Stops using the database; ends the pool when the storage made it. */
  close(): Promise<void>;
}

const WHERE = 'openPostgresStorage';

function invalid(option: keyof PostgresStorageOptions, message: string): OptionError {
  return new OptionError('OPTION_INVALID', WHERE, option, `${WHERE}: ${message}`);
}

/** Checks the options' values (their keys are checked by `checkOptions`). */
function checkValues(options: PostgresStorageOptions): void {
  const { connectionString, pool, schema } = options;
  if (connectionString !== undefined && pool !== undefined) throw invalid('pool', 'pass connectionString or pool, not both.');
  if (connectionString === undefined && pool === undefined) {
    throw invalid('connectionString', 'needs connectionString (postgres://user:password@host:5432/database) or pool (a pg.Pool).');
  }
  if (connectionString !== undefined && (typeof connectionString !== 'string' || connectionString.trim() === '')) {
    throw invalid('connectionString', `connectionString must be a non-empty string, got ${JSON.stringify(connectionString)}.`);
  }
  if (pool !== undefined) {
    const p = pool as Partial<Record<'connect' | 'query' | 'end', unknown>> | null;
    if (typeof p !== 'object' || p === null || ![p.connect, p.query, p.end].every((f) => typeof f === 'function')) {
      throw invalid('pool', 'pool must be a pg.Pool (an object with connect, query and end).');
    }
    for (const key of ['max', 'idleTimeoutMillis', 'connectionTimeoutMillis'] as const) {
      if (options[key] !== undefined)
        throw invalid(key, `${key} applies to the pool made from connectionString; set it on the pool you pass.`);
    }
  }
  const whole = (key: 'max' | 'idleTimeoutMillis' | 'connectionTimeoutMillis', min: number) => {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw invalid(key, `${key} must be a whole number, ${min} or more, got ${JSON.stringify(value)}.`);
    }
  };
  whole('max', 1);
  whole('idleTimeoutMillis', 0);
  whole('connectionTimeoutMillis', 0);
  // PostgreSQL cuts longer names to 63 bytes, which would put two storages in one schema.
  if (schema !== undefined && (typeof schema !== 'string' || schema === '' || Buffer.byteLength(schema) > 63)) {
    throw invalid('schema', `schema must be a name of 1 to 63 bytes, got ${JSON.stringify(schema)}.`);
  }
  if (options.rowLevelSecurity !== undefined && typeof options.rowLevelSecurity !== 'boolean') {
    throw invalid('rowLevelSecurity', `rowLevelSecurity must be true or false, got ${JSON.stringify(options.rowLevelSecurity)}.`);
  }
  if (options.now !== undefined && typeof options.now !== 'function')
    throw invalid('now', 'now must be a function returning milliseconds.');
}

/** The server and database a pool connects to, for messages; never the password. */
function describeServer(config: ClientConfig): string {
  let client: pg.Client;
  try {
    // A client that is never connected resolves the settings as pg will: the URL, PG* variables, defaults.
    client = new pg.Client(config);
  } catch (error) {
    throw invalid(
      'connectionString',
      `connectionString is not a URL pg can read (${error instanceof Error ? error.message : String(error)}); ` +
        'write it as postgres://user:password@host:5432/database.',
    );
  }
  const { host, port, database } = client;
  const at = host.startsWith('/') ? `socket ${host}/.s.PGSQL.${port}` : host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return `PostgreSQL database '${database ?? ''}' at ${at}`;
}

/**
 * Turns row-level security on for the tenant tables (enabled and forced, so
 * it also holds for the role that owns them), or, when it is off, checks
 * that no earlier open turned it on: queries would then quietly find nothing.
 */
async function applyRowLevelSecurity(client: ClientBase, schema: string, on: boolean): Promise<void> {
  const { rows } = await client.query<{ name: string; enabled: boolean; forced: boolean }>(
    `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) ORDER BY c.relname`,
    [schema, TENANT_TABLES],
  );
  if (!on) {
    const secured = rows.filter((r) => r.enabled).map((r) => r.name);
    if (secured.length === 0) return;
    throw invalid(
      'rowLevelSecurity',
      `the tables of schema ${escapeIdentifier(schema)} have row-level security on (${secured.join(', ')}), so without ` +
        `rowLevelSecurity: true every call would find no rows. Pass rowLevelSecurity: true, or have the tables' owner run ` +
        `ALTER TABLE ... NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY on each.`,
    );
  }
  for (const r of rows) {
    if (!r.enabled || !r.forced) {
      await client.query(
        `ALTER TABLE ${escapeIdentifier(schema)}.${escapeIdentifier(r.name)} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`,
      );
    }
  }
}

/** Refuses row-level security for a role PostgreSQL exempts from it, before anything is changed. */
async function checkRoleIsBound(client: ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string; exempt: boolean }>(
    'SELECT rolname AS name, rolsuper OR rolbypassrls AS exempt FROM pg_roles WHERE rolname = current_user',
  );
  const role = rows[0];
  if (role?.exempt) {
    throw invalid(
      'rowLevelSecurity',
      `rowLevelSecurity is on, but role '${role.name}' is a superuser or has BYPASSRLS, and PostgreSQL applies no row-level ` +
        'security to such roles. Connect as an ordinary role (it may own the tables).',
    );
  }
}

/**
 * Opens Flowloom storage in a PostgreSQL database: creates its schema when
 * missing and brings it up to date (under an advisory lock, so processes
 * starting together migrate once). Executions and node runs are JSONB rows;
 * every statement names its tenant, and `rowLevelSecurity` adds PostgreSQL's
 * policies on top. A database that cannot be reached fails with a
 * `StorageError` naming the host and port; the pool reconnects by itself
 * once the server is back.
 *
 * @example
 * const storage = await openPostgresStorage({ connectionString: process.env.DATABASE_URL });
 * const engine = createNodeEngine({ storage, keyProvider });
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  checkOptions(WHERE, options, POSTGRES_STORAGE_OPTIONS);
  checkValues(options);
  const schema = options.schema ?? 'flowloom';
  const rowLevelSecurity = options.rowLevelSecurity ?? false;
  const owned = options.pool === undefined;
  const where = describeServer(options.pool?.options ?? { connectionString: options.connectionString });
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      fallback_application_name: 'flowloom',
    });
  // An idle connection dropped by the server (a restart, a failover) is an 'error' on the pool, which would
  // otherwise end the process. The pool discards that connection; the next call opens a new one or fails with a StorageError.
  if (owned) pool.on('error', () => undefined);

  let migrated: number[];
  try {
    const client = await pool.connect();
    let failed = false;
    try {
      if (rowLevelSecurity) await checkRoleIsBound(client);
      migrated = await migrate(client, schema);
      await applyRowLevelSecurity(client, schema, rowLevelSecurity);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // After a failure the connection may be mid-transaction: discard it.
      client.release(failed);
    }
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined);
    throw storageErrorFrom(error, where);
  }

  const db = createPostgresDb(pool, schema, rowLevelSecurity, where);
  const now = options.now ?? (() => Date.now());
  let closed = false;
  return {
    pool,
    schema,
    schemaVersion: SCHEMA_VERSION,
    migrated,
    rowLevelSecurity,
    workflows: createPostgresWorkflowStore(db, now),
    executions: createPostgresExecutionStore(db),
    variables: createPostgresVariableStore(db),
    credentials: createPostgresCredentialStore(db),
    triggerState: createPostgresTriggerStateStore(db),
    keyValue: createPostgresKeyValueStore(db),
    vectors: createPostgresVectorStore(db),
    async transaction(tenantId, fn) {
      let thrown: { error: unknown } | undefined;
      const run = async (client: ClientBase) => {
        try {
          return await fn(client);
        } catch (error) {
          thrown = { error };
          throw error;
        }
      };
      try {
        return await db.guard(() => db.transaction(tenantId, run));
      } catch (error) {
        // The caller's own error comes through as it was thrown; only connecting and committing are the storage's.
        throw thrown ? thrown.error : error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      db.markClosed();
      if (owned) await pool.end();
    },
  };
}
