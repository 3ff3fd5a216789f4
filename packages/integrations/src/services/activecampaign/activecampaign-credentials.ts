// ActiveCampaign's credential type: the secret its webhook URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret an ActiveCampaign webhook's URL carries (`?secret=...`).
 * ActiveCampaign signs no webhook call, so the URL set in ActiveCampaign
 * holds a secret: calls without the right one are refused.
 */
export const activecampaignWebhookSecret = defineCredentialType({
  name: 'activecampaignWebhookSecret',
  displayName: 'ActiveCampaign webhook secret',
  documentationUrl: 'https://developers.activecampaign.com/page/webhooks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook URL set in ActiveCampaign as ?secret=<this value>.',
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
