// @ts-check
// The relay: `ANY /relay/<host>/<path>?<query>` forwards a request a page's
// engine has already signed to `https://<host>/<path>?<query>` and streams the
// vendor's answer back. Vendor APIs mostly refuse calls from browsers (CORS),
// so a page's engine gets a fetch port (`relayFetch` of @flowloom/integrations)
// that sends every request here instead.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isLazyCredentialType } from '@flowloom/engine';
import { allIntegrationCredentials } from '@flowloom/integrations';
import { HttpError, readBody } from './http-io.mjs';

/** Where relay calls start. */
export const RELAY_PREFIX = '/relay/';

/**
 * The header every forwarded answer carries: the vendor's status. An answer
 * without it came from this server (a refusal), not from the vendor. Redirects
 * travel as 200 with this header and the vendor's `location`, because a page's
 * fetch cannot read a redirect, and the engine re-checks and re-signs each hop itself.
 */
export const RELAY_STATUS_HEADER = 'x-flowloom-relay-status';

/** Headers about one connection, never passed on (RFC 9110, 7.6.1). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/**
 * Request headers that are about this server or the page, not the vendor: its host, the
 * page's cookies and tenant, where the page is (a vendor may refuse calls that carry an
 * Origin), and the encodings the browser accepts (this server's fetch asks for its own).
 * The browser's `sec-fetch-*` headers, which describe the page's call to this server, go too.
 */
const NOT_FOR_THE_VENDOR = ['host', 'cookie', 'x-tenant', 'origin', 'referer', 'content-length', 'expect', 'accept-encoding'];

/** Answer headers not passed back: cookies of the vendor's domain, and the encoding fetch has already undone. */
const NOT_FOR_THE_PAGE = ['set-cookie', 'content-encoding', 'content-length'];

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/**
 * Every named host pattern of the package's credential types (`slack.com`,
 * `*.slack.com`...), loading the types the catalog lists as stand-ins. Hosts a
 * credential computes from its data, and `*`, are left out: the relay goes
 * only to hosts someone wrote down.
 * @returns {Promise<string[]>}
 */
export async function defaultRelayHosts() {
  const types = await Promise.all(allIntegrationCredentials.map((type) => (isLazyCredentialType(type) ? type.load() : type)));
  const patterns = types.flatMap((type) => (Array.isArray(type.allowedHosts) ? type.allowedHosts : []));
  return [...new Set(patterns.map((p) => p.trim().toLowerCase()))].filter((p) => p !== '' && p !== '*');
}

/**
 * @typedef {object} RelayOptions
 * @property {readonly string[]} hosts host patterns the relay forwards to: `api.example.com` (any port),
 *   `api.example.com:8443`, `*.example.com` (its subdomains)
 * @property {number} maxBodyBytes largest request body forwarded (413 above it)
 * @property {import('@flowloom/engine').FetchFunction} [fetch] how the vendor is called (default: the global fetch)
 * @property {readonly string[]} [privateHeaders] more request headers that belong to this server
 *   (its own authentication), never forwarded; `cookie` and `x-tenant` always are kept back
 */

/**
 * Builds the relay's handler for requests under {@link RELAY_PREFIX}. The caller
 * has already checked the tenant.
 * @param {RelayOptions} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 * @example
 * const relay = createRelay({ hosts: await defaultRelayHosts(), maxBodyBytes: 1024 * 1024 });
 * if (req.url?.startsWith(RELAY_PREFIX)) await relay(req, res);
 */
export function createRelay(options) {
  const hosts = options.hosts.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (hosts.includes('*')) {
    throw new Error("The relay's hosts may not include '*', which would make it an open proxy; name the hosts.");
  }
  const upstream = options.fetch ?? ((input, init) => fetch(input, init));
  const dropped = new Set([...HOP_BY_HOP, ...NOT_FOR_THE_VENDOR, ...(options.privateHeaders ?? []).map((h) => h.toLowerCase())]);

  return async (req, res) => {
    const target = targetOf(req.url ?? '/');
    if (!allowed(target, hosts)) {
      throw new HttpError(
        403,
        'RELAY_HOST_REFUSED',
        `The relay does not forward to '${target.host}'; it forwards to ${hosts.length > 0 ? hosts.join(', ') : 'no host'}.`,
        { host: target.host },
      );
    }
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, options.maxBodyBytes);
    const headers = new Headers();
    const alsoDropped = connectionTokens(req.headers.connection);
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || dropped.has(name) || alsoDropped.has(name) || name.startsWith('sec-fetch-')) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }

    // A page that goes away stops the vendor call too.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    /** @type {Response} */
    let answer;
    try {
      answer = await upstream(target.url.href, {
        method,
        headers,
        redirect: 'manual',
        signal: gone.signal,
        ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
    } catch (error) {
      if (gone.signal.aborted) return;
      const reason = /** @type {{ cause?: { message?: string }, message?: string }} */ (error);
      const why = reason.cause?.message ?? reason.message;
      throw new HttpError(502, 'RELAY_UPSTREAM_FAILED', `The relay could not reach ${target.host}: ${why}.`, { host: target.host });
    }

    /** @type {Record<string, string | string[]>} */
    const out = { [RELAY_STATUS_HEADER]: String(answer.status) };
    const notPassed = connectionTokens(answer.headers.get('connection') ?? undefined);
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.includes(name) && !NOT_FOR_THE_PAGE.includes(name) && !notPassed.has(name)) out[name] = value;
    });
    res.writeHead(REDIRECT.has(answer.status) ? 200 : answer.status, out);
    if (!answer.body || method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (answer.body)), res);
    } catch (error) {
      if (!gone.signal.aborted) throw error;
    }
  };
}

/**
 * The vendor URL of a relay call: `/relay/<host>/<path>?<query>` → `https://<host>/<path>?<query>`,
 * the path and query exactly as sent.
 * @param {string} rawUrl the request's URL as it arrived
 * @returns {{ host: string, url: URL | undefined }} no URL when the host is not a host name
 */
function targetOf(rawUrl) {
  const rest = rawUrl.startsWith(RELAY_PREFIX) ? rawUrl.slice(RELAY_PREFIX.length) : '';
  const end = rest.search(/[/?#]/);
  const host = (end === -1 ? rest : rest.slice(0, end)).toLowerCase();
  if (host === '') {
    throw new HttpError(
      400,
      'RELAY_HOST_REQUIRED',
      'Name the host to relay to: /relay/<host>/<path>, e.g. /relay/slack.com/api/chat.postMessage.',
    );
  }
  if (!HOST.test(host)) return { host, url: undefined };
  const tail = end === -1 ? '/' : rest.slice(end).replace(/#.*$/, '');
  return { host, url: new URL(`https://${host}${tail.startsWith('/') ? tail : `/${tail}`}`) };
}

/**
 * Whether the relay may forward to this target: the host, as the parsed URL has it too, matches a pattern.
 * @param {{ host: string, url: URL | undefined }} target
 * @param {readonly string[]} patterns
 * @returns {target is { host: string, url: URL }}
 */
function allowed(target, patterns) {
  const { url } = target;
  if (!url || url.host !== target.host) return false;
  const hostname = url.hostname.replace(/\.$/, '');
  return patterns.some((pattern) =>
    pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) : pattern === hostname || pattern === url.host,
  );
}

/**
 * The header names a `Connection` header lists, which are about that connection only.
 * @param {string | undefined} value
 * @returns {Set<string>}
 */
function connectionTokens(value) {
  return new Set(
    (value ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}
