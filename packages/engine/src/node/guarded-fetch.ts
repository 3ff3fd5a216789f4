import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { checkOptions } from '../options/check-options.js';
import { addressPolicy, assertPublicUrlHost } from '../ports/addresses.js';
import { guardFetch, type FetchFunction } from '../ports/http.js';
import { NetworkError } from '../ports/network.error.js';
import { PrivateNetworkError } from '../ports/private-network.error.js';
import type { Dispatcher } from 'undici';
import { createPinnedDispatcher, dispatcherFetch } from './pinned-dispatcher.js';

/** What `createGuardedFetch` takes. */
export interface GuardedFetchOptions {
  /**
   * The fetch to send requests with (default: undici's, connecting only to
   * checked addresses). A fetch of the host's own connects by itself: names
   * are then checked just before it is called, and a DNS answer that changes
   * in between is not caught.
   */
  fetch?: FetchFunction;
  /**
   * Resolves a host name to its addresses (default: `dns.lookup` with
   * `all: true`). With the default fetch it is called when a connection is
   * opened, and the connection goes to an address it returned.
   */
  resolve?: (hostname: string) => Promise<string[]>;
  /**
   * Non-public ranges that requests may reach anyway, in CIDR notation (see
   * `HttpOptions.allowedRanges`).
   */
  allowedRanges?: readonly string[];
}

async function resolveAll(hostname: string): Promise<string[]> {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * A fetch that refuses loopback, private, link-local and other non-public
 * destinations, checked after DNS resolution: every address a name resolves
 * to must be public (or in `allowedRanges`), and every redirect hop is checked
 * again. `createNodeEngine` uses it unless the host allows private networks.
 *
 * With the default fetch the check happens as each connection is opened, and
 * the socket connects to an address that passed it, so a DNS answer that
 * changes after the check (DNS rebinding) cannot redirect the request. TLS
 * still names and verifies the host. Address literals are checked too.
 *
 * @example
 * const fetch = createGuardedFetch({ allowedRanges: ['10.20.0.0/16'] });
 * await fetch('https://api.example.com/orders'); // refused if it resolves to 10.0.0.1
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): FetchFunction {
  checkOptions('createGuardedFetch', options, { fetch: true, resolve: true, allowedRanges: true });
  const resolve = options.resolve ?? resolveAll;
  const allowed = addressPolicy(options.allowedRanges);
  const resolveChecked = async (hostname: string) => {
    const addresses = await resolve(hostname);
    if (addresses.length === 0) throw new NetworkError('HOST_UNRESOLVED', `Cannot resolve host '${hostname}': DNS gave no addresses.`);
    for (const address of addresses) if (!allowed(address)) throw new PrivateNetworkError(hostname, address);
    return addresses;
  };
  if (options.fetch === undefined) {
    let dispatcher: Promise<Dispatcher> | undefined;
    const pinned = dispatcherFetch(() => (dispatcher ??= createPinnedDispatcher(resolveChecked, allowed)));
    return guardFetch(pinned, (url) => assertPublicUrlHost(url, allowed));
  }
  return guardFetch(options.fetch, async (url) => {
    assertPublicUrlHost(url, allowed);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (isIP(host) !== 0) return;
    try {
      await resolveChecked(host);
    } catch (error) {
      if (error instanceof PrivateNetworkError || error instanceof NetworkError) throw error;
      throw new NetworkError('HOST_UNRESOLVED', `Cannot resolve host '${host}': ${(error as Error).message}`, { cause: error });
    }
  });
}
