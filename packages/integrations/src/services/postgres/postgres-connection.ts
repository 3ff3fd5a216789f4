// Opening a connection to the server a Postgres credential names, under the network policy of the Postgres node
// (Node.js only: TCP, DNS and TLS through `pg`).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress, NodeExecutionError, type NodeContext } from '@flowloom/engine';
import pg from 'pg';
import type { PostgresCredentialData } from './postgres-credentials.js';

/** Where the Postgres node may connect (`createNodeIntegrations(options)`, `createPostgresNode(options)`). */
export interface PostgresNetworkOptions {
  /**
   * Connect to loopback, private and link-local addresses and to local
   * sockets too (default false: like HTTP requests, only public addresses).
   * A database on the host's own network needs it.
   */
  allowPrivateNetworks?: boolean;
  /** Resolves a host name to its addresses (default: `dns.lookup` with `all: true`). */
  resolve?: (hostname: string) => Promise<string[]>;
}

const OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

async function resolveAll(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
}

function refused(ctx: NodeContext, message: string, code = 'POSTGRES_CONNECTION_REFUSED'): NodeExecutionError {
  return new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, { code, retryable: false });
}

/**
 * The address to connect to: every address the host resolves to must be
 * public unless private networks are allowed, and the connection goes to one
 * of the checked addresses (the name stays the TLS server name), so a DNS
 * answer that changes after the check cannot move it.
 */
async function checkedAddress(ctx: NodeContext, host: string, options: PostgresNetworkOptions): Promise<string> {
  if (options.allowPrivateNetworks) return host;
  const why =
    'connections to private networks are refused unless the host allows them (allowPrivateNetworks: true, given to createNodeIntegrations or createPostgresNode)';
  if (host.startsWith('/')) throw refused(ctx, `Postgres host '${host}' is a local socket; ${why}.`, 'PRIVATE_NETWORK');
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: string[];
  if (isIP(bare) !== 0) addresses = [bare];
  else {
    try {
      addresses = await (options.resolve ?? resolveAll)(bare);
    } catch (error) {
      throw new NodeExecutionError(`Node '${ctx.node.name}': cannot resolve Postgres host '${host}': ${(error as Error).message}`, {
        code: 'POSTGRES_CONNECTION_FAILED',
        retryable: true,
      });
    }
  }
  if (addresses.length === 0)
    throw refused(ctx, `cannot resolve Postgres host '${host}': DNS gave no addresses.`, 'POSTGRES_CONNECTION_FAILED');
  const privateOne = addresses.find(isPrivateAddress);
  if (privateOne !== undefined) {
    throw refused(
      ctx,
      `Postgres host '${host}' ${privateOne === bare ? 'is' : `resolves to`} a private address${privateOne === bare ? '' : ` (${privateOne})`}; ${why}.`,
      'PRIVATE_NETWORK',
    );
  }
  return addresses[0]!;
}

/** How result values are read: Postgres's text for bigint and numeric by default, or numbers. */
function typeParsers(largeNumbers: 'text' | 'numbers'): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (largeNumbers === 'numbers' && (oid === OIDS.int8 || oid === OIDS.numeric)) return (v: string) => Number(v);
      // A date has no time zone: keep Postgres's YYYY-MM-DD rather than midnight in the host's zone.
      if (oid === OIDS.date) return (v: string) => v;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** A connected client, and how to close it; the caller closes it. A run that is cancelled closes it at once. */
export async function connect(
  ctx: NodeContext,
  data: PostgresCredentialData,
  settings: { connectionTimeoutMs: number; largeNumbers: 'text' | 'numbers' },
  options: PostgresNetworkOptions,
): Promise<{ client: pg.Client; close: () => Promise<void> }> {
  const address = await checkedAddress(ctx, data.host, options);
  const named = isIP(data.host) === 0 && !data.host.startsWith('/');
  const client = new pg.Client({
    host: address,
    port: data.port,
    database: data.database,
    user: data.user,
    password: data.password,
    ssl: data.ssl === 'require' ? { rejectUnauthorized: !data.allowUnauthorizedCerts, ...(named ? { servername: data.host } : {}) } : false,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    types: typeParsers(settings.largeNumbers),
  });
  // An error after connecting (the server going away) is reported by the query that meets it.
  client.on('error', () => undefined);
  const end = () => void client.end().catch(() => undefined);
  ctx.signal.addEventListener('abort', end, { once: true });
  const close = async () => {
    ctx.signal.removeEventListener('abort', end);
    await client.end().catch(() => undefined);
  };
  try {
    await client.connect();
  } catch (error) {
    await close();
    throw new NodeExecutionError(
      `Node '${ctx.node.name}': cannot connect to Postgres at ${data.host}:${data.port} as '${data.user}': ${(error as Error).message}`,
      { code: 'POSTGRES_CONNECTION_FAILED', retryable: true, details: { host: data.host, port: data.port, database: data.database } },
    );
  }
  return { client, close };
}
