// @ts-check
// A product's back end with Flowloom inside: the REST API of @flowloom/server
// mounted at /api, the host's own sign-in that signs embed tokens for its
// users, and a page embedding <workflow-editor> and <workflow-dashboard>
// against the API. Every execution runs in a killable worker; everything is
// kept in one SQLite file.
//
//   npm run server
//
// Copy it as the starting point of your own host; see README.md beside it.
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { rawKeyProvider } from '@flowloom/engine';
import { createNodeEngine, createNodeExecutionIsolation } from '@flowloom/engine/node';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { ApiKeys, createServer } from '@flowloom/server';
import { openSqliteServerStores } from '@flowloom/server/standalone';
import { EMBED_AUDIENCE, EMBED_ISSUER, hostRoutes } from './host-routes.mjs';
import { HttpError, sendError } from './http-io.mjs';
import { createRelay, defaultRelayHosts, RELAY_PREFIX } from './relay.mjs';

/** The example's own node types, loaded by URL in every execution worker. Absolute, as isolation requires. */
export const NODE_MODULE_URL = new URL('./nodes.mjs', import.meta.url).href;

/** Where the Flowloom API is mounted on the host. */
export const API_PATH = '/api';

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] default 3000; 0 picks a free port
 * @property {string} [host] default `127.0.0.1`
 * @property {string} [dbFile] the SQLite file (created when missing); default `flowloom.sqlite` beside this file
 * @property {string} [embedSecret] the secret embed tokens are signed with (32 characters or more); default: a random one per start
 * @property {Uint8Array} [credentialsKey] the 32-byte master key credentials are encrypted with; default: a random one per start
 * @property {number} [executionTimeoutMs] the deadline of every execution, and the most a workflow may ask for (default 60,000)
 * @property {number} [heapMb] V8 heap limit of each execution worker, in MiB (default 256)
 * @property {number} [maxIdleWorkers] idle execution workers kept for reuse (default 4)
 * @property {number} [maxRunning] execution workers alive at once, all tenants together; more executions wait their turn (default 16)
 * @property {number} [maxRunningPerTenant] executions of one tenant running at once (default 4)
 * @property {number} [maxBodyBytes] largest request body accepted, API, webhooks and relay (default 1 MiB)
 * @property {number} [shutdownGraceMs] how long `close` lets running executions finish before canceling them (default 10,000)
 * @property {boolean} [allowPrivateNetworks] let HTTP Request nodes (and OAuth2 token calls) reach private addresses (default false)
 * @property {string} [pageDir] the built host page (default `dist/` beside this file)
 * @property {string[]} [relayHosts] hosts `/relay/<host>/...` forwards to (default: every named host of the
 *   integrations package's credential types): `api.example.com`, `api.example.com:8443`, `*.example.com`
 * @property {import('@flowloom/engine').FetchFunction} [relayFetch] how the relay calls vendors (default: the global fetch)
 * @property {string[]} [relayPrivateHeaders] request headers of your own authentication, which the relay
 *   never forwards (`cookie` never is)
 * @property {import('@flowloom/engine').Logger} [logger]
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url e.g. `http://127.0.0.1:3000`; the API is at `${url}/api`
 * @property {import('@flowloom/engine').Engine} engine
 * @property {() => Promise<void>} close stops accepting, lets executions finish (then cancels them), closes the workers and the database
 */

/**
 * Starts the host.
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 * @example
 * const { url, close } = await startServer({ port: 0, dbFile: '/tmp/flowloom.sqlite', embedSecret: process.env.FLOWLOOM_EMBED_SECRET });
 */
export async function startServer(options = {}) {
  const executionTimeoutMs = options.executionTimeoutMs ?? 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const logger = options.logger;
  const embedSecret = new TextEncoder().encode(options.embedSecret ?? randomBytes(32).toString('base64url'));
  if (embedSecret.length < 32) throw new Error('The embed secret must be at least 32 characters: HS256 needs a 256-bit key.');
  // Pages run integrations through this: vendors refuse their calls (CORS), so requests they signed come here.
  const relay = createRelay({
    hosts: options.relayHosts ?? (await defaultRelayHosts()),
    maxBodyBytes,
    ...(options.relayFetch ? { fetch: options.relayFetch } : {}),
    privateHeaders: options.relayPrivateHeaders ?? [],
  });

  const dbFile = options.dbFile ?? fileURLToPath(new URL('./flowloom.sqlite', import.meta.url));
  const storage = await openSqliteStorage(dbFile);
  // API keys (for your scripts), the active workflows and the tenants' members, teams and invites live beside the
  // engine's tables, so a restart keeps them.
  const serverStores = await openSqliteServerStores(dbFile);
  // Whole executions run in pooled worker_threads with a heap limit, one tenant per worker. At most
  // so many workers are alive (in all) and so many run one tenant's executions; the others wait their turn.
  // (`isolation: 'worker'` with `isolationOptions` does the same; the pool is built here so /health can read its counts.)
  const isolation = createNodeExecutionIsolation({
    heapMb: options.heapMb ?? 256,
    maxIdleWorkers: options.maxIdleWorkers ?? 4,
    maxWorkers: options.maxRunning ?? 16,
    maxWorkersPerTenant: options.maxRunningPerTenant ?? 4,
  });
  const engine = createNodeEngine({
    storage,
    isolation,
    nodeModules: [NODE_MODULE_URL],
    keyProvider: rawKeyProvider({ key: options.credentialsKey ?? randomBytes(32) }),
    // The default deadline, and the most any workflow or run gets: a workflow asking for more is capped.
    limits: { executionTimeoutMs, maxExecutionTimeoutMs: executionTimeoutMs },
    http: { allowPrivateNetworks: options.allowPrivateNetworks ?? false },
    // While the scheduler runs, delete finished executions past 90 days or 10,000 per tenant, in every tenant.
    executions: { retention: { allTenants: true } },
    ...(logger ? { logger } : {}),
  });

  // The Flowloom API: callers are the page (embed tokens signed below) and your scripts (API keys).
  const api = createServer({
    engine,
    auth: {
      apiKeys: new ApiKeys(serverStores.apiKeys),
      embedTokens: { secret: embedSecret, issuer: EMBED_ISSUER, audience: EMBED_AUDIENCE },
    },
    activations: serverStores.activations,
    members: serverStores.members,
    maxBodyBytes,
    ...(logger ? { logger } : {}),
  });

  // What is still going on (executions of every kind, HTTP requests), so shutdown can wait for it.
  /** @type {Set<string>} */
  const executions = new Set();
  /** @type {Set<object>} */
  const requests = new Set();
  let wake = () => {};
  const changed = () => {
    if (executions.size === 0 && requests.size === 0) wake();
  };
  /** Resolves once nothing is going on, or after `ms`. @param {number} ms */
  const settled = (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve(undefined);
      };
      changed();
    });
  engine.on('executionStart', (e) => executions.add(e.execution.id));
  engine.on('executionFinish', (e) => {
    executions.delete(e.execution.id);
    changed();
  });
  const shutdown = new AbortController();

  /** Session id -> user id: the host's own sign-in, which the relay honours too. */
  const sessions = new Map();
  const app = new Hono();
  app.get('/health', (c) =>
    c.json(
      {
        status: shutdown.signal.aborted ? 'stopping' : 'ok',
        runningExecutions: executions.size,
        queuedExecutions: isolation.counts().queued,
        workers: isolation.counts().workers,
      },
      shutdown.signal.aborted ? 503 : 200,
    ),
  );
  app.route(API_PATH, api);
  app.route('/', hostRoutes({ embedSecret, sessions, pageDir: options.pageDir ?? fileURLToPath(new URL('./dist/', import.meta.url)) }));
  const listener = getRequestListener(app.fetch);

  /** @type {import('node:http').RequestListener} */
  const serve = async (req, res) => {
    const inFlight = {};
    requests.add(inFlight);
    res.once('close', () => {
      requests.delete(inFlight);
      changed();
    });
    if (!req.url?.startsWith(RELAY_PREFIX)) return listener(req, res);
    try {
      const session = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!session || !sessions.has(session)) {
        throw new HttpError(401, 'SIGNED_OUT', 'Sign in first: the relay forwards the requests of signed-in users only.');
      }
      await relay(req, res);
    } catch (error) {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'INTERNAL_ERROR', 'The server could not handle the request; the error was logged.');
      if (httpError.status >= 500) (logger ?? console).error(`${req.method} ${req.url} failed`, { error: String(error) });
      if (res.headersSent) res.destroy();
      else sendError(res, httpError);
    }
  };

  const server = createHttpServer((req, res) => void serve(req, res));
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve(undefined));
    });
    await engine.ready(); // the node module is loaded: workflows using its types validate
    await engine.executions.recovered; // executions a crashed process left running are marked `crashed`
    await engine.startScheduler(); // Schedule Triggers of active workflows, timed waits, retention
  } catch (error) {
    // A port in use: release what was opened, then report.
    server.close();
    await engine.close({ cancelRunning: true });
    await isolation.close();
    serverStores.close();
    await storage.close();
    throw error;
  }

  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeIdleConnections();
      shutdown.abort();
      // Stops the scheduler, lets running executions finish for the grace period, then cancels
      // those still going (they are recorded `canceled`); later calls fail with ENGINE_CLOSED.
      await engine.close({ graceMs: options.shutdownGraceMs ?? 10_000 });
      await isolation.close();
      // Give the requests whose runs just ended a moment to be answered.
      await settled(2_000);
      server.closeAllConnections();
      await stopped;
      serverStores.close();
      await storage.close();
    })());

  return { url: `http://${host}:${address.port}`, engine, close };
}

