// Stripe's credential types: a secret key that signs API requests, and a webhook endpoint's signing secret.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** A Stripe secret (`sk_...`) or restricted (`rk_...`) key, sent as a bearer token. */
export const stripeApiKey = defineCredentialType({
  name: 'stripeApi',
  displayName: 'Stripe secret key',
  documentationUrl: 'https://docs.stripe.com/keys',
  properties: z.object({
    secretKey: z
      .string()
      .trim()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a secret or restricted key, such as sk_test_...')
      .meta({ label: 'Secret key', placeholder: 'sk_test_...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.secretKey }),
  allowedHosts: ['api.stripe.com'],
  // The balance is readable with any working secret key.
  test: () => ({ url: 'https://api.stripe.com/v1/balance' }),
});

/** How far a call's timestamp may be from now, as Stripe's own libraries allow. */
const TOLERANCE_MS = 300 * 1000;

/**
 * A webhook endpoint's signing secret (`whsec_...`), which checks that calls
 * come from Stripe: `Stripe-Signature` holds `t=<timestamp>` and one or more
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` (several while a secret
 * is being rolled).
 */
export const stripeWebhookSecret = defineCredentialType({
  name: 'stripeWebhookSecret',
  displayName: 'Stripe webhook signing secret',
  documentationUrl: 'https://docs.stripe.com/webhooks#verify-events',
  properties: z.object({
    signingSecret: z.string().min(1).meta({
      label: 'Signing secret',
      placeholder: 'whsec_...',
      description: 'On the webhook endpoint\u2019s page in the Dashboard.',
      secret: true,
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call, now) {
    const header = call.headers.get('stripe-signature');
    if (!header) return 'it has no Stripe signature';
    const pairs = header.split(',').map((part) => part.trim().split('=') as [string, string | undefined]);
    const timestamp = pairs.find(([key]) => key === 't')?.[1];
    const signatures = pairs.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!);
    if (!timestamp || signatures.length === 0) return 'its Stripe signature has no timestamp or no v1 signature';
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds * 1000) > TOLERANCE_MS)
      return 'its timestamp is outside the 300 second tolerance';
    // The HMAC functions load with the first call to check, not with the catalog.
    const { concatBytes, constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = toHex(await hmac('SHA-256', data.signingSecret, concatBytes(`${timestamp}.`, call.body)));
    return signatures.some((signature) => constantTimeEqual(expected, signature)) ? undefined : 'its Stripe signature does not match';
  },
});
