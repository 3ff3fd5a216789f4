// The fetch port of an engine in a page: vendor APIs mostly refuse calls from browsers (CORS), so every
// request goes to a relay route on the host's own server, which forwards it and streams the answer back.
import type { FetchFunction } from '@flowloom/engine';

/** The header a relay sets on every answer it forwarded: the vendor's status. */
const RELAY_STATUS = 'x-flowloom-relay-status';
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** What {@link relayFetch} adds to every request for the host's server. */
export interface RelayFetchOptions {
  /** The tenant the host's server acts for, sent as `x-tenant`. */
  tenant?: string;
  /**
   * More headers for the host's server (its own authentication). The relay must
   * keep them back from the vendor; the page's cookies go along as with any
   * same-origin request.
   */
  headers?: HeadersInit;
}

/**
 * A `fetch` for `createEngine({ fetch })` in a page: `https://<host>/<path>?<query>`
 * goes to `<relayBaseUrl>/relay/<host>/<path>?<query>`, with the same method,
 * headers and body. The engine signs each request for the vendor's real host
 * (and refuses hosts the credential may not go to) before it gets here, so the
 * credential's destination binding holds; the relay forwards only to the hosts
 * its server allows.
 *
 * Redirects come back readable: the engine checks and re-signs each hop
 * (`redirect: 'manual'`), and the default `'follow'` follows them here, through
 * the relay. An answer the relay did not forward (it refused the host, the
 * tenant, or was not there) rejects with a `TypeError` carrying its message,
 * as fetch does for a network failure.
 *
 * @param relayBaseUrl the host's server, e.g. `location.origin` or `https://app.example.com/api`
 * @example
 * const engine = createEngine({
 *   nodeTypes: [...allIntegrations],
 *   credentialTypes: [...allIntegrationCredentials],
 *   fetch: relayFetch(location.origin, { tenant: 'acme' }),
 * });
 */
export function relayFetch(relayBaseUrl: string | URL, options: RelayFetchOptions = {}): FetchFunction {
  const base = String(relayBaseUrl).replace(/\/+$/, '');
  const own = new Headers(options.headers);
  if (options.tenant !== undefined) own.set('x-tenant', options.tenant);

  const send = async (url: URL, method: string, headers: Headers, body: ArrayBuffer | undefined, signal: AbortSignal) => {
    if (url.protocol !== 'https:') throw new TypeError(`The relay forwards HTTPS requests only, not ${url.href}.`);
    const sent = new Headers(headers);
    own.forEach((value, name) => sent.set(name, value));
    const relayed = `${base}/relay/${url.host}${url.pathname}${url.search}`;
    const response = await fetch(relayed, { method, headers: sent, signal, redirect: 'manual', ...(body ? { body } : {}) });
    const status = response.headers.get(RELAY_STATUS);
    if (status === null) throw new TypeError(await refusal(response, url, base));
    if (Number(status) === response.status) return response;
    // A redirect travelled as 200: give it back its status.
    const answerHeaders = new Headers(response.headers);
    answerHeaders.delete(RELAY_STATUS);
    return new Response(response.body, { status: Number(status), statusText: response.statusText, headers: answerHeaders });
  };

  return async (input, init) => {
    const request = new Request(input, init);
    const mode = init?.redirect ?? request.redirect;
    let url = new URL(request.url);
    let method = request.method;
    const headers = new Headers(request.headers);
    let body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
    for (let hop = 0; ; hop++) {
      const response = await send(url, method, headers, body, request.signal);
      const location = response.headers.get('location');
      if (mode === 'manual' || !REDIRECT.has(response.status) || location === null) return response;
      if (mode === 'error') throw new TypeError(`${url.host} answered with a redirect, which this request does not allow.`);
      if (hop >= MAX_REDIRECTS) throw new TypeError(`Too many redirects (more than ${MAX_REDIRECTS}) from ${new URL(request.url).host}.`);
      const next = new URL(location, url);
      // 303, and 301/302 after POST, become GET without a body, as browsers do.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      if (next.origin !== url.origin) headers.delete('authorization');
      url = next;
    }
  };
}

/** Why the host's server answered itself instead of forwarding: its `{ error: { message } }`, or its status. */
async function refusal(response: Response, url: URL, base: string): Promise<string> {
  const prefix = `The relay at ${base} did not forward the request to ${url.host}`;
  if (response.type === 'opaqueredirect') return `${prefix}: it answered with a redirect (is the page signed in?).`;
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // Not JSON: its text says what happened.
  }
  return `${prefix} (HTTP ${response.status})${message ? `: ${message}` : '.'}`;
}
