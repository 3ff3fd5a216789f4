import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbedTokenOptions } from '../auth/embed-tokens.js';
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
  /** Called once the server listens (tests, hosts that embed the command). */
  onListening?(server: StandaloneServer): void;
}

/** Exit codes: stopped cleanly, could not start, the command line or environment is wrong. */
export const SERVE_EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const DEFAULT_PORT = 5678;

const usage = (name: string) => `Usage: ${name} [--db <file.sqlite>] [--port <n>] [--host <address>] [options]

Serves Flowloom's REST API over a SQLite file. Every call sends Authorization: Bearer <API key or embed token>;
an owner API key is printed once, on the first start over a database that has none.

--db <file>              the SQLite file, created when missing (default: the FLOWLOOM_DB environment variable)
--port <n>               the port (default: FLOWLOOM_PORT, else ${DEFAULT_PORT}); 0 picks a free one
--host <address>         the address to listen on (default: FLOWLOOM_HOST, else 127.0.0.1, this machine only)
--tenant <id>            the tenant of the owner API key made on first start (default 'default')
--create-api-key         make a new owner API key at this start even if the database holds keys (shown once)
--embed-jwks-url <url>   accept embed tokens signed with a key of this JWKS (or FLOWLOOM_EMBED_JWKS_URL);
                         FLOWLOOM_EMBED_SECRET instead accepts tokens signed with that HMAC secret
--embed-issuer <iss>     the iss embed tokens must carry (or FLOWLOOM_EMBED_ISSUER); needed with embed tokens
--embed-audience <aud>   the aud embed tokens must carry (or FLOWLOOM_EMBED_AUDIENCE; default 'flowloom')
--cors-origin <origin>   a page origin that may call the API from the browser; repeatable
--nodes <module>         a module whose exports are node types; repeatable
--allow-private-networks let HTTP Request reach loopback, private and link-local addresses
--in-process             run executions in the server's process instead of isolated workers
--shutdown-timeout <ms>  how long running executions may go on after SIGINT or SIGTERM (default 30000)

Credentials are encrypted with FLOWLOOM_ENCRYPTION_KEY (64 hexadecimal digits) or, without it, with the key in
<db>.key, created on first start.

Exit codes: 0 stopped by SIGINT or SIGTERM, 1 could not start, 2 a wrong option or environment variable.`;

class UsageError extends Error {}

interface ServeArgs {
  db?: string;
  port?: string;
  host?: string;
  tenant?: string;
  createApiKey: boolean;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  corsOrigins: string[];
  nodes: string[];
  allowPrivateNetworks: boolean;
  inProcess: boolean;
  shutdownTimeout?: string;
  help: boolean;
}

function parseArgs(argv: readonly string[]): ServeArgs {
  const args: ServeArgs = { createApiKey: false, corsOrigins: [], nodes: [], allowPrivateNetworks: false, inProcess: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--db') args.db = value();
    else if (a === '--port') args.port = value();
    else if (a === '--host') args.host = value();
    else if (a === '--tenant') args.tenant = value();
    else if (a === '--create-api-key') args.createApiKey = true;
    else if (a === '--embed-jwks-url') args.jwksUrl = value();
    else if (a === '--embed-issuer') args.issuer = value();
    else if (a === '--embed-audience') args.audience = value();
    else if (a === '--cors-origin') args.corsOrigins.push(value());
    else if (a === '--nodes') args.nodes.push(value());
    else if (a === '--allow-private-networks') args.allowPrivateNetworks = true;
    else if (a === '--in-process') args.inProcess = true;
    else if (a === '--shutdown-timeout') args.shutdownTimeout = value();
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`);
    else throw new UsageError(`Unexpected argument '${a}': serve takes options only.`);
  }
  return args;
}

/** A whole number within bounds, or a usage error naming where it came from. */
function wholeNumber(text: string, where: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`${where} must be a whole number from ${min} to ${max}, got '${text}'.`);
  return n;
}

function embedTokens(args: ServeArgs, env: Record<string, string | undefined>): EmbedTokenOptions | undefined {
  const secret = env['FLOWLOOM_EMBED_SECRET'] || undefined;
  const jwksUrl = args.jwksUrl ?? (env['FLOWLOOM_EMBED_JWKS_URL'] || undefined);
  const issuer = args.issuer ?? (env['FLOWLOOM_EMBED_ISSUER'] || undefined);
  const audience = args.audience ?? (env['FLOWLOOM_EMBED_AUDIENCE'] || 'flowloom');
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

/**
 * Runs `flowloom serve` (and `npx @flowloom/server`): starts the standalone
 * server, serves until `io.stop` (by default SIGINT or SIGTERM), shuts down
 * gracefully and resolves with the exit code. Never exits the process.
 */
export async function runServe(argv: readonly string[], io: ServeIo): Promise<number> {
  const name = io.name ?? 'flowloom serve';
  const env = io.env ?? process.env;
  let options: Parameters<typeof startStandaloneServer>[0];
  let graceMs: number;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(`${usage(name)}\n`);
      return SERVE_EXIT.ok;
    }
    const db = args.db ?? (env['FLOWLOOM_DB'] || undefined);
    if (db === undefined) throw new UsageError('A database is needed: give --db <file.sqlite> or set FLOWLOOM_DB.');
    const portText = args.port ?? (env['FLOWLOOM_PORT'] || undefined);
    const port =
      portText === undefined ? DEFAULT_PORT : wholeNumber(portText, args.port !== undefined ? '--port' : 'FLOWLOOM_PORT', 0, 65535);
    graceMs = args.shutdownTimeout === undefined ? 30_000 : wholeNumber(args.shutdownTimeout, '--shutdown-timeout', 0, 86_400_000);
    if (args.tenant !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(args.tenant)) {
      throw new UsageError(`--tenant must be 1 to 64 letters, digits, '.', '_' or '-', got '${args.tenant}'.`);
    }
    for (const origin of args.corsOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        throw new UsageError(`--cors-origin must be an origin such as https://app.example.com, got '${origin}'.`);
    }
    const tokens = embedTokens(args, env);
    const key = encryptionKey(env);
    options = {
      dbFile: isAbsolute(db) ? db : resolve(io.cwd, db),
      port,
      host: args.host ?? (env['FLOWLOOM_HOST'] || '127.0.0.1'),
      ...(tokens ? { embedTokens: tokens } : {}),
      ...(key ? { encryptionKey: key } : {}),
      ...(args.tenant !== undefined ? { tenantId: args.tenant } : {}),
      createApiKey: args.createApiKey,
      isolation: !args.inProcess,
      nodeModules: args.nodes.map((spec) =>
        spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(io.cwd, spec)).href : spec,
      ),
      allowPrivateNetworks: args.allowPrivateNetworks,
      corsOrigins: args.corsOrigins,
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
