import type { Database } from 'better-sqlite3';
import { storageErrorFrom } from './sqlite-errors.js';

interface QueuedWrite {
  write: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A write that went through, or the error it failed with. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Writes made in one turn of the event loop, committed together. */
export interface GroupCommit {
  /**
   * Queues a write, to be committed with the others queued in the same turn
   * of the event loop; resolves with its result once that commit is done.
   * `prepare` runs now and gives the write to run then: whatever it reads
   * of the caller's objects (records to serialize) it reads now. The write
   * must be all or nothing by itself (one statement, or a transaction
   * function), and the others of its group do not see its failure.
   */
  queue<T>(prepare: () => () => T): Promise<T>;
  /** Commits the queued writes now (before a read, another write or closing, so that calls take effect in order). */
  commit(): void;
}

/**
 * Group commit: one transaction for every write queued in the same turn of
 * the event loop instead of one each. A commit writes each page it changed
 * to the write-ahead log once, so writes that touch the same pages (the
 * node runs and run state of executions running at the same time) cost one
 * page write, and one lock, between them.
 *
 * Each write runs in a savepoint of its own: one that fails is rolled back
 * alone and rejects alone; the others commit. A write resolves only once the
 * transaction holding it is committed. An error that ends the transaction
 * itself (a full disk, an I/O error, a refused commit) rejects every write
 * of the group, none of which was kept.
 */
export function createGroupCommit(db: Database, file: string): GroupCommit {
  let queued: QueuedWrite[] = [];
  let scheduled = false;
  // Nested in the group's transaction, better-sqlite3 runs a transaction function in a savepoint.
  const inSavepoint = db.transaction((write: () => unknown) => write());
  const inTransaction = db.transaction((group: readonly QueuedWrite[], outcomes: Outcome[]) => {
    for (const { write } of group) {
      try {
        outcomes.push({ ok: true, value: inSavepoint(write) });
      } catch (error) {
        if (!db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
  });

  const commit = () => {
    scheduled = false;
    if (queued.length === 0) return;
    const group = queued;
    queued = [];
    if (group.length === 1) {
      const only = group[0]!;
      try {
        only.resolve(only.write());
      } catch (error) {
        only.reject(storageErrorFrom(error, file));
      }
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      inTransaction(group, outcomes);
    } catch (error) {
      for (const { reject } of group) reject(storageErrorFrom(error, file));
      return;
    }
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(storageErrorFrom(outcome.error, file));
    });
  };

  return {
    queue<T>(prepare: () => () => T): Promise<T> {
      let write: () => T;
      try {
        write = prepare();
      } catch (error) {
        return Promise.reject(storageErrorFrom(error, file));
      }
      return new Promise<T>((resolve, reject) => {
        queued.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(commit);
        }
      });
    },
    commit,
  };
}
