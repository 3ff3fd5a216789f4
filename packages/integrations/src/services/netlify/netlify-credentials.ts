// Netlify's credential type for its outgoing webhooks: the JWS secret token each call is signed with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

const decoder = new TextDecoder();

/** The bytes of a base64url text (JWS encodes its parts so). */
function fromBase64Url(text: string): Uint8Array {
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

const toBase64Url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A JWS part's JSON object, or undefined when it is not one. */
function jsonPart(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(decoder.decode(fromBase64Url(text))) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JWS secret token of a Netlify outgoing webhook (deploy notification or
 * form submission): Netlify sends a JSON Web Signature in
 * `X-Webhook-Signature`, signed HS256 with the token, whose claims are
 * `iss: "netlify"` and `sha256`, the hex SHA-256 of the raw body.
 */
export const netlifyWebhookSecret = defineCredentialType({
  name: 'netlifyWebhookSecret',
  displayName: 'Netlify webhook JWS secret',
  documentationUrl: 'https://docs.netlify.com/site-deploys/notifications/#payload-signature',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'JWS secret token',
      description: 'The JWS secret token of the outgoing webhook (HTTP POST request notification) in Netlify.',
      secret: true,
    }),
  }),
  // The token only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const jws = call.headers.get('x-webhook-signature');
    if (!jws) return 'it has no X-Webhook-Signature header';
    const [header, claims, signature, ...rest] = jws.split('.');
    if (!header || !claims || !signature || rest.length > 0) return 'its X-Webhook-Signature is not a JSON Web Signature';
    if (jsonPart(header)?.['alg'] !== 'HS256') return 'its X-Webhook-Signature is not signed with HS256';
    const { constantTimeEqual, hmac, toBase64, toHex } = await import('../../kit/signature.js');
    const expected = toBase64Url(toBase64(await hmac('SHA-256', data.secret, `${header}.${claims}`)));
    if (!constantTimeEqual(expected, signature)) return 'its Netlify signature does not match';
    const signed = jsonPart(claims);
    if (signed?.['iss'] !== 'netlify') return 'its Netlify signature was not issued by netlify';
    const digest = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', call.body as Uint8Array<ArrayBuffer>)));
    return typeof signed['sha256'] === 'string' && constantTimeEqual(signed['sha256'], digest)
      ? undefined
      : 'its body is not the one Netlify signed';
  },
});
