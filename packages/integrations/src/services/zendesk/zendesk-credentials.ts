// Zendesk's credential type: a webhook's signing secret, which checks the trigger's calls.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Zendesk webhook's signing secret, which checks that calls come from
 * Zendesk: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of
 * `X-Zendesk-Webhook-Signature-Timestamp` followed by the raw body.
 */
export const zendeskWebhookSecret = defineCredentialType({
  name: 'zendeskWebhookSecret',
  displayName: 'Zendesk webhook signing secret',
  documentationUrl: 'https://developer.zendesk.com/documentation/webhooks/verifying/',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'Signing secret',
      description: 'Admin Center \u2192 Apps and integrations \u2192 Webhooks \u2192 the webhook \u2192 Signing secret.',
      secret: true,
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-zendesk-webhook-signature');
    const timestamp = call.headers.get('x-zendesk-webhook-signature-timestamp');
    if (!signature || !timestamp) return 'it has no Zendesk signature';
    // The HMAC functions load with the first call to check, not with the catalog.
    const { concatBytes, constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    const expected = toBase64(await hmac('SHA-256', data.secret, concatBytes(timestamp, call.body)));
    return constantTimeEqual(expected, signature) ? undefined : 'its Zendesk signature does not match';
  },
});
