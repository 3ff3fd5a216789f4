import { createHash } from 'node:crypto';
import type { PostgresStorage } from '@flowloom/adapters/postgres';
import type { Logger } from '@flowloom/engine';
import { formatDelay, pause, retryDelayMs } from './backoff.js';

/** A connection of the storage's pool, kept: a pg `PoolClient`. */
type FenceClient = Parameters<Parameters<PostgresStorage['transaction']>[1]>[0] & { release(destroy?: boolean): void };

/** One execution this process may write: held until released, or until the fence's connection is lost. */
export interface FenceLease {
  readonly key: string;
  /** False once the connection holding it was lost: another process may hold it now. */
  readonly held: boolean;
  release(): Promise<void>;
}

/** The advisory lock key of an execution: 64 bits of a digest of its tenant and id, as a signed bigint. */
function lockKey(tenantId: string, executionId: string): string {
  return createHash('sha256').update(`${tenantId}\u0000${executionId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Which executions this process may write, decided by PostgreSQL: a
 * session-level advisory lock per execution, on one connection held for the
 * purpose. A process holds an execution's lock while it runs it; another
 * process taking the same job (a queue redelivering it) finds the lock held
 * and waits. When a process dies its connection closes and PostgreSQL frees
 * its locks at once, so the next one continues the run. When the connection
 * is lost while the process lives (the database restarted), every lease is
 * lost with it: `onLost` listeners stop those runs before they write again,
 * and the fence connects anew for the next leases.
 */
export class ExecutionFence {
  readonly #storage: PostgresStorage;
  readonly #logger: Logger;
  readonly #leases = new Map<string, { held: boolean }>();
  readonly #lostListeners = new Set<(keys: string[]) => void>();
  #client: Promise<FenceClient> | undefined;
  /** The fence's statements, one at a time: a pg connection runs one query at once. */
  #turn: Promise<unknown> = Promise.resolve();
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  readonly #stop = new AbortController();

  constructor(storage: PostgresStorage, logger: Logger, options: { heartbeatMs?: number } = {}) {
    this.#storage = storage;
    this.#logger = logger;
    // A lost connection is noticed by its 'error' event, or at the latest by the next heartbeat.
    this.#heartbeat = setInterval(() => void this.#check(), options.heartbeatMs ?? 2_000);
    this.#heartbeat.unref();
  }

  /** Called with the keys of the leases lost together when the fence's connection goes. */
  onLost(listener: (keys: string[]) => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }

  /** The key of an execution's lease. */
  keyOf(tenantId: string, executionId: string): string {
    return lockKey(tenantId, executionId);
  }

  /**
   * Takes an execution's lease, or resolves undefined when another live
   * process holds it. Rejects when the database cannot be reached.
   */
  async acquire(tenantId: string, executionId: string): Promise<FenceLease | undefined> {
    const key = lockKey(tenantId, executionId);
    if (this.#leases.has(key)) return undefined;
    const client = await this.#connected();
    const { rows } = await this.#query<{ ok: boolean }>(client, 'SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
    if (!rows[0]?.ok) return undefined;
    const state = { held: true };
    this.#leases.set(key, state);
    return {
      key,
      get held() {
        return state.held;
      },
      release: async () => {
        if (this.#leases.get(key) !== state) return;
        this.#leases.delete(key);
        if (!state.held) return;
        state.held = false;
        await this.#query(client, 'SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
      },
    };
  }

  /** Whether a live process holds the execution's lease (a look, taken and given back at once). */
  async isHeldElsewhere(tenantId: string, executionId: string): Promise<boolean> {
    const lease = await this.acquire(tenantId, executionId);
    if (!lease) return true;
    await lease.release();
    return false;
  }

  #query<R extends Record<string, unknown>>(client: FenceClient, text: string, values?: unknown[]): Promise<{ rows: R[] }> {
    const result = this.#turn.then(() => client.query<R>(text, values));
    this.#turn = result.catch(() => undefined);
    return result;
  }

  #connected(): Promise<FenceClient> {
    if (this.#closed) return Promise.reject(new Error('The execution fence is closed.'));
    return (this.#client ??= this.#connect());
  }

  async #connect(): Promise<FenceClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        const client = (await this.#storage.pool.connect()) as FenceClient;
        client.on('error', () => this.#lose(client));
        return client;
      } catch (error) {
        if (this.#closed) throw error;
        const delay = retryDelayMs(attempt);
        this.#logger.warn(
          `The execution fence could not connect to PostgreSQL (${(error as Error).message}); trying again in ${formatDelay(delay)}.`,
        );
        await pause(delay, this.#stop.signal);
      }
    }
  }

  async #check(): Promise<void> {
    const pending = this.#client;
    if (!pending || this.#leases.size === 0) return;
    const client = await pending.catch(() => undefined);
    if (!client) return;
    try {
      await this.#query(client, 'SELECT 1');
    } catch {
      this.#lose(client);
    }
  }

  /** The connection is gone, and every lock with it. */
  #lose(client: FenceClient): void {
    const current = this.#client;
    this.#client = undefined;
    void current?.then((c) => c === client && c.release(true)).catch(() => undefined);
    const keys = [...this.#leases.entries()].filter(([, s]) => s.held).map(([k]) => k);
    for (const [, state] of this.#leases) state.held = false;
    this.#leases.clear();
    if (keys.length === 0) return;
    this.#logger.warn(`The connection holding ${keys.length} execution lease(s) was lost; those runs stop and are taken up again.`);
    for (const listener of this.#lostListeners) listener(keys);
  }

  /** Gives every lease back and ends the fence's connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stop.abort();
    clearInterval(this.#heartbeat);
    this.#leases.clear();
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    // Ending the session frees its advisory locks.
    client?.release(true);
  }
}
