import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbedTokenOptions } from '../auth/embed-tokens.js';
import { QUEUE_ROLES, startQueueProcess, type QueueProcess, type QueueProcessOptions, type QueueRole } from '../queue/queue-process.js';
import { checkRedisUrl, describeRedis } from '../queue/redis-connection.js';
import { optionsUsage, SERVE_OPTIONS, type ServeMode } from './serve-options.js';
import { keyFileOf, startStandaloneServer, type StandaloneServer } from './standalone-server.js';

/** Where the command writes and what it reads; the bins pass the process's. */
export interface ServeIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** How the command is called in messages (default `flowloom serve`). */
  name?: string;
  /**
   * Resolves, with a reason to print, when the server should stop. Default:
   * the process's first SIGINT or SIGTERM.
   */
  stop?: Promise<string>;
  /** Called once the standalone server listens (tests, hosts that embed the command). */
  onListening?(server: StandaloneServer): void;
  /** Called once a queue-mode process is started. */
  onQueueProcess?(process: QueueProcess): void;
}

/** Exit codes: stopped cleanly, could not start, the command line or environment is wrong. */
export const SERVE_EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const DEFAULT_PORT = 5678;

const usage = (name: string) => `Usage: ${name} [--db <file.sqlite>] [--port <n>] [--host <address>] [options]
       ${name} --role <main|worker|webhook> --postgres <url> --redis <url> [options]

Serves Flowloom's REST API over a SQLite file, or, in queue mode, runs one process of an installation whose processes
share one PostgreSQL and one Redis (see docs/deploy.md). Every API call sends Authorization: Bearer <API key or
embed token>; an owner API key is printed once, on the first start over a database that has none.

${optionsUsage()}

Without FLOWLOOM_ENCRYPTION_KEY, the standalone server encrypts credentials with the key in <db>.key, created on first
start. [modes] name who reads an option: standalone, or the queue-mode role.

Exit codes: 0 stopped by SIGINT or SIGTERM, 1 could not start, 2 a wrong option or environment variable.`;

class UsageError extends Error {}

/** What was given on the command line: each option's value (or values), by flag. */
type Given = Map<string, string[]>;

