import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { PostgresStorage } from '@flowloom/adapters/postgres';
import { consoleLogger, rawKeyProvider, type Engine, type EngineOptions, type Logger } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { ApiKeys, type CreatedApiKey } from '../auth/api-keys.js';
import type { EmbedTokenOptions } from '../auth/embed-tokens.js';
import { createServer } from '../create-server.js';
import { ServerMetrics } from '../monitoring/metrics.js';
import { registerQueueMetrics } from '../monitoring/queue-metrics.js';
import { Quotas, type QuotaOptions } from '../quotas/quotas.js';
import { createRedisUsageStore } from '../quotas/redis-usage-store.js';
import { ExecutionFence } from './execution-fence.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionWorker } from './execution-worker.js';
import { guardedStorage, StoppedRuns } from './guarded-storage.js';
import { openPostgresWithRetry } from './postgres-connection.js';
import { openPostgresServerStores } from './postgres-server-stores.js';
import { createQueueIsolation } from './queue-isolation.js';
import { queueModeEngine, RelayedEvents } from './queue-engine.js';
import { crashWhenJobsFail, sweepExecutions } from './queue-recovery.js';
import { RedisChannels } from './redis-channels.js';
import { connectRedis, describeRedis } from './redis-connection.js';
import { createRedisOAuth2StateStore } from './redis-oauth2-states.js';
import { followActivations, SharedActivations } from './shared-activations.js';
import { createWebhookApp } from './webhook-app.js';

/** What a queue-mode process does: serve the API and hand runs out, run them, or answer webhooks. */
export type QueueRole = 'main' | 'worker' | 'webhook';

/** The roles, in the order `--role` lists them. */
export const QUEUE_ROLES: readonly QueueRole[] = ['main', 'worker', 'webhook'];

/** What `startQueueProcess` takes. */
export interface QueueProcessOptions {
  role: QueueRole;
  /** The PostgreSQL database every process shares: `postgres://user:password@host:5432/database`. */
  postgresUrl: string;
  /** The Redis every process shares: `redis://host:6379`. */
  redisUrl: string;
  /** The 32-byte key credentials are encrypted with: the same in every process. */
  encryptionKey: Uint8Array;
  /** Prefix of the installation's Redis keys and channels (default `flowloom`): installations sharing a Redis differ by it. */
  prefix?: string;
  /** Default 5678; 0 picks a free port. A worker serves its health and metrics there. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Executions a worker runs at once (default 10). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, in ms (default 30,000): a worker silent that long is taken for dead. */
  lockMs?: number;
  /** Main: host-signed embed tokens, besides API keys. */
  embedTokens?: EmbedTokenOptions;
  /** Main: tenant of the owner API key made when the installation has none (default `default`). */
  tenantId?: string;
  /** Main: make a new owner API key at this start. */
  createApiKey?: boolean;
  /** Main: origins of pages that call the API from the browser. */
  corsOrigins?: string[];
  /** Main and webhook processes: tenant limits and rates (counters in Redis, running executions counted in PostgreSQL). */
  quotas?: Omit<QuotaOptions, 'store' | 'runningCount'>;
  /** Worker: each execution in a worker thread with a heap limit and a deadline (default true). */
  isolation?: boolean;
  /**
   * Worker: executions of one tenant a worker thread carries at once (default
   * 1; not with `isolation: false`). The pool still runs at most `concurrency`
   * executions, on fewer threads: more executions per second on few cores,
   * but an execution that holds its thread past its deadline or a cancel's
   * grace, or exhausts the heap, ends the thread and the executions it carried.
   */
  executionsPerWorker?: number;
  /** Modules whose exports are node types. */
  nodeModules?: string[];
  /** Let HTTP Request reach loopback, private and link-local addresses. */
  allowPrivateNetworks?: boolean;
  logger?: Logger;
  /** Aborting it gives up connecting (a process told to stop while PostgreSQL or Redis is still away). */
  signal?: AbortSignal;
}

