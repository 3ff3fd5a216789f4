// Affinity's credential type: the secret its webhook's URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A secret the URL of an Affinity webhook subscription carries (`?secret=`):
 * Affinity signs nothing, so a call whose URL does not hold it is refused.
 */
export const affinityWebhookSecret = defineCredentialType({
  name: 'affinityWebhookSecret',
  displayName: 'Affinity webhook secret',
  documentationUrl: 'https://api-docs.affinity.co/#webhooks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; subscribe the webhook with a webhook_url ending in ?secret=<this value>.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const given = new URL(call.url).searchParams.get('secret');
    if (!given) return 'its URL has no secret';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, data.secret) ? undefined : 'its secret does not match';
  },
});