function parseArgs(argv: readonly string[]): Given {
  const given: Given = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const flag = a === '-h' ? '--help' : a;
    const option = SERVE_OPTIONS.find((o) => o.flag === flag);
    if (!option) {
      if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`);
      throw new UsageError(`Unexpected argument '${a}': serve takes options only.`);
    }
    let value = '';
    if (option.value) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      value = v;
    }
    const values = given.get(option.flag) ?? [];
    if (values.length > 0 && !option.repeatable) throw new UsageError(`${option.flag} is given twice; give it once.`);
    given.set(option.flag, [...values, value]);
  }
  return given;
}

/** The option's value from the command line, else from its environment variable; where it came from, for messages. */
function read(given: Given, env: Record<string, string | undefined>, flag: string): { value: string; where: string } | undefined {
  const option = SERVE_OPTIONS.find((o) => o.flag === flag)!;
  const fromFlag = given.get(flag)?.[0];
  if (fromFlag !== undefined) return { value: fromFlag, where: flag };
  const fromEnv = option.env ? env[option.env] || undefined : undefined;
  return fromEnv === undefined ? undefined : { value: fromEnv, where: option.env! };
}

/** A whole number within bounds, or a usage error naming where it came from. */
function wholeNumber(text: string, where: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`${where} must be a whole number from ${min} to ${max}, got '${text}'.`);
  return n;
}

function embedTokens(given: Given, env: Record<string, string | undefined>): EmbedTokenOptions | undefined {
  const secret = env['FLOWLOOM_EMBED_SECRET'] || undefined;
  const jwksUrl = read(given, env, '--embed-jwks-url')?.value;
  const issuer = read(given, env, '--embed-issuer')?.value;
  const audience = read(given, env, '--embed-audience')?.value ?? 'flowloom';
  if (secret === undefined && jwksUrl === undefined) {
    if (issuer !== undefined) throw new UsageError('--embed-issuer needs FLOWLOOM_EMBED_SECRET or --embed-jwks-url to verify tokens with.');
    return undefined;
  }
  if (secret !== undefined && jwksUrl !== undefined) {
    throw new UsageError(
      'Embed tokens are verified with FLOWLOOM_EMBED_SECRET or with --embed-jwks-url (FLOWLOOM_EMBED_JWKS_URL), not both.',
    );
  }
  if (secret !== undefined && secret.length < 32) {
    throw new UsageError(`FLOWLOOM_EMBED_SECRET must be at least 32 characters (an HMAC key of 256 bits), got ${secret.length}.`);
  }
  if (jwksUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new UsageError(`--embed-jwks-url must be an http(s) URL, got '${jwksUrl}'.`);
    }
  }
  if (issuer === undefined) throw new UsageError('Embed tokens need --embed-issuer (or FLOWLOOM_EMBED_ISSUER): the iss your tokens carry.');
  return { ...(secret !== undefined ? { secret } : { jwksUrl: jwksUrl! }), issuer, audience };
}

function encryptionKey(env: Record<string, string | undefined>): Uint8Array | undefined {
  const text = env['FLOWLOOM_ENCRYPTION_KEY'];
  if (!text) return undefined;
  if (!/^[0-9a-f]{64}$/i.test(text.trim())) {
    throw new UsageError('FLOWLOOM_ENCRYPTION_KEY must be 64 hexadecimal digits (32 bytes), e.g. from `openssl rand -hex 32`.');
  }
  return new Uint8Array(Buffer.from(text.trim(), 'hex'));
}

/** The process's first SIGINT or SIGTERM. */
function processStop(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Which process this is: the standalone server, or the queue-mode role; refuses flags the process does not read. */
function modeOf(given: Given, env: Record<string, string | undefined>): ServeMode {
  const role = read(given, env, '--role');
  const queueFlags = ['--postgres', '--redis'].filter((f) => given.has(f));
  let mode: ServeMode;
  if (role) {
    if (!QUEUE_ROLES.includes(role.value as QueueRole)) {
      throw new UsageError(`${role.where} must be one of ${QUEUE_ROLES.join(', ')}, got '${role.value}'.`);
    }
    mode = role.value as QueueRole;
  } else if (queueFlags.length > 0) {
    throw new UsageError(`${queueFlags[0]} is for queue mode: give --role main, worker or webhook (or FLOWLOOM_ROLE) too.`);
  } else mode = 'standalone';
  for (const flag of given.keys()) {
    const option = SERVE_OPTIONS.find((o) => o.flag === flag)!;
    if (option.modes.includes(mode)) continue;
    const who = mode === 'standalone' ? 'the standalone server (without --role)' : `a ${mode} process`;
    const readers = option.modes.map((m) => (m === 'standalone' ? 'the standalone server' : m)).join(', ');
    throw new UsageError(`${flag} does not apply to ${who}; it is read by: ${readers}.`);
  }
  return mode;
}

/**
 * Executions one worker thread carries, for a process that runs executions; its flag is refused with
 * `--in-process`, which isolates nothing, and its variable then ignored, as variables a process does not read are.
 */
function executionsPerWorker(given: Given, env: Record<string, string | undefined>): number | undefined {
  const option = read(given, env, '--executions-per-worker');
  if (!option) return undefined;
  if (given.has('--in-process')) {
    if (option.where !== '--executions-per-worker') return undefined;
    throw new UsageError(
      "--executions-per-worker does not apply with --in-process: executions then run on the process's main thread, in no worker thread.",
    );
  }
  return wholeNumber(option.value, option.where, 1, 1000);
}

/** The common options of both kinds of process. */
function common(given: Given, env: Record<string, string | undefined>, cwd: string) {
  const port = read(given, env, '--port');
  const shutdown = given.get('--shutdown-timeout')?.[0];
  const tenant = given.get('--tenant')?.[0];
  if (tenant !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(tenant)) {
    throw new UsageError(`--tenant must be 1 to 64 letters, digits, '.', '_' or '-', got '${tenant}'.`);
  }
  const corsOrigins = given.get('--cors-origin') ?? [];
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new UsageError(`--cors-origin must be an origin such as https://app.example.com, got '${origin}'.`);
  }
  return {
    port: port === undefined ? DEFAULT_PORT : wholeNumber(port.value, port.where, 0, 65535),
    host: read(given, env, '--host')?.value ?? '127.0.0.1',
    graceMs: shutdown === undefined ? 30_000 : wholeNumber(shutdown, '--shutdown-timeout', 0, 86_400_000),
    ...(tenant !== undefined ? { tenantId: tenant } : {}),
    createApiKey: given.has('--create-api-key'),
    corsOrigins,
    nodeModules: (given.get('--nodes') ?? []).map((spec) =>
      spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(cwd, spec)).href : spec,
    ),
    allowPrivateNetworks: given.has('--allow-private-networks'),
  };
}

