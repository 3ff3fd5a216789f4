import { isIP, type LookupFunction } from 'node:net';
import type { Dispatcher, RequestInit as UndiciRequestInit } from 'undici';
import type { AddressPolicy } from '../ports/addresses.js';
import type { FetchFunction } from '../ports/http.js';
import { NetworkError } from '../ports/network.error.js';
import { PrivateNetworkError } from '../ports/private-network.error.js';

// undici is loaded on the first request, not when the engine is created.
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => (undici ??= import('undici'));

/** Resolves a host name to its addresses, refusing it (`PrivateNetworkError`) unless every one is allowed. */
export type CheckedResolver = (hostname: string) => Promise<string[]>;

/**
 * A `lookup` for `net.connect` and `tls.connect` that answers with the
 * addresses `resolve` checked, so the socket connects to one of them and to
 * nothing a second resolution might return. The host name stays the TLS
 * server name, and certificates are still checked against it.
 */
function checkedLookup(resolve: CheckedResolver): LookupFunction {
  return (hostname, options, callback) => {
    void resolve(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = family === 0 ? addresses : addresses.filter((address) => isIP(address) === family);
        const first = usable[0];
        if (first === undefined) {
          callback(new NetworkError('HOST_UNRESOLVED', `Host '${hostname}' has no IPv${family} address.`), '');
        } else if (options.all) {
          callback(
            null,
            usable.map((address) => ({ address, family: isIP(address) })),
          );
        } else {
          callback(null, first, isIP(first));
        }
      },
      (error: Error) => callback(error, ''),
    );
  };
}

/**
 * An undici `Agent` whose every new connection goes to an address checked at
 * that moment: names through `resolve` (all their addresses), address
 * literals against `allowed` (Node connects to those without a lookup).
 * Pooled connections were checked when they were opened. `tls.ca` replaces
 * the trusted certificate authorities (for a private CA).
 */
export async function createPinnedDispatcher(
  resolve: CheckedResolver,
  allowed: AddressPolicy,
  tls: { ca?: string } = {},
): Promise<Dispatcher> {
  const { Agent, buildConnector } = await loadUndici();
  const connect = buildConnector({ ...tls, lookup: checkedLookup(resolve) });
  return new Agent({
    connect(options, callback) {
      const host = options.hostname.startsWith('[') ? options.hostname.slice(1, -1) : options.hostname;
      if (isIP(host) !== 0 && !allowed(host)) callback(new PrivateNetworkError(host), null);
      else connect(options, callback);
    },
  });
}

/**
 * undici's `fetch` through `dispatcher` (or the dispatcher a function makes on the first request). A refusal at connection time comes
 * back as the `PrivateNetworkError` (or, for a host without an address, the `NetworkError`) itself, not as undici's "fetch failed".
 */
export function dispatcherFetch(dispatcher: Dispatcher | Promise<Dispatcher> | (() => Promise<Dispatcher>)): FetchFunction {
  return async (input, init) => {
    const { fetch: undiciFetch } = await loadUndici();
    const through = typeof dispatcher === 'function' ? await dispatcher() : await dispatcher;
    // undici's fetch knows its own Request class only: a platform Request is unpacked.
    const request = typeof input === 'string' || input instanceof URL ? undefined : input;
    const fromRequest = request
      ? { method: request.method, headers: request.headers, body: request.body, redirect: request.redirect, signal: request.signal }
      : {};
    const options = { ...fromRequest, ...(request?.body ? { duplex: 'half' } : {}), ...init, dispatcher: through };
    try {
      return (await undiciFetch(request ? request.url : input.toString(), options as UndiciRequestInit)) as unknown as Response;
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined;
      throw cause instanceof PrivateNetworkError || cause instanceof NetworkError ? cause : error;
    }
  };
}
