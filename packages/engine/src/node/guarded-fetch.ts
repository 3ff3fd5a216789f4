import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { createEngine, type Engine, type EngineOptions } from '../run/engine.js';
import { assertPublicUrlHost, guardFetch, isPrivateAddress, type FetchFunction } from '../ports/http.js';
import { PrivateNetworkError } from '../ports/private-network.error.js';

/** What `createGuardedFetch` takes. */
export interface GuardedFetchOptions {
  /** The fetch to send requests with (default: the global one). */
  fetch?: FetchFunction;
  /** Resolves a host name to its addresses (default: `dns.lookup` with `all: true`). */
  resolve?: (hostname: string) => Promise<string[]>;
}

async function resolveAll(hostname: string): Promise<string[]> {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * A fetch that refuses loopback, private and link-local destinations, checked
 * after DNS resolution: every address a name resolves to must be public, and
 * every redirect hop is checked again. `createNodeEngine` uses it unless the
 * host allows private networks.
 *
 * A name whose DNS answer changes between this check and the connection
 * (DNS rebinding) is not caught; hosts that need that guarantee should also
 * filter egress at the network level.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): FetchFunction {
  const base = options.fetch ?? ((input, init) => fetch(input, init));
  const resolve = options.resolve ?? resolveAll;
  return guardFetch(base, async (url) => {
    assertPublicUrlHost(url);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (isIP(host) !== 0) return;
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new TypeError(`Cannot resolve host '${host}': ${(error as Error).message}`);
    }
    for (const address of addresses) if (isPrivateAddress(address)) throw new PrivateNetworkError(host, address);
  });
}

/**
 * Creates an engine for Node: like `createEngine`, with HTTP requests checked
 * against private networks after DNS resolution (unless
 * `http.allowPrivateNetworks` is true). A `fetch` the host passes is wrapped.
 *
 * @example
 * const engine = createNodeEngine({ storage, http: { allowPrivateNetworks: false } });
 */
export function createNodeEngine(options: EngineOptions = {}): Engine {
  if (options.http?.allowPrivateNetworks) return createEngine(options);
  return createEngine({ ...options, fetch: createGuardedFetch(options.fetch ? { fetch: options.fetch } : {}) });
}