/** The options of a queue-mode process, checked. */
function queueOptions(role: QueueRole, given: Given, env: Record<string, string | undefined>, cwd: string) {
  const postgres = read(given, env, '--postgres');
  const redis = read(given, env, '--redis');
  if (!postgres) throw new UsageError(`A ${role} process needs the shared database: give --postgres <url> or set FLOWLOOM_DATABASE_URL.`);
  if (!redis) throw new UsageError(`A ${role} process needs the shared Redis: give --redis <url> or set FLOWLOOM_REDIS_URL.`);
  if (!/^postgres(ql)?:\/\//.test(postgres.value)) {
    throw new UsageError(`${postgres.where} must be a postgres:// URL, such as postgres://user:password@host:5432/flowloom.`);
  }
  const badRedis = checkRedisUrl(redis.value, redis.where);
  if (badRedis) throw new UsageError(badRedis);
  const key = encryptionKey(env);
  if (!key) {
    throw new UsageError(
      'Queue mode needs FLOWLOOM_ENCRYPTION_KEY (64 hexadecimal digits, e.g. from `openssl rand -hex 32`), the same in every process: they all read the same credentials.',
    );
  }
  const concurrency = read(given, env, '--concurrency');
  const lock = read(given, env, '--job-lock');
  const perWorker = role === 'worker' ? executionsPerWorker(given, env) : undefined;
  const prefix = read(given, env, '--queue-prefix');
  if (prefix && !/^[A-Za-z0-9_-]{1,64}$/.test(prefix.value)) {
    throw new UsageError(`${prefix.where} must be 1 to 64 letters, digits, '_' or '-', got '${prefix.value}'.`);
  }
  const base = common(given, env, cwd);
  const tokens = role === 'main' ? embedTokens(given, env) : undefined;
  const options: QueueProcessOptions = {
    role,
    postgresUrl: postgres.value,
    redisUrl: redis.value,
    encryptionKey: key,
    port: base.port,
    host: base.host,
    nodeModules: base.nodeModules,
    allowPrivateNetworks: base.allowPrivateNetworks,
    ...(role === 'main' ? { createApiKey: base.createApiKey, corsOrigins: base.corsOrigins } : {}),
    ...(role === 'main' && base.tenantId !== undefined ? { tenantId: base.tenantId } : {}),
    ...(tokens ? { embedTokens: tokens } : {}),
    ...(role === 'worker' ? { isolation: !given.has('--in-process') } : {}),
    ...(perWorker !== undefined ? { executionsPerWorker: perWorker } : {}),
    ...(role === 'worker' && concurrency ? { concurrency: wholeNumber(concurrency.value, concurrency.where, 1, 1000) } : {}),
    ...(role === 'worker' && lock ? { lockMs: wholeNumber(lock.value, lock.where, 1000, 3_600_000) } : {}),
    ...(prefix ? { prefix: prefix.value } : {}),
  };
  return { options, graceMs: base.graceMs };
}

/** A line for people about a queue-mode process that started. */
function startedLine(process: QueueProcess, redisUrl: string): string {
  if (process.role === 'worker') {
    return `Flowloom worker ${process.workerId} takes executions from ${describeRedis(redisUrl)} (health: ${process.url}/readyz)`;
  }
  if (process.role === 'webhook') return `Flowloom webhook process listening on ${process.url} (runs go to ${describeRedis(redisUrl)})`;
  return `Flowloom API listening on ${process.url} (reference: ${process.url}/docs; runs go to ${describeRedis(redisUrl)})`;
}

/**
 * Runs `flowloom serve` (and `npx @flowloom/server`): starts the standalone
 * server, or with `--role` one process of a queue-mode installation, serves
 * until `io.stop` (by default SIGINT or SIGTERM), shuts down gracefully and
 * resolves with the exit code. Never exits the process.
 */
