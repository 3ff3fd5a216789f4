// Copper's credential type: the secret its webhook notifications carry.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The body field a Copper subscription's secret is given as: `"secret": { "secret": "<value>" }`. */
export const COPPER_SECRET_FIELD = 'secret';

/**
 * The secret a Copper webhook subscription is created with. Copper signs
 * nothing; it sends the subscription's `secret` key/value pairs in the body
 * of every notification, so a call whose `secret` field does not hold this
 * value is refused.
 */
export const copperWebhookSecret = defineCredentialType({
  name: 'copperWebhookSecret',
  displayName: 'Copper webhook secret',
  documentationUrl: 'https://developer.copper.com/webhooks/create-new-subscription.html',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; create the subscription with "secret": { "secret": "<this value>" }.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    let given: unknown;
    try {
      given = (JSON.parse(new TextDecoder().decode(call.body)) as Record<string, unknown> | null)?.[COPPER_SECRET_FIELD];
    } catch {
      return 'its body is not JSON';
    }
    if (typeof given !== 'string') return 'its body has no secret';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, data.secret) ? undefined : 'its secret does not match';
  },
});
