// @ts-check
// A multi-tenant Flowloom server with nothing but node:http: a JSON API to
// save and run workflows and read their executions, webhooks for active
// workflows, and every execution isolated in a killable worker.
//
//   npm run build && node examples/server/server.mjs
//
// Copy it as the starting point of your own server; see README.md beside it.
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FlowloomError, WorkflowValidationError } from '@flowloom/engine';
import { createNodeEngine, createNodeExecutionIsolation } from '@flowloom/engine/node';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { HttpError, sendError, sendFetchResponse, sendJson, toFetchRequest } from './http-io.mjs';
import { createRelay, defaultRelayHosts, RELAY_PREFIX } from './relay.mjs';
import { apiRoutes, invalid } from './routes.mjs';

/** The example's own node types, loaded by URL in every execution worker. Absolute, as isolation requires. */
export const NODE_MODULE_URL = new URL('./nodes.mjs', import.meta.url).href;

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] default 3000; 0 picks a free port
 * @property {string} [host] default `127.0.0.1`
 * @property {string} [dbFile] the SQLite file (created when missing); default `flowloom.sqlite` beside this file
 * @property {number} [executionTimeoutMs] the deadline of every execution, and the most a workflow may ask for (default 60,000)
 * @property {number} [heapMb] V8 heap limit of each execution worker, in MiB (default 256)
 * @property {number} [maxIdleWorkers] idle execution workers kept for reuse (default 4)
 * @property {number} [maxRunning] execution workers alive at once, all tenants together; more executions wait their turn (default 16)
 * @property {number} [maxRunningPerTenant] executions of one tenant running at once (default 4)
 * @property {number} [maxBodyBytes] largest request body accepted, API and webhooks (default 1 MiB)
 * @property {number} [shutdownGraceMs] how long `close` lets running executions finish before canceling them (default 10,000)
 * @property {boolean} [allowPrivateNetworks] let HTTP Request nodes reach private addresses (default false)
 * @property {string[]} [activateTenants] tenants whose webhook workflows are activated at start
 * @property {(req: import('node:http').IncomingMessage) => string | undefined} [tenantOf]
 *   which tenant a request is for (default: its `x-tenant` header). Replace it with your authentication.
 * @property {string[]} [relayHosts] hosts `/relay/<host>/...` forwards to (default: every named host of the
 *   integrations package's credential types): `api.example.com`, `api.example.com:8443`, `*.example.com`
 * @property {import('@flowloom/engine').FetchFunction} [relayFetch] how the relay calls vendors (default: the global fetch)
 * @property {string[]} [relayPrivateHeaders] request headers of your own authentication, which the relay
 *   never forwards (`cookie` and `x-tenant` never are)
 * @property {import('@flowloom/engine').Logger} [logger]
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url e.g. `http://127.0.0.1:3000`
 * @property {import('@flowloom/engine').Engine} engine
 * @property {() => Promise<void>} close stops accepting, lets executions finish (then cancels them), closes the workers and the database
 */

const TENANT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const WEBHOOK_PREFIXES = ['/webhook/', '/webhook-waiting/'];

/**
 * Starts the server.
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 * @example
 * const { url, close } = await startServer({ port: 0, dbFile: '/tmp/flowloom.sqlite' });
 */
export async function startServer(options = {}) {
  const executionTimeoutMs = options.executionTimeoutMs ?? 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const logger = options.logger;
  const tenantOf = options.tenantOf ?? ((req) => headerValue(req.headers['x-tenant']));
  // Pages run integrations through this: vendors refuse their calls (CORS), so requests they signed come here.
  const relay = createRelay({
    hosts: options.relayHosts ?? (await defaultRelayHosts()),
    maxBodyBytes,
    ...(options.relayFetch ? { fetch: options.relayFetch } : {}),
    ...(options.relayPrivateHeaders ? { privateHeaders: options.relayPrivateHeaders } : {}),
  });

  const storage = await openSqliteStorage(options.dbFile ?? fileURLToPath(new URL('./flowloom.sqlite', import.meta.url)));
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
    // The default deadline, and the most any workflow or run gets: a workflow asking for more is capped.
    limits: { executionTimeoutMs, maxExecutionTimeoutMs: executionTimeoutMs },
    http: { allowPrivateNetworks: options.allowPrivateNetworks ?? false },
    // While the scheduler runs, delete finished executions past 90 days or 10,000 per tenant, in every tenant.
    executions: { retention: { allTenants: true } },
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
  const routes = apiRoutes({ engine, maxBodyBytes }).map((r) => ({
    ...r,
    segments: r.pattern.split('/').filter(Boolean),
  }));

  /** @type {import('node:http').RequestListener} */
  const listener = async (req, res) => {
    const inFlight = {};
    requests.add(inFlight);
    res.once('close', () => {
      requests.delete(inFlight);
      changed();
    });
    try {
      const url = new URL(req.url ?? '/', 'http://server');
      if (url.pathname === '/health') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
        sendJson(res, shutdown.signal.aborted ? 503 : 200, {
          status: shutdown.signal.aborted ? 'stopping' : 'ok',
          runningExecutions: executions.size,
          queuedExecutions: isolation.counts().queued,
          workers: isolation.counts().workers,
        });
        return;
      }
      if (req.url?.startsWith(RELAY_PREFIX) || url.pathname === '/relay') {
        checkTenant(tenantOf(req));
        await relay(req, res);
        return;
      }
      const hook = webhookTarget(url, req);
      if (hook) {
        const tenantId = checkTenant(hook.tenantId);
        const request = await toFetchRequest(req, hook.path, maxBodyBytes);
        await sendFetchResponse(res, await engine.handleWebhook(request, { tenantId }));
        return;
      }
      const path = url.pathname.split('/').filter(Boolean);
      const matching = routes.map((r) => ({ route: r, params: match(r.segments, path) })).filter((m) => m.params !== undefined);
      if (matching.length === 0) throw new HttpError(404, 'NOT_FOUND', `There is no route ${url.pathname}.`);
      const chosen = matching.find((m) => m.route.method === req.method);
      if (!chosen) {
        const allowed = matching.map((m) => m.route.method);
        throw methodNotAllowed(req.method, allowed);
      }
      const tenantId = checkTenant(tenantOf(req));
      await chosen.route.handler({ req, res, url, params: chosen.params ?? {}, tenantId });
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500) (logger ?? console).error(`${req.method} ${req.url} failed`, { error: String(error) });
      if (res.headersSent) res.destroy();
      else sendError(res, httpError);
    }
  };

  const server = createServer((req, res) => void listener(req, res));
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve(undefined));
    });
    await engine.ready(); // the node module is loaded: workflows using its types validate
    await engine.executions.recovered; // executions a crashed process left running are marked `crashed`
    await engine.startScheduler(); // Schedule Triggers of active workflows, timed waits, retention
    for (const tenantId of options.activateTenants ?? []) await activateWebhooks(engine, checkTenant(tenantId), logger);
  } catch (error) {
    // A port in use or a bad tenant name: release what was opened, then report.
    server.close();
    await engine.close({ cancelRunning: true });
    await isolation.close();
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
      await storage.close();
    })());

  return { url: `http://${host}:${address.port}`, engine, close };
}

