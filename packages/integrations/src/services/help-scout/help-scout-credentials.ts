// Help Scout's credential type: a webhook's secret key, which checks the trigger's calls.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Help Scout webhook's secret key, which checks that calls come from Help
 * Scout: `X-HelpScout-Signature` is the base64 HMAC-SHA1 of the raw body.
 */
export const helpScoutWebhookSecret = defineCredentialType({
  name: 'helpScoutWebhookSecret',
  displayName: 'Help Scout webhook secret key',
  documentationUrl: 'https://developer.helpscout.com/webhooks/',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'Secret key',
      description: 'The Secret Key of the webhook in Help Scout (Manage \u2192 Apps \u2192 Webhooks).',
      secret: true,
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-helpscout-signature');
    if (!signature) return 'it has no Help Scout signature';
    // The HMAC functions load with the first call to check, not with the catalog.
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-1', data.secret, call.body)), signature)
      ? undefined
      : 'its Help Scout signature does not match';
  },
});
