// Shopify's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType, type SignableRequest } from '@flowloom/engine';
import { z } from 'zod';

/** The Admin API version the operations are written for. */
export const API_VERSION = '2026-10';
/** The host every request names; the credential moves it to its store. */
export const PLACEHOLDER_HOST = 'store.myshopify.com';
export const BASE_URL = `https://${PLACEHOLDER_HOST}/admin/api/${API_VERSION}`;
const HOSTS = ['*.myshopify.com'];

/** A store's name, given as `acme` or `acme.myshopify.com`. */
const shop = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*(\.myshopify\.com)?$/, 'must be the store\u2019s myshopify name, such as acme or acme.myshopify.com')
  .transform((s) => s.replace(/\.myshopify\.com$/, ''))
  .meta({ label: 'Store', placeholder: 'acme.myshopify.com', description: 'Its myshopify.com address (Settings \u203a Domains).' });

/** Sends the request to the credential's store: the store is part of the credential. */
function toStore(request: SignableRequest, store: string): void {
  if (request.url.hostname === PLACEHOLDER_HOST) request.url.hostname = `${store}.myshopify.com`;
}

/** The store's name: answers for any working token, whatever its scopes. */
const shopQuery = () => ({
  url: `${BASE_URL}/graphql.json`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ shop { name } }' }),
  verify: ({ body }: { body: unknown }) => {
    const errors = (body as { errors?: { message?: string }[] }).errors;
    return errors?.length ? `Shopify says ${errors.map((e) => e.message).join('; ')}.` : undefined;
  },
});

/** An Admin API access token (`shpat_...`) of an app installed on one store. */
export const shopifyAccessToken = defineCredentialType({
  name: 'shopifyAccessTokenApi',
  displayName: 'Shopify access token',
  description: 'The Admin API access token of an app installed on the store (Settings \u203a Apps and sales channels \u203a Develop apps).',
  documentationUrl: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
  properties: z.object({
    shop,
    accessToken: z.string().trim().min(1).meta({ label: 'Admin API access token', placeholder: 'shpat_...', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      toStore(request, d.shop);
      request.headers.set('x-shopify-access-token', d.accessToken);
    },
  }),
  allowedHosts: HOSTS,
  test: shopQuery,
});

/**
 * A store connected with OAuth2 (authorization code grant). Shopify's token
 * endpoint is on the store itself, and it reads the token from
 * `X-Shopify-Access-Token`, not `Authorization`.
 */
export const shopifyOAuth2 = defineCredentialType({
  name: 'shopifyOAuth2Api',
  displayName: 'Shopify OAuth2',
  documentationUrl: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant',
  properties: z.object({
    shop,
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
    scope: z
      .string()
      .default('read_products,write_products,read_orders,read_customers,write_customers,read_inventory,write_inventory')
      .meta({ label: 'Scopes', description: 'Comma-separated access scopes.' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: `https://${d.shop}.myshopify.com/admin/oauth/authorize`,
      tokenUrl: `https://${d.shop}.myshopify.com/admin/oauth/access_token`,
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      clientAuthentication: 'body',
      // Shopify's grant has no PKCE; the client secret proves the app.
      pkce: false,
    },
    sign(request) {
      toStore(request, d.shop);
      const token = request.headers.get('authorization')?.replace(/^bearer\s+/i, '');
      request.headers.delete('authorization');
      if (token) request.headers.set('x-shopify-access-token', token);
    },
  }),
  allowedHosts: HOSTS,
  test: shopQuery,
});

/**
 * The app's client secret, which checks that webhook calls come from
 * Shopify: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body.
 */
export const shopifyWebhookSecret = defineCredentialType({
  name: 'shopifyWebhookSecret',
  displayName: 'Shopify webhook secret',
  documentationUrl: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook',
  properties: z.object({
    clientSecret: z.string().min(1).meta({
      label: 'Client secret',
      secret: true,
      description: 'The app\u2019s client secret (or the store\u2019s webhook signing secret).',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call) {
    const signature = call.headers.get('x-shopify-hmac-sha256');
    if (!signature) return 'it has no Shopify signature';
    // The HMAC helpers load with the first call to check, not with the catalog.
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-256', d.clientSecret, call.body)), signature)
      ? undefined
      : 'its Shopify signature does not match';
  },
});
