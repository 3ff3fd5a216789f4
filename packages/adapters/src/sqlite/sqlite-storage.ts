import {
  checkOptions,
  OptionError,
  StorageError,
  type KeyValueStore,
  type OptionSpec,
  type Storage,
  type VectorStore,
} from '@flowloom/engine';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
import { createSqliteCredentialStore } from './sqlite-credential-store.js';
import { storageErrorFrom } from './sqlite-errors.js';
import { createGroupCommit } from './sqlite-group-commit.js';
import { createSqliteExecutionStore } from './sqlite-execution-store.js';
import { createSqliteKeyValueStore } from './sqlite-key-value-store.js';
import { createSqliteTriggerStateStore } from './sqlite-trigger-state-store.js';
import { createSqliteVariableStore } from './sqlite-variable-store.js';
import { createSqliteVectorStore } from './sqlite-vector-store.js';
import { createSqliteWorkflowStore } from './sqlite-workflow-store.js';

/** What `openSqliteStorage` takes besides the file. */
export interface SqliteStorageOptions {
  /** How long a write waits for another process's lock before failing with `STORAGE_LOCKED` (default 5,000 ms). */
  busyTimeoutMs?: number;
  /**
   * `NORMAL` (the default) keeps every committed write when the process is
   * killed; `FULL` also survives power loss, at the price of an fsync per write.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * How many pages (4 KiB each) the write-ahead log may hold before a write
   * copies them back into the database file (default 10,000, about 40 MiB).
   * Each copy syncs the log and the file to disk; a server writing a few
   * small records per node run spends less time in those syncs when they
   * come less often. Every committed write is in the log either way, so
   * what survives a killed process does not depend on it; a larger log only
   * takes longer to copy back on the next open after a crash.
   */
  checkpointPages?: number;
  /** Clock for workflow save times (default `Date.now`). */
  now?: () => number;
}

const SQLITE_STORAGE_OPTIONS: OptionSpec<SqliteStorageOptions> = {
  busyTimeoutMs: true,
  synchronous: true,
  checkpointPages: true,
  now: true,
};

/** A `Storage` kept in one SQLite file. */
export interface SqliteStorage extends Storage {
  /** The path the database was opened from. */
  readonly file: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;
  /** Migrations applied while opening (empty when the file was up to date). */
  readonly migrated: readonly number[];
  keyValue: KeyValueStore;
  vectors: VectorStore;
  close(): Promise<void>;
}

/**
 * Opens (creating it when missing) a SQLite database file as Flowloom
 * storage and brings its schema up to date. better-sqlite3 is loaded on
 * first call. Use `':memory:'` for a throwaway database.
 *
 * The file uses write-ahead logging, and each write is committed before its
 * promise resolves, so a process killed between two node runs loses nothing
 * already written. The writes of executions made in the same turn of the
 * event loop (many executions running at once) commit together, each in a
 * savepoint of its own.
 *
 * @example
 * const storage = await openSqliteStorage('flowloom.sqlite');
 * const engine = createEngine({ storage });
 */
export async function openSqliteStorage(file: string, options: SqliteStorageOptions = {}): Promise<SqliteStorage> {
  checkOptions('openSqliteStorage', options, SQLITE_STORAGE_OPTIONS);
  const checkpointPages = options.checkpointPages ?? 10_000;
  if (!Number.isInteger(checkpointPages) || checkpointPages < 1) {
    throw new OptionError(
      'OPTION_INVALID',
      'openSqliteStorage',
      'checkpointPages',
      `openSqliteStorage: checkpointPages must be a whole number of pages, 1 or more, got ${String(options.checkpointPages)}.`,
    );
  }
  const { default: BetterSqlite } = await import('better-sqlite3');
  let db: Database;
  let migrated: number[];
  try {
    db = new BetterSqlite(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw storageErrorFrom(error, file);
  }
  try {
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) {
      throw new StorageError(
        'STORAGE_TOO_NEW',
        `The SQLite database '${file}' has schema version ${found}, newer than this adapter's ${SCHEMA_VERSION}; upgrade @flowloom/adapters to open it.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    migrated = migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw storageErrorFrom(error, file);
  }

  const guard = async <T>(fn: () => T): Promise<T> => {
    try {
      return fn();
    } catch (error) {
      throw storageErrorFrom(error, file);
    }
  };
  // The writes of executions are queued for the group commit. Any other call on executions commits them first, so
  // those calls take effect in the order they were made; the other stores keep tables of their own.
  const writes = createGroupCommit(db, file);
  const afterWrites = <T>(fn: () => T): Promise<T> => {
    writes.commit();
    return guard(fn);
  };
  const now = options.now ?? (() => Date.now());
  return {
    file,
    schemaVersion: SCHEMA_VERSION,
    migrated,
    workflows: createSqliteWorkflowStore(db, guard, now),
    executions: createSqliteExecutionStore(db, afterWrites, writes.queue),
    variables: createSqliteVariableStore(db, guard),
    credentials: createSqliteCredentialStore(db, guard),
    triggerState: createSqliteTriggerStateStore(db, guard),
    keyValue: createSqliteKeyValueStore(db, guard),
    vectors: createSqliteVectorStore(db, guard),
    async close() {
      writes.commit();
      if (db.open) db.close();
    },
  };
}
