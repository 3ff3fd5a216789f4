import { FlowloomError, StorageError } from '@flowloom/engine';

/** Node's socket errors that mean the server could not be reached or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs of a server that is going away or not there yet: shutting down
 * (57P01 admin, 57P02 crash), starting up (57P03), out of connection slots
 * (53300), and class 08, connection exceptions.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages pg gives, without a code, for a connection that dropped or never came. */
const DROPPED = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function messageOf(error: unknown): string {
  const message = field(error, 'message');
  const errors = field(error, 'errors');
  // Node tries every address of a host name (IPv6 and IPv4) and, when all fail, throws an AggregateError without a message.
  const text =
    typeof message === 'string' && message !== ''
      ? message
      : Array.isArray(errors) && errors.length > 0
        ? errors.map((e) => messageOf(e)).join('; ')
        : String(error);
  const code = sqlState(error);
  return code ? `${text} (SQLSTATE ${code})` : text;
}

/** The SQLSTATE of a failed statement (`23505` for a duplicate key...), undefined for other failures. */
export function sqlState(error: unknown): string | undefined {
  const code = field(error, 'code');
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether the error means the connection is gone or the server unreachable, rather than a refused statement. */
function isConnectionError(error: unknown): boolean {
  const code = field(error, 'code');
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  const message = field(error, 'message');
  return typeof message === 'string' && DROPPED.test(message);
}

/**
 * Turns a pg failure into a `StorageError` whose message names the server
 * (`where`, such as `PostgreSQL database 'flowloom' at db.internal:5432`),
 * the cause and what to do. Flowloom errors pass through unchanged.
 */
export function storageErrorFrom(error: unknown, where: string): unknown {
  if (error instanceof FlowloomError) return error;
  const text = messageOf(error);
  const code = field(error, 'code');
  if (/timeout exceeded when trying to connect/i.test(text)) {
    return new StorageError(
      'STORAGE_FAILED',
      `No connection to ${where} within connectionTimeoutMillis: every connection of the pool was busy, or the server did not answer in time. ` +
        'Raise max or connectionTimeoutMillis, or check the server.',
      { cause: error },
    );
  }
  if (isConnectionError(error)) {
    return new StorageError(
      'STORAGE_FAILED',
      `Cannot reach ${where}: ${text}. Check that the server is running and accepts connections; the storage reconnects on its next call.`,
      { cause: error },
    );
  }
  if (/after calling end on the pool/i.test(text)) {
    return new StorageError('STORAGE_CLOSED', `The connection pool of ${where} was ended; open the storage again with a live pool.`, {
      cause: error,
    });
  }
  if (code === '55P03' || code === '40P01' || code === '40001') {
    return new StorageError('STORAGE_LOCKED', `${where}: ${text}. Another transaction held the rows; try again.`, { cause: error });
  }
  if (code === '42501') {
    return new StorageError(
      'STORAGE_FAILED',
      `${where}: ${text}. The role lacks a privilege on Flowloom's tables, or a row-level security policy refused the row.`,
      { cause: error },
    );
  }
  return new StorageError('STORAGE_FAILED', `${where}: ${text}`, { cause: error });
}
