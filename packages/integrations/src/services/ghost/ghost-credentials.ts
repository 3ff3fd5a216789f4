// Ghost's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType, type SignableRequest } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The host operations name (`.invalid` never resolves); the credential moves
 * each request to its site's address, path prefix included.
 */
export const SITE_HOST = 'site.ghost.invalid';
/** The Admin API version the operations are written for, sent as `Accept-Version`. */
export const ACCEPT_VERSION = 'v5.0';
/** How long a signed token is good for: Ghost refuses tokens that live longer than five minutes. */
const TOKEN_SECONDS = 5 * 60;

const siteUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i, 'must be the site\u2019s address, such as https://blog.example.com')
  .meta({
    label: 'Site URL',
    placeholder: 'https://blog.example.com',
    description: 'The Admin domain of the site, with its path if it has one.',
  });

/** Moves a request named on the placeholder host to the site, below its path. */
function toSite(request: SignableRequest, url: string): void {
  if (request.url.hostname !== SITE_HOST) return;
  const site = new URL(url);
  request.url.protocol = site.protocol;
  request.url.host = site.host;
  request.url.pathname = `${site.pathname.replace(/\/+$/, '')}${request.url.pathname}`;
}

/** The bytes of a hexadecimal text. */
const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/**
 * A short-lived Admin API token: a JWT signed with HS256 by the key's secret
 * (its hexadecimal bytes), naming the key's id as `kid` and `/admin/` as its audience.
 */
async function adminToken(apiKey: string): Promise<string> {
  const [id, secret] = apiKey.split(':') as [string, string];
  const { SignJWT } = await import('jose');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: id })
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_SECONDS)
    .setAudience('/admin/')
    .sign(hexBytes(secret));
}

/**
 * A Ghost Admin API key (Settings › Integrations › a custom integration),
 * `id:secret`: each request carries a fresh token signed with it.
 */
export const ghostAdminApi = defineCredentialType({
  name: 'ghostAdminApi',
  displayName: 'Ghost Admin API key',
  description: 'The Admin API key of a custom integration (Ghost Admin \u203a Settings \u203a Integrations), and the site\u2019s address.',
  documentationUrl: 'https://docs.ghost.org/admin-api#token-authentication',
  properties: z.object({
    url: siteUrl,
    apiKey: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{24}:[0-9a-f]{64}$/i, 'must be an Admin API key: an id, a colon and a 64-character hexadecimal secret')
      .meta({ label: 'Admin API key', placeholder: '6489...:3f2a...', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    async sign(request) {
      toSite(request, d.url);
      request.headers.set('authorization', `Ghost ${await adminToken(d.apiKey)}`);
      request.headers.set('accept-version', ACCEPT_VERSION);
    },
  }),
  allowedHosts: (d) => [SITE_HOST, new URL(d.url).hostname],
  // The site's address alone answers without a key; a list of posts needs a working one.
  test: () => ({ url: `https://${SITE_HOST}/ghost/api/admin/posts/?limit=1&fields=id` }),
});