/**
 * Activates every workflow of a tenant that starts with an enabled Webhook trigger.
 * @param {import('@flowloom/engine').Engine} engine
 * @param {string} tenantId
 * @param {import('@flowloom/engine').Logger} [logger]
 */
async function activateWebhooks(engine, tenantId, logger) {
  for (const { id } of await engine.storage.workflows.list(tenantId)) {
    const workflow = await engine.storage.workflows.get(tenantId, id);
    if (!workflow?.nodes.some((n) => n.type === 'core.webhook' && !n.disabled)) continue;
    await engine
      .activate(workflow, { tenantId })
      .catch((error) => (logger ?? console).error(`Workflow '${id}' could not be activated: ${error.message}`));
  }
}

/**
 * Where a webhook call goes: `/webhook/...` and `/webhook-waiting/...` with the tenant
 * in its header, or `/t/<tenant>/webhook/...` for callers that cannot set headers.
 * @param {URL} url
 * @param {import('node:http').IncomingMessage} req
 * @returns {{ tenantId: string | undefined, path: string } | undefined}
 */
function webhookTarget(url, req) {
  const inPath = /^\/t\/([^/]+)(\/.*)$/.exec(url.pathname);
  const pathname = inPath ? (inPath[2] ?? '/') : url.pathname;
  if (!WEBHOOK_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return undefined;
  return {
    tenantId: inPath ? decodeURIComponent(inPath[1] ?? '') : headerValue(req.headers['x-tenant']),
    path: `${pathname}${url.search}`,
  };
}

/**
 * @param {string | undefined} tenantId
 * @returns {string}
 */
function checkTenant(tenantId) {
  if (tenantId === undefined || tenantId === '') {
    throw new HttpError(400, 'TENANT_REQUIRED', "Say which tenant the call is for in the 'x-tenant' header.");
  }
  if (!TENANT.test(tenantId)) {
    throw new HttpError(400, 'TENANT_INVALID', `The tenant '${tenantId}' must be 1 to 64 letters, digits, '.', '_' or '-'.`);
  }
  return tenantId;
}

/**
 * @param {string | string[] | undefined} value
 * @returns {string | undefined}
 */
function headerValue(value) {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * @param {string[]} pattern route segments, `:name` matching any one segment
 * @param {string[]} path
 * @returns {Record<string, string> | undefined}
 */
function match(pattern, path) {
  if (pattern.length !== path.length) return undefined;
  /** @type {Record<string, string>} */
  const params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const s = path[i] ?? '';
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(s);
    else if (p !== s) return undefined;
  }
  return params;
}

/**
 * @param {string | undefined} method
 * @param {string[]} allowed
 */
function methodNotAllowed(method, allowed) {
  const allow = [...new Set(allowed)].sort().join(', ');
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allow}.`, { headers: { allow } });
}

/** Engine error codes and the HTTP status they answer with. */
const STATUS_OF_CODE = {
  NOT_FOUND: 404,
  WEBHOOK_CONFLICT: 409,
  ACTIVATION_FAILED: 422,
  START_NODE_INVALID: 422,
  STORAGE_QUERY_INVALID: 400,
  STORAGE_CLOSED: 503,
  ENGINE_CLOSED: 503,
  ISOLATION_CLOSED: 503,
};

/**
 * Maps anything thrown by a route to the error the client sees. Engine errors
 * keep their code and message; anything else is a 500 that says no more.
 * @param {unknown} error
 * @returns {HttpError}
 */
function toHttpError(error) {
  if (error instanceof HttpError) return error;
  if (error instanceof WorkflowValidationError) {
    const isInput = error.issues.every((i) => i.path[0] === 'input');
    return invalid(
      isInput ? 'INPUT_INVALID' : 'WORKFLOW_INVALID',
      isInput ? 'The run input is not valid' : 'The workflow is not valid',
      error.issues,
    );
  }
  if (error instanceof FlowloomError) {
    const status = /** @type {Record<string, number>} */ (STATUS_OF_CODE)[error.code] ?? 500;
    return new HttpError(status, error.code, error.message);
  }
  return new HttpError(500, 'INTERNAL_ERROR', 'The server could not handle the request; the error was logged.');
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

/** Started as a program: options from the environment, stopped by SIGINT or SIGTERM. */
async function main() {
  const running = await startServer({
    port: envNumber('PORT'),
    host: process.env.HOST,
    dbFile: process.env.FLOWLOOM_DB,
    executionTimeoutMs: envNumber('FLOWLOOM_EXECUTION_TIMEOUT_MS'),
    heapMb: envNumber('FLOWLOOM_HEAP_MB'),
    maxRunning: envNumber('FLOWLOOM_MAX_RUNNING'),
    maxRunningPerTenant: envNumber('FLOWLOOM_MAX_RUNNING_PER_TENANT'),
    shutdownGraceMs: envNumber('FLOWLOOM_SHUTDOWN_GRACE_MS'),
    allowPrivateNetworks: process.env.FLOWLOOM_ALLOW_PRIVATE_NETWORKS === 'true',
    activateTenants: (process.env.FLOWLOOM_ACTIVATE_TENANTS ?? '').split(',').filter(Boolean),
    ...(process.env.FLOWLOOM_RELAY_HOSTS ? { relayHosts: process.env.FLOWLOOM_RELAY_HOSTS.split(',').map((h) => h.trim()) } : {}),
  });
  console.log(`Flowloom server listening on ${running.url}`);
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
    console.error(`flowloom server: ${error.message}`);
    process.exitCode = 1;
  });
}
