// ConvertKit's credential type: the secret its webhook URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret a ConvertKit webhook's URL carries (`?secret=...`). ConvertKit
 * signs no call of its (v3) webhooks, so the URL set in ConvertKit holds a
 * secret: calls without the right one are refused.
 */
export const convertkitWebhookSecret = defineCredentialType({
  name: 'convertkitWebhookSecret',
  displayName: 'ConvertKit webhook secret',
  documentationUrl: 'https://developers.kit.com/api-reference/v3/webhooks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook URL set in ConvertKit as ?secret=<this value>.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call) {
    const given = new URL(call.url).searchParams.get('secret');
    if (!given) return 'its URL has no secret';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, d.secret) ? undefined : 'its secret does not match';
  },
});
