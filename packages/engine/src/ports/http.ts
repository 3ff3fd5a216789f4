import { PrivateNetworkError } from './private-network.error.js';

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
   * what names resolve to.
   */
  allowPrivateNetworks?: boolean;
}

function ipv4Parts(address: string): number[] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : undefined;
}

function isPrivateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast and reserved
  );
}

/** Expands an IPv6 address to eight 16-bit groups, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  if (!text.includes(':')) return undefined;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const v4 = ipv4Parts(text.slice(lastColon + 1));
  if (v4) {
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    text = `${text.slice(0, lastColon)}:`;
    if (text.endsWith('::')) text += '';
    else if (text.endsWith(':')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (known > 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
  return groups.some((g) => Number.isNaN(g)) ? undefined : groups;
}

/**
 * Whether an IP address (v4 or v6, without brackets) is loopback, private,
 * link-local, unspecified or otherwise not a public unicast address.
 * Anything that is not a well-formed address counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Parts(address);
  if (v4) return isPrivateIpv4(v4);
  const g = ipv6Groups(address);
  if (!g) return true;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses carry an IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    return isPrivateIpv4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  }
  const first = g[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    first === 0x64 // NAT64 64:ff9b::/96 and friends
  );
}

/** Whether a URL host is an IP literal (`[::1]` included). */
export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return ipv4Parts(bare) !== undefined || ipv6Groups(bare) !== undefined;
}

/**
 * Refuses a URL whose host is visibly private without resolving it: an IP
 * literal in a private range, `localhost` or a `.localhost` name. Used by
 * every engine; the Node entry adds a check of what names resolve to.
 */
export function assertPublicUrlHost(url: URL): void {
  const host = url.hostname.toLowerCase();
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare.endsWith('.localhost')) throw new PrivateNetworkError(url.hostname);
  if (isIpLiteral(bare) && isPrivateAddress(bare)) throw new PrivateNetworkError(url.hostname);
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
    throw new TypeError('Too many redirects (more than 20).');
  };
}
