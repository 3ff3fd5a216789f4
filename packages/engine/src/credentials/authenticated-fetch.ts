import { basicAuthorization } from './base64url.js';
import { CredentialError } from './credential.error.js';
import { allowedHostsOf, authenticationOf, type CredentialAuthentication } from './credential-type.js';
import { assertDestination } from './destination.js';
import type { FetchFunction } from './fetch-function.js';
import type { ResolvedCredential } from './resolved-credential.js';

const MAX_REDIRECTS = 10;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** What sending a request with a credential needs from the manager. */
export interface SendDeps {
  fetch: FetchFunction;
  /** The current OAuth2 access token; `force` refreshes it first. */
  accessToken(credential: ResolvedCredential, force: boolean): Promise<string>;
  /** Records one use of the credential for a request to `url`. */
  audit(url: URL): Promise<void>;
  signal?: AbortSignal | undefined;
}

/**
 * Sends a request signed with a credential. Refuses hosts the credential may
 * not go to, follows redirects itself (re-checking and re-signing at each
 * hop, at most 10), and for OAuth2 refreshes the token and retries once on a
 * 401. The caller's `redirect: 'manual'` or `'error'` is honoured.
 */
export async function sendWithCredential(
  credential: ResolvedCredential,
  input: string | URL,
  init: RequestInit = {},
  deps: SendDeps,
): Promise<Response> {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body ?? undefined;
  const headers = new Headers(init.headers);
  const auth = authenticationOf(credential.type, credential.data as Record<string, unknown>);
  const allowed = allowedHostsOf(credential.type, credential.data as Record<string, unknown>);
  const ref = { id: credential.id, name: credential.name };
  let refreshed = false;

  for (let hop = 0; ; hop++) {
    assertDestination(url, allowed, ref, hop > 0);
    const signed = await sign(auth, credential, url, method, headers, body, deps, false);
    await deps.audit(url);
    const send = (request: { url: URL; headers: Headers }) =>
      deps.fetch(request.url.href, {
        method,
        headers: request.headers,
        body: body ?? null,
        redirect: 'manual',
        signal: init.signal ?? deps.signal ?? null,
      });
    let response = await send(signed);
    if (response.status === 401 && auth.type === 'oauth2' && !refreshed) {
      // The token may have been revoked or expired early: refresh it and try once more.
      refreshed = true;
      const again = await sign(auth, credential, url, method, headers, body, deps, true);
      await deps.audit(url);
      response = await send(again);
    }
    if (response.type === 'opaqueredirect') {
      throw new CredentialError(
        'CREDENTIAL_REDIRECT_UNSUPPORTED',
        `The server at ${url.host} redirected a request made with credential '${credential.name}', and this platform hides redirect targets, so it was not followed. Use the final URL.`,
        { credentialId: credential.id },
      );
    }
    const location = REDIRECT.has(response.status) ? response.headers.get('location') : null;
    if (location === null || init.redirect === 'manual') return response;
    if (init.redirect === 'error')
      throw new CredentialError(
        'CREDENTIAL_REDIRECT',
        `The server at ${url.host} answered with a redirect, which this request does not allow.`,
      );
    if (hop >= MAX_REDIRECTS) {
      throw new CredentialError('CREDENTIAL_REDIRECT', `Too many redirects (more than ${MAX_REDIRECTS}) from ${url.host}.`, {
        credentialId: credential.id,
      });
    }
    url = new URL(location, url);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers.delete('content-type');
      headers.delete('content-length');
    }
  }
}

async function sign(
  auth: CredentialAuthentication,
  credential: ResolvedCredential,
  target: URL,
  method: string,
  base: Headers,
  body: RequestInit['body'] | undefined,
  deps: SendDeps,
  forceRefresh: boolean,
): Promise<{ url: URL; headers: Headers }> {
  const url = new URL(target.href);
  const headers = new Headers();
  base.forEach((value, key) => headers.set(key, value));
  switch (auth.type) {
    case 'header':
      headers.set(auth.name, auth.value);
      break;
    case 'query':
      url.searchParams.set(auth.name, auth.value);
      break;
    case 'basic':
      headers.set('authorization', basicAuthorization(auth.username, auth.password));
      break;
    case 'bearer':
      headers.set('authorization', `Bearer ${auth.token}`);
      break;
    case 'headers':
      for (const [k, v] of Object.entries(auth.headers)) headers.set(k, v);
      break;
    case 'oauth2': {
      headers.set('authorization', `Bearer ${await deps.accessToken(credential, forceRefresh)}`);
      if (!auth.sign) break;
      // A provider whose API host depends on the account (Mailchimp's data center) moves the request after the token is set.
      const request = { url, method, headers, body: typeof body === 'string' ? body : undefined };
      await auth.sign(request, { extra: credential.tokens?.extra ?? {} });
      assertDestination(request.url, allowedHostsOf(credential.type, credential.data as Record<string, unknown>), credential, false);
      return { url: request.url, headers: request.headers };
    }
    case 'custom': {
      const request = { url, method, headers, body: typeof body === 'string' ? body : undefined };
      await auth.sign(request);
      // A signer may not move the request to a host the credential may not go to.
      assertDestination(request.url, allowedHostsOf(credential.type, credential.data as Record<string, unknown>), credential, false);
      return { url: request.url, headers: request.headers };
    }
    default:
      throw new CredentialError('CREDENTIAL_TYPE_INVALID', `Credential type '${credential.type.name}' declares an unknown authentication.`);
  }
  return { url, headers };
}