/** A running queue-mode process. */
export interface QueueProcess {
  role: QueueRole;
  /** Where it listens (the API, the webhooks, or a worker's health), as `http://host:port`. */
  url: string;
  /** A worker's name: the `owner` of the executions it runs. */
  workerId?: string;
  /** Main: the owner API key made at this start, shown this once. */
  createdKey?: CreatedApiKey;
  /** Executions running in this process now (a worker's), or in the whole installation as main hears of them; 0 for webhook processes. */
  running(): number;
  /**
   * Stops accepting work and shuts down. A worker lets running executions
   * finish for up to `graceMs`, then stops them before they write again:
   * storage keeps their last committed node run and another worker goes on.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The tenant readiness probes read (nothing): no tenant can have its name, which API keys and `--tenant` refuse,
 * and PostgreSQL accepts it (it refuses the NUL character in text).
 */
const READYZ_TENANT = '#readyz';

/** Things to close, last opened first. */
type Closer = () => Promise<unknown> | unknown;

async function listen(app: Hono, host: string, port: number) {
  return new Promise<{ http: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => resolve({ http: s, port: info.port }));
    s.once('error', reject);
  });
}

/**
 * Starts one process of a queue-mode installation: many processes on many
 * machines sharing one PostgreSQL (every record) and one Redis (the BullMQ
 * execution queue, counters, pub/sub). `main` serves the API and hands runs
 * to the queue; `worker` takes them and runs them, `concurrency` at once;
 * `webhook` answers webhooks only and hands their runs to the queue. A
 * database or Redis that is away at start is waited for, each attempt logged.
 * See docs/deploy.md.
 *
 * @example
 * const worker = await startQueueProcess({ role: 'worker', postgresUrl, redisUrl, encryptionKey, concurrency: 20 });
 * process.once('SIGTERM', () => void worker.close({ graceMs: 30_000 }));
 */
