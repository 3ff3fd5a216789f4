// WooCommerce's credential types: a REST API key of a store (whose address is in the credential), and a webhook secret.
import { defineCredentialType, type SignableRequest } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The host operations name (`.invalid` never resolves); the credential moves
 * each request to its store's address, path prefix included.
 */
export const STORE_HOST = 'store.woocommerce.invalid';

const encoder = new TextEncoder();

/** RFC 3986 encoding, as OAuth 1.0a signs. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Signs with OAuth 1.0a (one-legged, HMAC-SHA256) in the query string, as
 * WooCommerce requires over plain HTTP, where a key in a header could be read
 * on the way: the method, the URL and its sorted parameters, keyed with the
 * consumer secret.
 */
async function signOAuth1(request: SignableRequest, key: string, secret: string): Promise<void> {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const oauth: Record<string, string> = {
    oauth_consumer_key: key,
    oauth_nonce: nonce,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  const params = [...request.url.searchParams, ...Object.entries(oauth)].map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
  params.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  const base = [
    request.method.toUpperCase(),
    rfc3986(`${request.url.origin}${request.url.pathname}`),
    rfc3986(params.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(`${rfc3986(secret)}&`), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(base)));
  for (const [k, v] of Object.entries(oauth)) request.url.searchParams.set(k, v);
  request.url.searchParams.set('oauth_signature', btoa(String.fromCharCode(...signature)));
}

const siteUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i, 'must be the store\u2019s address, such as https://shop.example.com')
  .meta({ label: 'Store URL', placeholder: 'https://shop.example.com', description: 'Where WordPress runs, with its path if it has one.' });

/**
 * A WooCommerce REST API key (consumer key and secret) of one store. Over
 * HTTPS the key goes as HTTP Basic; over plain HTTP each request is signed
 * with OAuth 1.0a instead, as WooCommerce requires.
 */
export const wooCommerceApiKey = defineCredentialType({
  name: 'wooCommerceApi',
  displayName: 'WooCommerce REST API key',
  documentationUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication',
  properties: z.object({
    url: siteUrl,
    consumerKey: z.string().trim().min(1).meta({ label: 'Consumer key', placeholder: 'ck_...' }),
    consumerSecret: z.string().trim().min(1).meta({ label: 'Consumer secret', placeholder: 'cs_...', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    async sign(request) {
      const store = new URL(d.url);
      if (request.url.hostname === STORE_HOST) {
        request.url.protocol = store.protocol;
        request.url.host = store.host;
        request.url.pathname = `${store.pathname.replace(/\/+$/, '')}${request.url.pathname}`;
      }
      if (request.url.protocol === 'https:') {
        request.headers.set(
          'authorization',
          `Basic ${btoa(String.fromCharCode(...encoder.encode(`${d.consumerKey}:${d.consumerSecret}`)))}`,
        );
      } else {
        await signOAuth1(request, d.consumerKey, d.consumerSecret);
      }
    },
  }),
  allowedHosts: (d) => [STORE_HOST, new URL(d.url).hostname],
  test: () => ({ url: `https://${STORE_HOST}/wp-json/wc/v3/products?per_page=1` }),
});

/** What WooCommerce posts when a webhook is saved: its ID, unsigned, answered without a run. */
const PING = /^webhook_id=\d+$/;

/**
 * A webhook's secret, which checks that calls come from the store:
 * `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw body.
 */
export const wooCommerceWebhookSecret = defineCredentialType({
  name: 'wooCommerceWebhookSecret',
  displayName: 'WooCommerce webhook secret',
  documentationUrl: 'https://woocommerce.com/document/webhooks/',
  properties: z.object({
    secret: z.string().min(1).meta({ label: 'Secret', description: 'The Secret field of the webhook in WooCommerce.', secret: true }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-wc-webhook-signature');
    // The ping WooCommerce sends when a webhook is saved carries no signature and starts nothing.
    if (!signature && PING.test(new TextDecoder().decode(call.body))) return undefined;
    if (!signature) return 'it has no WooCommerce signature';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-256', data.secret, call.body)), signature)
      ? undefined
      : 'its WooCommerce signature does not match';
  },
});
