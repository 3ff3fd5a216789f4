import { FlowloomError, StorageError } from '@flowloom/engine';

/** Turns a better-sqlite3 failure into a `StorageError` that names the file and what to do. */
export function storageErrorFrom(error: unknown, file: string): unknown {
  if (error instanceof FlowloomError) return error;
  const code = (error as { code?: unknown }).code;
  const message = (error as { message?: unknown }).message;
  const text = typeof message === 'string' ? message : String(error);
  if (error instanceof TypeError && /not open/i.test(text)) {
    return new StorageError('STORAGE_CLOSED', `The SQLite database '${file}' is closed; open it again to use it.`, { cause: error });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) {
    return new StorageError(
      'STORAGE_LOCKED',
      `The SQLite database '${file}' is locked by another connection or process (${text}); try again, or raise the adapter's busyTimeoutMs.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new StorageError(
      'STORAGE_CORRUPT',
      `'${file}' is not a usable SQLite database (${text}). Restore it from a backup or point the adapter at another file.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new StorageError(
      'STORAGE_FAILED',
      `Cannot open the SQLite database '${file}': ${text}. Check that its folder exists and is writable.`,
      {
        cause: error,
      },
    );
  }
  return new StorageError('STORAGE_FAILED', `SQLite database '${file}': ${text}`, { cause: error });
}