/**
 * Numbers from the environment, with a clear message for a bad one.
 * @param {string} name
 * @returns {number | undefined}
 */
function envNumber(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got '${raw}'.`);
  return n;
}

/**
 * The credentials master key from the environment: 32 bytes, base64.
 * @returns {Uint8Array | undefined}
 */
function envKey() {
  const raw = process.env.FLOWLOOM_CREDENTIALS_KEY;
  if (!raw) return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32)
    throw new Error(`FLOWLOOM_CREDENTIALS_KEY must be 32 bytes in base64 (openssl rand -base64 32), got ${key.length} bytes.`);
  return new Uint8Array(key);
}

/** Started as a program: options from the environment, stopped by SIGINT or SIGTERM. */
async function main() {
  const embedSecret = process.env.FLOWLOOM_EMBED_SECRET;
  const credentialsKey = envKey();
  if (!embedSecret) console.log('FLOWLOOM_EMBED_SECRET is not set: embed tokens are signed with a secret made up for this run.');
  if (!credentialsKey) console.log('FLOWLOOM_CREDENTIALS_KEY is not set: credentials saved now cannot be read after a restart.');
  const running = await startServer({
    port: envNumber('PORT'),
    host: process.env.HOST,
    dbFile: process.env.FLOWLOOM_DB,
    ...(embedSecret ? { embedSecret } : {}),
    ...(credentialsKey ? { credentialsKey } : {}),
    executionTimeoutMs: envNumber('FLOWLOOM_EXECUTION_TIMEOUT_MS'),
    heapMb: envNumber('FLOWLOOM_HEAP_MB'),
    maxRunning: envNumber('FLOWLOOM_MAX_RUNNING'),
    maxRunningPerTenant: envNumber('FLOWLOOM_MAX_RUNNING_PER_TENANT'),
    shutdownGraceMs: envNumber('FLOWLOOM_SHUTDOWN_GRACE_MS'),
    allowPrivateNetworks: process.env.FLOWLOOM_ALLOW_PRIVATE_NETWORKS === 'true',
    ...(process.env.FLOWLOOM_RELAY_HOSTS ? { relayHosts: process.env.FLOWLOOM_RELAY_HOSTS.split(',').map((h) => h.trim()) } : {}),
  });
  console.log(`Flowloom host listening on ${running.url} (API: ${running.url}${API_PATH}, reference: ${running.url}${API_PATH}/docs)`);
  const stop = async (/** @type {string} */ signal) => {
    console.log(`${signal}: stopping (running executions get a grace period)...`);
    await running.close();
    console.log('Stopped.');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((error) => {
    console.error(`flowloom host: ${error.message}`);
    process.exitCode = 1;
  });
}
