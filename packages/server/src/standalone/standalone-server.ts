import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { consoleLogger, rawKeyProvider, type Engine, type IsolationPoolOptions, type Logger } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { ApiKeys, type CreatedApiKey } from '../auth/api-keys.js';
import type { EmbedTokenOptions } from '../auth/embed-tokens.js';
import { createServer } from '../create-server.js';
import { openSqliteServerStores } from './sqlite-server-stores.js';

/** What `startStandaloneServer` takes. */
export interface StandaloneServerOptions {
  /** The SQLite file holding workflows, executions, credentials, API keys, active workflows and members (created when missing). */
  dbFile: string;
  /** Default 5678; 0 picks a free port (read it from `url`). */
  port?: number;
  /** Default `127.0.0.1`: only this machine. `0.0.0.0` listens on every interface. */
  host?: string;
  /** Host-signed embed tokens, besides API keys. */
  embedTokens?: EmbedTokenOptions;
  /**
   * The 32-byte key credentials are encrypted with. Default: the key kept in
   * `<dbFile>.key`, created (readable by its owner only) on first start.
   */
  encryptionKey?: Uint8Array;
  /** Tenant of the owner API key made on first start, or when `createApiKey` is set (default `default`). */
  tenantId?: string;
  /** Make a new owner API key even if the database holds keys already (to replace a lost one). */
  createApiKey?: boolean;
  /** Each execution in a worker with a heap limit and a deadline (default true). */
  isolation?: boolean;
  /**
   * Executions of one tenant a worker thread carries at once (default 1; not
   * with `isolation: false`). Above 1 the pool counts executions: at most
   * `max(8, 2n)` running, `max(4, n)` of one tenant, `max(4, n)` kept idle.
   * More executions per second on few cores; the cost is that an execution
   * that holds its thread past its deadline or a cancel's grace, or exhausts
   * the heap, ends the thread and the executions it carried.
   */
  executionsPerWorker?: number;
  /** Modules whose exports are node types, loaded in the server and in each worker. */
  nodeModules?: string[];
  /** Let HTTP Request reach loopback, private and link-local addresses (refused by default). */
  allowPrivateNetworks?: boolean;
  /** Origins of pages that call the API from the browser. */
  corsOrigins?: string[];
  logger?: Logger;
}

/** A running standalone server. */
export interface StandaloneServer {
  /** Where it listens, as `http://host:port`. */
  url: string;
  engine: Engine;
  /** The owner API key made at this start (first start, or `createApiKey`): shown this once. */
  createdKey?: CreatedApiKey;
  /** Executions running now. */
  running(): number;
  /**
   * Stops accepting connections, lets running executions finish for up to
   * `graceMs` (then cancels them, recorded as `canceled`), waits for the
   * answers in flight, and closes the engine and the database.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Where the encryption key is kept when none is given. */
export function keyFileOf(dbFile: string): string {
  return `${dbFile}.key`;
}

/** Reads the key file, or creates it with a new random key when there is none. */
function loadOrCreateKey(file: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    const key = randomBytes(32);
    // `wx`: two servers starting together never overwrite each other's key.
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return new Uint8Array(key);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`The key file '${file}' must hold 64 hexadecimal digits (32 bytes).`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/**
 * The pool of isolated executions: the engine's defaults (8 running, 4 of one
 * tenant, 4 idle), raised to `executionsPerWorker` so that a tenant can fill
 * at least one shared thread and two tenants can run side by side.
 */
function isolationPool(executionsPerWorker: number | undefined): IsolationPoolOptions | undefined {
  if (executionsPerWorker === undefined) return undefined;
  if (!Number.isInteger(executionsPerWorker) || executionsPerWorker < 1) {
    throw new Error(`startStandaloneServer: executionsPerWorker must be a whole number of at least 1, got ${executionsPerWorker}.`);
  }
  const n = executionsPerWorker;
  return { executionsPerWorker: n, maxWorkersPerTenant: Math.max(4, n), maxWorkers: Math.max(8, n * 2), maxIdleWorkers: Math.max(4, n) };
}

/**
 * Starts Flowloom's REST API as a server of its own: the engine over a
 * SQLite file, API keys, active workflows and members kept in the same file, on
 * `@hono/node-server`. What `flowloom serve` and `npx @flowloom/server` run.
 *
 * @example
 * const server = await startStandaloneServer({ dbFile: '/var/lib/flowloom/data.sqlite', port: 0 });
 * if (server.createdKey) console.log(server.createdKey.key); // shown once
 * process.once('SIGTERM', () => void server.close({ graceMs: 30_000 }));
 */
export async function startStandaloneServer(options: StandaloneServerOptions): Promise<StandaloneServer> {
  const logger = options.logger ?? consoleLogger;
  if (options.isolation === false && options.executionsPerWorker !== undefined) {
    throw new Error('startStandaloneServer: executionsPerWorker applies to isolated executions; it cannot be given with isolation: false.');
  }
  const pool = isolationPool(options.executionsPerWorker);
  const key = options.encryptionKey ?? loadOrCreateKey(keyFileOf(options.dbFile));
  const storage = await openSqliteStorage(options.dbFile);
  const stores = await openSqliteServerStores(options.dbFile).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const engine = createNodeEngine({
    storage,
    keyProvider: rawKeyProvider({ key }),
    logger,
    isolation: options.isolation === false ? 'none' : 'worker',
    ...(pool ? { isolationOptions: pool } : {}),
    ...(options.nodeModules?.length ? { nodeModules: options.nodeModules } : {}),
    http: { allowPrivateNetworks: options.allowPrivateNetworks === true },
  });
  let running = 0;
  engine.on('executionStart', () => void running++);
  engine.on('executionFinish', () => void running--);

  const closeStores = async () => {
    await engine.close({ cancelRunning: true }).catch(() => undefined);
    stores.close();
    await storage.close();
  };
  let createdKey: CreatedApiKey | undefined;
  let http: ReturnType<typeof serve>;
  let port: number;
  try {
    await engine.ready();
    const apiKeys = new ApiKeys(stores.apiKeys);
    if (options.createApiKey || stores.apiKeys.count() === 0) {
      createdKey = await apiKeys.create({ tenantId: options.tenantId ?? 'default', name: 'Owner', role: 'owner' });
    }
    const app = createServer({
      engine,
      auth: { apiKeys, ...(options.embedTokens ? { embedTokens: options.embedTokens } : {}) },
      activations: stores.activations,
      members: stores.members,
      logger,
      ...(options.corsOrigins?.length ? { corsOrigins: options.corsOrigins } : {}),
    });
    await engine.startScheduler();
    ({ http, port } = await new Promise<{ http: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 5678 }, (info: AddressInfo) =>
        resolve({ http: s, port: info.port }),
      );
      s.once('error', reject);
    }));
  } catch (error) {
    await closeStores();
    throw error;
  }
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = async (graceMs: number) => {
    const served = new Promise<void>((resolve) => http.close(() => resolve()));
    if ('closeIdleConnections' in http) http.closeIdleConnections();
    // Runs finish (or are canceled at the deadline) before the answers waiting on them are sent.
    await engine.close({ graceMs });
    // Answers still streaming (live events of the runs that just ended) get a moment to end on their own.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([served, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(graceMs, 5_000))))]);
    clearTimeout(timer);
    if ('closeAllConnections' in http) http.closeAllConnections();
    await served;
    stores.close();
    await storage.close();
  };
  return {
    url,
    engine,
    ...(createdKey ? { createdKey } : {}),
    running: () => running,
    close: (o = {}) => (closing ??= close(o.graceMs ?? 30_000)),
  };
}
