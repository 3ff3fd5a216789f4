import { checkOptions } from '../options/check-options.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialError } from '../credentials/credential.error.js';
import type { CredentialView } from '../credentials/credential-view.js';
import type { OAuth2Callback } from '../credentials/oauth2/oauth2-flows.js';

/** What the callback helpers need: `engine.credentials.oauth2`. */
export interface OAuth2Completer {
  completeAuthorization(callback: string | OAuth2Callback): Promise<CredentialView>;
}

/** The outcome of one callback request. */
export type OAuth2CallbackResult = { ok: true; credential: CredentialView } | { ok: false; error: Error };

/**
 * A Node request handler for the OAuth2 redirect URL: finishes connecting the
 * account (checks `state`, exchanges the code, stores the tokens encrypted)
 * and answers with a small page that closes itself. Mount it on the path of
 * the redirect URL given to `startAuthorization`.
 *
 * @example
 * const onCallback = createOAuth2CallbackHandler(engine.credentials.oauth2);
 * server.on('request', (req, res) => req.url?.startsWith('/oauth2/callback') ? onCallback(req, res) : app(req, res));
 */
export function createOAuth2CallbackHandler(
  flows: OAuth2Completer,
  options: { onResult?: (result: OAuth2CallbackResult) => void } = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  checkOptions('createOAuth2CallbackHandler', options, { onResult: true });
  return async (req, res) => {
    let result: OAuth2CallbackResult;
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      result = { ok: true, credential: await flows.completeAuthorization(url.href) };
    } catch (error) {
      result = {
        ok: false,
        error: error instanceof Error ? error : new CredentialError('OAUTH2_FAILED', `Connecting the account failed: ${String(error)}`),
      };
    }
    res.statusCode = result.ok ? 200 : 400;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(page(result));
    options.onResult?.(result);
  };
}

/**
 * Listens once on a local port for the OAuth2 redirect (CLIs and desktop
 * hosts): give `redirectUri` to `startAuthorization`, open the returned URL in
 * a browser, await `result`. The server closes after the first callback.
 */
export async function listenForOAuth2Callback(
  flows: OAuth2Completer,
  options: { host?: string; port?: number; path?: string } = {},
): Promise<{ redirectUri: string; result: Promise<CredentialView>; close(): Promise<void> }> {
  checkOptions('listenForOAuth2Callback', options, { host: true, port: true, path: true });
  const path = options.path ?? '/oauth2/callback';
  let settle!: (result: OAuth2CallbackResult) => void;
  const outcome = new Promise<OAuth2CallbackResult>((resolve) => (settle = resolve));
  const handle = createOAuth2CallbackHandler(flows, { onResult: (r) => settle(r) });
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(path)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // The handler answers every request itself, failures included (a 400 page and `onResult`).
    void handle(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const result = outcome.then(async (r) => {
    await close();
    if (!r.ok) throw r.error;
    return r.credential;
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://${host}:${port}${path}`, result, close };
}

function page(result: OAuth2CallbackResult): string {
  const text = result.ok
    ? `The account for '${result.credential.name}' is connected. You can close this window.`
    : `The account could not be connected: ${result.error.message}`;
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>Connect account</title><p>${escaped}</p>${result.ok ? '<script>setTimeout(() => window.close(), 1500)</script>' : ''}`;
}
