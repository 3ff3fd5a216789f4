import { openPostgresStorage, type PostgresStorage } from '@flowloom/adapters/postgres';
import { StorageError, type Logger } from '@flowloom/engine';
import { formatDelay, pause, retryDelayMs } from './backoff.js';

/**
 * Whether a storage failure means the database is away (not reachable, no
 * connection in time, restarting) rather than a statement refused: worth
 * trying again once it is back.
 */
export function isDatabaseAway(error: unknown): boolean {
  if (!(error instanceof StorageError)) return false;
  if (error.code === 'STORAGE_LOCKED') return true;
  return error.code === 'STORAGE_FAILED' && /^(Cannot reach|No connection to) /.test(error.message);
}

/**
 * Opens the PostgreSQL storage, trying again while the database is away:
 * each failed attempt is logged with its cause and the next delay (doubling
 * from 250 ms to 10 s). Any other failure (a URL pg cannot read, a refused
 * password, a schema written by a newer version) rejects at once.
 */
export async function openPostgresWithRetry(
  connectionString: string,
  options: { logger: Logger; max?: number; signal?: AbortSignal },
): Promise<PostgresStorage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPostgresStorage({ connectionString, ...(options.max ? { max: options.max } : {}) });
    } catch (error) {
      if (!isDatabaseAway(error) || options.signal?.aborted) throw error;
      const delay = retryDelayMs(attempt);
      options.logger.warn(`${(error as Error).message} Trying again in ${formatDelay(delay)} (attempt ${attempt}).`);
      await pause(delay, options.signal);
    }
  }
}
