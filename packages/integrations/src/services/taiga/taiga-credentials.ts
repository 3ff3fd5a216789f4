// Taiga's credential type for its webhooks: the secret key each call is signed with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Taiga webhook's secret key: Taiga sends `X-TAIGA-WEBHOOK-SIGNATURE`, the
 * hex HMAC-SHA1 of the raw body keyed with it.
 */
export const taigaWebhookKey = defineCredentialType({
  name: 'taigaWebhookKey',
  displayName: 'Taiga webhook secret key',
  documentationUrl: 'https://docs.taiga.io/webhooks.html',
  properties: z.object({
    key: z.string().min(1).meta({
      label: 'Secret key',
      description: "The Secret key of the webhook in the Taiga project's Admin \u203a Integrations \u203a Webhooks.",
      secret: true,
    }),
  }),
  // The key only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-taiga-webhook-signature');
    if (!signature) return 'it has no X-Taiga-Webhook-Signature header';
    const { constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    return constantTimeEqual(toHex(await hmac('SHA-1', data.key, call.body)), signature.toLowerCase())
      ? undefined
      : 'its Taiga signature does not match';
  },
});