export async function runServe(argv: readonly string[], io: ServeIo): Promise<number> {
  const name = io.name ?? 'flowloom serve';
  const env = io.env ?? process.env;
  let given: Given;
  let mode: ServeMode;
  try {
    given = parseArgs(argv);
    if (given.has('--help')) {
      io.stdout(`${usage(name)}\n`);
      return SERVE_EXIT.ok;
    }
    mode = modeOf(given, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${name}: ${error.message}\n\n${usage(name)}\n`);
    return SERVE_EXIT.badInput;
  }
  return mode === 'standalone' ? serveStandalone(name, given, env, io) : serveQueue(name, mode, given, env, io);
}

async function serveStandalone(name: string, given: Given, env: Record<string, string | undefined>, io: ServeIo): Promise<number> {
  let options: Parameters<typeof startStandaloneServer>[0];
  let graceMs: number;
  try {
    const db = read(given, env, '--db')?.value;
    if (db === undefined) throw new UsageError('A database is needed: give --db <file.sqlite> or set FLOWLOOM_DB.');
    const base = common(given, env, io.cwd);
    graceMs = base.graceMs;
    const tokens = embedTokens(given, env);
    const key = encryptionKey(env);
    const perWorker = executionsPerWorker(given, env);
    options = {
      dbFile: isAbsolute(db) ? db : resolve(io.cwd, db),
      port: base.port,
      host: base.host,
      ...(tokens ? { embedTokens: tokens } : {}),
      ...(key ? { encryptionKey: key } : {}),
      ...(base.tenantId !== undefined ? { tenantId: base.tenantId } : {}),
      createApiKey: base.createApiKey,
      isolation: !given.has('--in-process'),
      ...(perWorker !== undefined ? { executionsPerWorker: perWorker } : {}),
      nodeModules: base.nodeModules,
      allowPrivateNetworks: base.allowPrivateNetworks,
      corsOrigins: base.corsOrigins,
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${name}: ${error.message}\n\n${usage(name)}\n`);
    return SERVE_EXIT.badInput;
  }

  const stop = io.stop ?? processStop();
  let server: StandaloneServer;
  try {
    server = await startStandaloneServer(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} of ${options.host} is in use: stop what holds it or give another --port.`
        : (error as Error).message;
    io.stderr(`${name}: could not start: ${reason}\n`);
    return SERVE_EXIT.failed;
  }
  if (server.createdKey) {
    const { key, apiKey } = server.createdKey;
    io.stdout(`Owner API key of tenant '${apiKey.tenantId}' (shown this once, keep it now): ${key}\n`);
  }
  if (!options.encryptionKey)
    io.stderr(`${name}: credentials are encrypted with the key in ${keyFileOf(options.dbFile)}: back it up with the database.\n`);
  io.stdout(`Flowloom API listening on ${server.url} (reference: ${server.url}/docs)\n`);
  io.onListening?.(server);

  const reason = await stop;
  const running = server.running();
  io.stderr(
    `${name}: ${reason}: no longer accepting connections; ${
      running === 0
        ? 'no execution is running'
        : `waiting up to ${graceMs / 1000} s for ${running} running execution${running === 1 ? '' : 's'}`
    }.\n`,
  );
  await server.close({ graceMs });
  io.stderr(`${name}: stopped.\n`);
  return SERVE_EXIT.ok;
}

async function serveQueue(
  name: string,
  role: QueueRole,
  given: Given,
  env: Record<string, string | undefined>,
  io: ServeIo,
): Promise<number> {
  let options: QueueProcessOptions;
  let graceMs: number;
  try {
    ({ options, graceMs } = queueOptions(role, given, env, io.cwd));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${name}: ${error.message}\n\n${usage(name)}\n`);
    return SERVE_EXIT.badInput;
  }
  const stop = io.stop ?? processStop();
  // A stop asked for while PostgreSQL or Redis is still awaited ends the waiting.
  const giveUp = new AbortController();
  let stopReason: string | undefined;
  void stop.then((reason) => {
    stopReason = reason;
    giveUp.abort();
  });
  const logger = {
    debug: () => {},
    info: (message: string) => io.stderr(`${name} (${role}): ${message}\n`),
    warn: (message: string) => io.stderr(`${name} (${role}): ${message}\n`),
    error: (message: string, data?: Record<string, unknown>) =>
      io.stderr(`${name} (${role}): ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`),
  };
  let started: QueueProcess;
  try {
    started = await startQueueProcess({ ...options, logger, signal: giveUp.signal });
  } catch (error) {
    if (stopReason !== undefined) {
      io.stderr(`${name}: ${stopReason}: stopped before it started.\n`);
      return SERVE_EXIT.ok;
    }
    const code = (error as { code?: string }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} of ${options.host} is in use: stop what holds it or give another --port.`
        : (error as Error).message;
    io.stderr(`${name}: could not start: ${reason}\n`);
    return SERVE_EXIT.failed;
  }
  if (started.createdKey) {
    const { key, apiKey } = started.createdKey;
    io.stdout(`Owner API key of tenant '${apiKey.tenantId}' (shown this once, keep it now): ${key}\n`);
  }
  io.stdout(`${startedLine(started, options.redisUrl)}\n`);
  io.onQueueProcess?.(started);

  const reason = await stop;
  const running = started.running();
  io.stderr(
    `${name}: ${reason}: no longer taking work; ${
      running === 0 || role !== 'worker'
        ? 'no execution is running here'
        : `waiting up to ${graceMs / 1000} s for ${running} running execution${running === 1 ? '' : 's'} (then another worker continues them)`
    }.\n`,
  );
  await started.close({ graceMs });
  io.stderr(`${name}: stopped.\n`);
  return SERVE_EXIT.ok;
}
