import type { Database } from 'better-sqlite3';

/** One schema change. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema, as the list of changes that build it. The database's
 * `PRAGMA user_version` says how many have run; opening a database runs the
 * rest, each in its own transaction.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workflows with versions, executions with node runs, variables, credentials',
    sql: `
      CREATE TABLE workflows (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE workflow_versions (
        tenant_id TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, version)
      );
      CREATE TABLE executions (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms INTEGER,
        error_search TEXT,
        retry_of TEXT,
        summary TEXT NOT NULL,
        workflow TEXT,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX executions_by_start ON executions (tenant_id, started_at, id);
      CREATE INDEX executions_by_workflow ON executions (tenant_id, workflow_id, started_at, id);
      CREATE INDEX executions_by_status ON executions (tenant_id, status, started_at, id);
      CREATE TABLE node_runs (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        execution_id TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX node_runs_by_execution ON node_runs (tenant_id, execution_id, seq);
      CREATE TABLE variables (
        tenant_id TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE credentials (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'wait state of waiting executions; credential audit trail',
    sql: `
      ALTER TABLE executions ADD COLUMN wait TEXT;
      CREATE TABLE credential_audit (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        credential_id TEXT NOT NULL,
        execution_id TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX credential_audit_by_credential ON credential_audit (tenant_id, credential_id, seq);
      CREATE INDEX credential_audit_by_execution ON credential_audit (tenant_id, execution_id, seq);
    `,
  },
  {
    version: 3,
    description: 'run state of running executions; owner as a column, so a claim can compare and set it in one statement',
    sql: `
      ALTER TABLE executions ADD COLUMN state TEXT;
      ALTER TABLE executions ADD COLUMN owner TEXT;
      UPDATE executions SET owner = json_extract(summary, '$.owner');
    `,
  },
  {
    version: 4,
    description: 'where polling triggers left off',
    sql: `
      CREATE TABLE trigger_state (
        tenant_id TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, workflow_id, node_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'key-value records nodes keep across executions (AI chat memory)',
    sql: `
      CREATE TABLE key_values (
        tenant_id TEXT NOT NULL,
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, namespace, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    description: 'vector collections (texts with their embeddings, for an AI vector store)',
    sql: `
      CREATE TABLE vectors (
        tenant_id TEXT NOT NULL,
        collection TEXT NOT NULL,
        id INTEGER NOT NULL,
        text TEXT NOT NULL,
        metadata TEXT NOT NULL,
        dims INTEGER NOT NULL,
        norm REAL NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (tenant_id, collection, id)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Runs the migrations the database has not seen yet. Returns the versions
 * applied. A database written by a newer version is refused (by the caller)
 * rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const m of migrations) {
    const run = db.transaction(() => {
      // Re-read inside the write transaction: another process may have migrated meanwhile.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return false;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (run.immediate()) applied.push(m.version);
  }
  return applied;
}