export async function startQueueProcess(options: QueueProcessOptions): Promise<QueueProcess> {
  const logger = options.logger ?? consoleLogger;
  const prefix = options.prefix ?? 'flowloom';
  const concurrency = options.concurrency ?? 10;
  if (options.role === 'worker' && options.executionsPerWorker !== undefined) {
    if (options.isolation === false) {
      throw new Error('startQueueProcess: executionsPerWorker applies to isolated executions; it cannot be given with isolation: false.');
    }
    if (!Number.isInteger(options.executionsPerWorker) || options.executionsPerWorker < 1) {
      throw new Error(`startQueueProcess: executionsPerWorker must be a whole number of at least 1, got ${options.executionsPerWorker}.`);
    }
  }
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => undefined);
  };
  try {
    // Redis first: a process whose queue is away could do nothing with its database.
    const redis = await connectRedis(options.redisUrl, logger, options.signal);
    closers.push(() => redis.quit().catch(() => redis.disconnect()));
    if (options.signal?.aborted) throw new Error('Stopped before it started.');
    const storage = await openPostgresWithRetry(options.postgresUrl, {
      logger,
      max: options.role === 'worker' ? concurrency + 4 : 10,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    closers.push(() => storage.close());
    const stores = await openPostgresServerStores(storage);
    const channels = new RedisChannels(redis, logger);
    closers.push(() => channels.close());
    const parts: RoleParts = { options, logger, prefix, redis, storage, stores, channels, closers };
    const started = await (options.role === 'worker'
      ? startWorker(parts, concurrency)
      : options.role === 'webhook'
        ? startWebhook(parts)
        : startMain(parts));
    let closing: Promise<void> | undefined;
    return {
      ...started.process,
      close: (o = {}) =>
        (closing ??= (async () => {
          await started.stop(o.graceMs ?? 30_000);
          await closeAll();
        })()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

interface RoleParts {
  options: QueueProcessOptions;
  logger: Logger;
  prefix: string;
  redis: Redis;
  storage: PostgresStorage;
  stores: Awaited<ReturnType<typeof openPostgresServerStores>>;
  channels: RedisChannels;
  closers: Closer[];
}

interface StartedRole {
  process: Omit<QueueProcess, 'close'>;
  /** Stops taking work (before the shared connections close). */
  stop(graceMs: number): Promise<void>;
}

/** Why the process cannot work now (Redis or PostgreSQL away, the engine closed), or undefined when it can. */
async function notReady(parts: RoleParts, engine: Engine): Promise<string | undefined> {
  if (parts.redis.status !== 'ready') return `${describeRedis(parts.options.redisUrl)} is not reachable.`;
  try {
    await engine.ready();
    await parts.storage.workflows.list(READYZ_TENANT);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Engine options every role shares. */
function engineOptions(parts: RoleParts): EngineOptions {
  const { options, logger, redis, prefix } = parts;
  return {
    keyProvider: rawKeyProvider({ key: options.encryptionKey }),
    logger,
    oauth2States: createRedisOAuth2StateStore(redis, { prefix }),
    ...(options.nodeModules?.length ? { nodeModules: options.nodeModules } : {}),
    http: { allowPrivateNetworks: options.allowPrivateNetworks === true },
  };
}

/** Serves an app until stopped: stop accepting, let answers in flight end, then close every connection. */
async function serveApp(app: Hono, parts: RoleParts) {
  const host = parts.options.host ?? '127.0.0.1';
  const { http, port } = await listen(app, host, parts.options.port ?? 5678);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stop = async () => {
    const served = new Promise<void>((resolve) => http.close(() => resolve()));
    if ('closeIdleConnections' in http) http.closeIdleConnections();
    if ('closeAllConnections' in http) http.closeAllConnections();
    await served;
  };
  return { url, stop };
}

async function producerParts(parts: RoleParts) {
  const { options, logger, prefix, redis, storage, channels, closers } = parts;
  const queue = new ExecutionQueue(options.redisUrl, { prefix, connection: redis, logger });
  closers.push(() => queue.close());
  await queue.ready();
  const isolation = createQueueIsolation({ queue, redisUrl: options.redisUrl, redis, channels, prefix, logger });
  // Crash recovery is the queue's: from here, every worker's running execution would look dead.
  const engine = createNodeEngine({ ...engineOptions(parts), storage, isolation, executions: { crashRecovery: 'off' } });
  closers.push(() => engine.close({ cancelRunning: true }));
  await engine.ready();
  const quotas: QuotaOptions = {
    ...options.quotas,
    store: createRedisUsageStore(redis, { prefix }),
    runningCount: (tenantId) => storage.executions.count(tenantId, { status: 'running' }),
  };
  return { queue, isolation, engine, quotas };
}

async function startMain(parts: RoleParts): Promise<StartedRole> {
  const { options, logger, prefix, storage, stores, channels, closers } = parts;
  const { queue, engine, quotas } = await producerParts(parts);
  const events = new RelayedEvents(logger);
  closers.push(await events.listen(channels, prefix));
  const shared = new SharedActivations(stores.activations, queue, channels, prefix);
  const facade = queueModeEngine(engine, events, shared);
  const fence = new ExecutionFence(storage, logger);
  closers.push(() => fence.close());
  let running = 0;
  events.on('executionStart', () => void running++);
  events.on('executionFinish', () => void (running = Math.max(0, running - 1)));

  const apiKeys = new ApiKeys(stores.apiKeys);
  let createdKey: CreatedApiKey | undefined;
  if (options.createApiKey || (await stores.apiKeys.count()) === 0) {
    createdKey = await apiKeys.create({ tenantId: options.tenantId ?? 'default', name: 'Owner', role: 'owner' });
  }
  const registry = new Registry();
  registerQueueMetrics(registry, () => queue.counts());
  const app = createServer({
    engine: facade,
    auth: { apiKeys, ...(options.embedTokens ? { embedTokens: options.embedTokens } : {}) },
    activations: shared.store(),
    members: stores.members,
    logger,
    quotas,
    metrics: { registry },
    ...(options.corsOrigins?.length ? { corsOrigins: options.corsOrigins } : {}),
  });
  crashWhenJobsFail(queue, storage, fence, logger);
  // Every unfinished execution gets a job that finishes it (Redis may have lost some while this process was away).
  void sweepExecutions(storage, fence, queue).then(
    (report) =>
      (report.continued || report.timers) &&
      logger.warn(`Queued ${report.continued} interrupted executions and ${report.timers} wait timers.`),
    (error: unknown) => logger.error('The sweep for unfinished executions failed.', { error: String(error) }),
  );
  // Readiness as this process needs it; createServer's own probe reads a tenant PostgreSQL cannot name.
  const outer = new Hono();
  outer.get('/readyz', async (c) => {
    const reason = await notReady(parts, engine);
    return reason === undefined ? c.json({ status: 'ready' }) : c.json({ status: 'not ready', reason }, 503);
  });
  outer.all('*', (c) => app.fetch(c.req.raw));
  const served = await serveApp(outer, parts);
  return {
    process: { role: 'main', url: served.url, ...(createdKey ? { createdKey } : {}), running: () => running },
    stop: () => served.stop(),
  };
}

async function startWebhook(parts: RoleParts): Promise<StartedRole> {
  const { logger, prefix, stores, channels, closers } = parts;
  const { isolation, engine, quotas } = await producerParts(parts);
  const follower = await followActivations(engine, stores.activations, channels, prefix, logger);
  closers.push(() => follower.stop());
  // Quotas and HTTP metrics listen to no execution events here: main counts executions, once.
  const quiet: Engine = { ...engine, on: () => () => undefined } as Engine;
  const app = createWebhookApp({
    engine,
    handover: isolation,
    activations: follower,
    quotas: new Quotas(quiet, quotas, () => Date.now()),
    metrics: new ServerMetrics(quiet),
    logger,
    ready: () => notReady(parts, engine),
  });
  const served = await serveApp(app, parts);
  return { process: { role: 'webhook', url: served.url, running: () => 0 }, stop: () => served.stop() };
}

async function startWorker(parts: RoleParts, concurrency: number): Promise<StartedRole> {
  const { options, logger, prefix, redis, storage, stores, channels, closers } = parts;
  const workerId = `worker-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const queue = new ExecutionQueue(options.redisUrl, { prefix, connection: redis, logger, ends: false });
  closers.push(() => queue.close());
  const stopped = new StoppedRuns();
  const engine = createNodeEngine({
    ...engineOptions(parts),
    storage: guardedStorage(storage, stopped),
    isolation: options.isolation === false ? 'none' : 'worker',
    // The caps count executions, whether each has a thread or `executionsPerWorker` share one.
    isolationOptions: {
      maxWorkers: concurrency,
      maxWorkersPerTenant: concurrency,
      maxIdleWorkers: concurrency,
      ...(options.executionsPerWorker !== undefined ? { executionsPerWorker: options.executionsPerWorker } : {}),
    },
    // Crash recovery is the queue's (a stalled job is delivered again); this engine's runs carry its name as owner.
    executions: { crashRecovery: 'off', instanceId: workerId },
  });
  closers.push(() => engine.close({ cancelRunning: true }));
  await engine.ready();
  const fence = new ExecutionFence(storage, logger);
  closers.push(() => fence.close());
  const worker = new ExecutionWorker({
    redisUrl: options.redisUrl,
    prefix,
    redis,
    channels,
    queue,
    engine,
    stopped,
    fence,
    activations: stores.activations,
    workerId,
    concurrency,
    lockMs: options.lockMs ?? 30_000,
    logger,
  });
  await worker.start();
  const metrics = new ServerMetrics(engine);
  const app = new Hono();
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const reason = worker.worker.isRunning() ? await notReady(parts, engine) : 'The worker takes no jobs.';
    return reason === undefined ? c.json({ status: 'ready', workerId }) : c.json({ status: 'not ready', workerId, reason }, 503);
  });
  app.get('/metrics', metrics.handle);
  const served = await serveApp(app, parts);
  return {
    process: { role: 'worker', url: served.url, workerId, running: () => worker.running },
    stop: async (graceMs) => {
      await worker.close(graceMs);
      await served.stop();
    },
  };
}
