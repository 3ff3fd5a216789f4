import { checkOptions, StorageError, type KeyValueStore, type OptionSpec, type Storage, type VectorStore } from '@flowloom/engine';
import { openDB, type IDBPDatabase } from 'idb';
import { createIdbCredentialStore } from './idb-credential-store.js';
import { storageErrorFrom } from './idb-errors.js';
import { createIdbExecutionStore } from './idb-execution-store.js';
import { IDB_SCHEMA_STEPS, IDB_SCHEMA_VERSION, upgradeSchema } from './idb-schema.js';
import { createIdbKeyValueStore } from './idb-key-value-store.js';
import { createIdbTriggerStateStore } from './idb-trigger-state-store.js';
import { createIdbVariableStore } from './idb-variable-store.js';
import { createIdbVectorStore } from './idb-vector-store.js';
import { createIdbWorkflowStore } from './idb-workflow-store.js';

/** What `openIndexedDbStorage` takes besides the database name. */
export interface IndexedDbStorageOptions {
  /** Clock for workflow save times (default `Date.now`). */
  now?: () => number;
}

const INDEXEDDB_STORAGE_OPTIONS: OptionSpec<IndexedDbStorageOptions> = { now: true };

/** A `Storage` kept in one IndexedDB database of the page's origin. */
export interface IndexedDbStorage extends Storage {
  /** The database name. */
  readonly name: string;
  /** The schema version after upgrades. */
  readonly schemaVersion: number;
  /** The version the database had before opening (0 when it was created). */
  readonly upgradedFrom: number;
  keyValue: KeyValueStore;
  vectors: VectorStore;
  close(): Promise<void>;
}

/**
 * Opens (creating it when missing) an IndexedDB database as Flowloom
 * storage, upgrading its schema through idb's versioning. Each write is one
 * IndexedDB transaction, so a tab closed mid-run keeps every node run
 * written before.
 *
 * When another tab opens a newer schema, this connection closes itself so
 * the upgrade can proceed; later calls fail with `STORAGE_CLOSED`.
 *
 * @example
 * const storage = await openIndexedDbStorage('flowloom');
 * const engine = createEngine({ storage });
 */
export async function openIndexedDbStorage(name = 'flowloom', options: IndexedDbStorageOptions = {}): Promise<IndexedDbStorage> {
  checkOptions('openIndexedDbStorage', options, INDEXEDDB_STORAGE_OPTIONS);
  let upgradedFrom = IDB_SCHEMA_VERSION;
  let closedBecause: string | undefined;
  let blockedReported = false;
  let db: IDBPDatabase;
  try {
    db = await new Promise<IDBPDatabase>((resolve, reject) => {
      openDB(name, IDB_SCHEMA_VERSION, {
        upgrade(database, oldVersion, newVersion, tx) {
          upgradedFrom = oldVersion;
          upgradeSchema(database, oldVersion, newVersion ?? IDB_SCHEMA_VERSION, tx, IDB_SCHEMA_STEPS);
        },
        blocked(current) {
          blockedReported = true;
          reject(
            new StorageError(
              'STORAGE_LOCKED',
              `The IndexedDB database '${name}' is open in another tab at schema version ${current}; close that tab so it can be upgraded to ${IDB_SCHEMA_VERSION}.`,
            ),
          );
        },
        blocking() {
          closedBecause = 'another tab opened a newer schema version';
          db.close();
        },
        terminated() {
          closedBecause = 'the browser closed the connection';
        },
      }).then((opened) => {
        resolve(opened);
        // Opened after a block was reported: the caller has its error already, so nobody uses this connection.
        if (blockedReported) opened.close();
      }, reject);
    });
  } catch (error) {
    throw storageErrorFrom(error, name);
  }
  let closed = false;
  const handle = () => {
    if (closed || closedBecause !== undefined) throw storageErrorFrom(new Error('closed'), name, closedBecause ?? 'closed by close()');
    return db;
  };
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw storageErrorFrom(error, name, closed ? 'closed by close()' : closedBecause);
    }
  };
  const now = options.now ?? (() => Date.now());
  return {
    name,
    schemaVersion: IDB_SCHEMA_VERSION,
    upgradedFrom,
    workflows: createIdbWorkflowStore(handle, guard, now),
    executions: createIdbExecutionStore(handle, guard),
    variables: createIdbVariableStore(handle, guard),
    credentials: createIdbCredentialStore(handle, guard),
    triggerState: createIdbTriggerStateStore(handle, guard),
    keyValue: createIdbKeyValueStore(handle, guard),
    vectors: createIdbVectorStore(handle, guard),
    async close() {
      closed = true;
      db.close();
    },
  };
}
