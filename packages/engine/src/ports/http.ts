import { NetworkError } from './network.error.js';

/** The shape of the platform's `fetch`; the engine's single door to HTTP. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** HTTP settings of an engine (`createEngine({ http })`). */
export interface HttpOptions {
  /**
   * Allow requests to loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12,
   * 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10) and other
   * non-public addresses. Off by default so workflows cannot reach the host's
   * own network. In browsers and workers only literal addresses and
   * `localhost` can be checked; in Node, `@flowloom/engine/node` also checks
   * what names resolve to, at connection time.
   */
  allowPrivateNetworks?: boolean;
  /**
   * Non-public address ranges that requests may reach anyway, in CIDR
   * notation (`'10.20.0.0/16'`, `'fd00:db::/64'`; a bare address means that
   * one address), for hosts whose workflows must call a few internal services
   * while the rest of the private network stays refused. Names under
   * `localhost` stay refused; use the address. An entry that is not a range
   * throws: when the engine is created in Node (`createNodeEngine`), and on
   * the engine's first request in a page or worker, where the address checks
   * load with it.
   *
   * @example
   * createNodeEngine({ http: { allowedRanges: ['10.20.0.0/16'] } });
   */
  allowedRanges?: readonly string[];
}

/** The URL a fetch input points to. */
export function urlOf(input: string | URL | Request): URL {
  if (typeof input === 'string') return new URL(input);
  if ('searchParams' in input) return input;
  return new URL(input.url);
}

/**
 * Wraps a fetch so it refuses private hosts, on the first request and on every
 * redirect: redirects are followed here (up to 20) so each hop is checked.
 * Where the platform hides redirects (browsers answer `redirect: 'manual'`
 * with an opaque response), the request is sent again with the platform's own
 * redirect handling, and its security model applies.
 */
export function guardFetch(base: FetchFunction, checkUrl: (url: URL) => void | Promise<void>): FetchFunction {
  return async (input, init) => {
    const first = new Request(input, init);
    let url = new URL(first.url);
    let method = first.method;
    const headers = first.headers;
    let body: ArrayBuffer | undefined = method === 'GET' || method === 'HEAD' ? undefined : await first.arrayBuffer();
    const signal = init?.signal ?? first.signal;
    const mode = init?.redirect ?? 'follow';
    for (let hop = 0; hop <= 20; hop++) {
      await checkUrl(url);
      const send = (redirect: 'follow' | 'error' | 'manual') =>
        base(url.href, { method, headers, redirect, signal, ...(body === undefined ? {} : { body }) });
      if (mode !== 'follow') return send(mode);
      const response = await send('manual');
      if (response.status === 0) return send('follow');
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) return response;
      const next = new URL(location, url);
      // 303, and 301/302 after POST, become GET without a body, as browsers do.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      if (next.origin !== url.origin) {
        headers.delete('authorization');
        headers.delete('cookie');
      }
      url = next;
    }
    throw new NetworkError(
      'TOO_MANY_REDIRECTS',
      `Too many redirects (more than 20) from ${new URL(first.url).host}; they may go round in a loop.`,
    );
  };
}
