import { StorageError } from '@flowloom/engine';
import { escapeIdentifier, escapeLiteral, type ClientBase, type Pool, type QueryResult, type QueryResultRow } from 'pg';
import { storageErrorFrom } from './postgres-errors.js';

/** The scope of a read across tenants: `ExecutionStore.tenants()`, and nothing else. */
export const ALL_TENANTS = Symbol('all tenants');

/** The tenant a statement runs for, or every tenant for the one read that lists them. */
export type TenantScope = string | typeof ALL_TENANTS;

/**
 * The pool, schema and tenant scoping the stores share. Every statement a
 * store runs names its tenant here as well as in its `WHERE tenant_id = $1`:
 * with row-level security on, the statement runs in a transaction that first
 * sets `flowloom.tenant_id` (`SET LOCAL`), which the policies compare with.
 */
export interface PostgresDb {
  /** The server and database, for messages: `PostgreSQL database 'flowloom' at db.internal:5432`. */
  readonly where: string;
  /** A table of the storage's schema, quoted and qualified: `"flowloom".executions`. */
  table(name: string): string;
  /** One statement, committed on its own. */
  query<R extends QueryResultRow>(scope: TenantScope, text: string, values?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements in one transaction, committed together or not at all. */
  transaction<T>(scope: TenantScope, fn: (client: ClientBase) => Promise<T>): Promise<T>;
  /** Runs a store call, turning its failures into `StorageError`s naming the database; refuses once closed. */
  guard<T>(fn: () => Promise<T>): Promise<T>;
}

/** What `createPostgresDb` returns besides the `PostgresDb`: the switch that closes it. */
export interface ClosablePostgresDb extends PostgresDb {
  markClosed(): void;
}

/** `PostgresDb` over a pool. */
export function createPostgresDb(pool: Pool, schema: string, rowLevelSecurity: boolean, where: string): ClosablePostgresDb {
  const s = escapeIdentifier(schema);
  let closed = false;

  const begin = (scope: TenantScope): string => {
    if (!rowLevelSecurity) return 'BEGIN';
    // One round trip: the setting lives until COMMIT or ROLLBACK, so a pooled connection never carries it to another tenant.
    if (scope === ALL_TENANTS) return `BEGIN; SET LOCAL flowloom.all_tenants = 'on'`;
    return `BEGIN; SET LOCAL flowloom.tenant_id = ${escapeLiteral(scope)}`;
  };

  const transaction = async <T>(scope: TenantScope, fn: (client: ClientBase) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let discard = false;
    try {
      await client.query(begin(scope));
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot roll back is broken: the pool must not hand it out again.
      await client.query('ROLLBACK').catch(() => (discard = true));
      throw error;
    } finally {
      client.release(discard);
    }
  };

  return {
    where,
    table: (name) => `${s}.${name}`,
    query: <R extends QueryResultRow>(scope: TenantScope, text: string, values?: unknown[]) =>
      rowLevelSecurity ? transaction(scope, (client) => client.query<R>(text, values)) : pool.query<R>(text, values),
    transaction,
    async guard(fn) {
      if (closed) throw new StorageError('STORAGE_CLOSED', `The storage on ${where} was closed; open it again to use it.`);
      try {
        return await fn();
      } catch (error) {
        throw storageErrorFrom(error, where);
      }
    },
    markClosed: () => void (closed = true),
  };
}
