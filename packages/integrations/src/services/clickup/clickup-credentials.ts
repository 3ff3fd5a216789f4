// ClickUp's credential type: a webhook's secret, which checks the trigger's calls.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A ClickUp webhook's secret, which checks that calls come from ClickUp:
 * `X-Signature` is the hex HMAC-SHA256 of the raw body.
 */
export const clickUpWebhookSecret = defineCredentialType({
  name: 'clickUpWebhookSecret',
  displayName: 'ClickUp webhook secret',
  documentationUrl: 'https://developer.clickup.com/docs/webhooksignature',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'Secret',
      description: 'The `secret` of the webhook object ClickUp answers when the webhook is created.',
      secret: true,
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-signature');
    if (!signature) return 'it has no ClickUp signature';
    // The HMAC functions load with the first call to check, not with the catalog.
    const { constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    return constantTimeEqual(toHex(await hmac('SHA-256', data.secret, call.body)), signature.toLowerCase())
      ? undefined
      : 'its ClickUp signature does not match';
  },
});
