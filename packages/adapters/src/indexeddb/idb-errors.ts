import { FlowloomError, StorageError } from '@flowloom/engine';

/** Turns an IndexedDB failure into a `StorageError` that names the database and what to do. */
export function storageErrorFrom(error: unknown, name: string, closedBecause?: string): unknown {
  if (error instanceof FlowloomError) return error;
  const kind = (error as { name?: unknown }).name;
  const text = (error as { message?: unknown }).message;
  const detail = typeof text === 'string' ? text : String(error);
  if (kind === 'InvalidStateError' || closedBecause !== undefined) {
    return new StorageError(
      'STORAGE_CLOSED',
      `The IndexedDB database '${name}' is closed${closedBecause ? ` (${closedBecause})` : ''}; open it again to use it.`,
      { cause: error },
    );
  }
  if (kind === 'VersionError') {
    return new StorageError(
      'STORAGE_TOO_NEW',
      `The IndexedDB database '${name}' was written by a newer version of Flowloom (${detail}); update the page's @flowloom/adapters.`,
      { cause: error },
    );
  }
  if (kind === 'QuotaExceededError') {
    return new StorageError('STORAGE_FAILED', `The IndexedDB database '${name}' is out of space: ${detail}. Prune old executions.`, {
      cause: error,
    });
  }
  if (kind === 'DataError' || kind === 'DataCloneError') {
    return new StorageError('STORAGE_FAILED', `IndexedDB database '${name}' refused a value: ${detail}`, { cause: error });
  }
  if (kind === 'UnknownError') {
    return new StorageError(
      'STORAGE_CORRUPT',
      `The IndexedDB database '${name}' could not be read (${detail}); the browser's data may be damaged.`,
      {
        cause: error,
      },
    );
  }
  return new StorageError('STORAGE_FAILED', `IndexedDB database '${name}': ${detail}`, { cause: error });
}
