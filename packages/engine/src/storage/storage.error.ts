import { FlowloomError } from '../errors/flowloom.error.js';

/** Why a storage call failed, as a stable code adapters share. */
export type StorageErrorCode =
  /** The database was closed; open it again. */
  | 'STORAGE_CLOSED'
  /** The file is not a database of this kind, or it is damaged. */
  | 'STORAGE_CORRUPT'
  /** Another process holds a lock for longer than the adapter waits. */
  | 'STORAGE_LOCKED'
  /** The database was written by a newer version of the adapter. */
  | 'STORAGE_TOO_NEW'
  /** A query was malformed (bad cursor, bad date range...). */
  | 'STORAGE_QUERY_INVALID'
  /** A value does not fit the store (a vector of the wrong length). */
  | 'STORAGE_INVALID'
  /** The caller may not make this call (an isolated execution reaching outside its tenant). */
  | 'STORAGE_REFUSED'
  /** Any other failure of the back end. */
  | 'STORAGE_FAILED';

/**
 * A storage back end could not do what was asked. The message names the
 * database (a file path or database name) and what to do about it.
 */
export class StorageError extends FlowloomError {
  static override readonly kind: string = 'StorageError';

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StorageError';
  }
}
