import { FlowloomError, StorageError } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { storageErrorFrom } from './postgres-errors.js';

const where = "PostgreSQL database 'app' at db.internal:5432";

/** A socket error as Node makes it: `connect ECONNREFUSED <address>:<port>`, with code, address and port. */
function refused(address: string): Error {
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), { code: 'ECONNREFUSED', address, port: 5432 });
}

describe('postgres adapter: errors', () => {
  it('names every address tried when a host name resolves to several and all refuse (an AggregateError without a message)', () => {
    const aggregate = Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')]), { code: 'ECONNREFUSED' });
    const error = storageErrorFrom(aggregate, where) as StorageError;
    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toBe(
      `Cannot reach ${where}: connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432. ` +
        'Check that the server is running and accepts connections; the storage reconnects on its next call.',
    );
    expect(error.cause).toBe(aggregate);
  });

  it('passes Flowloom errors through unchanged', () => {
    const original = new FlowloomError('NOT_FOUND', 'Execution x was not found.');
    expect(storageErrorFrom(original, where)).toBe(original);
  });
});
