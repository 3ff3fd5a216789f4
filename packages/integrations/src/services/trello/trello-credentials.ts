// Trello's credential type for its webhooks: the secret of the Trello app (Power-Up) the webhook was created with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

const encoder = new TextEncoder();

/**
 * The secret of the Trello app whose API key created the webhook: Trello
 * sends `X-Trello-Webhook`, the base64 HMAC-SHA1 of the raw body followed by
 * the webhook's callback URL. The HEAD request Trello sends to check the URL
 * when the webhook is created carries no signature and starts nothing.
 */
export const trelloWebhookSecret = defineCredentialType({
  name: 'trelloWebhookSecret',
  displayName: 'Trello webhook secret',
  documentationUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'Secret',
      description: 'The Secret (OAuth secret) of the Trello app whose API key created the webhook, at trello.com/power-ups/admin.',
      secret: true,
    }),
    callbackUrl: z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/i, 'must be the URL given to Trello, such as https://flows.example.com/webhook/trello/events')
      .optional()
      .meta({
        label: 'Callback URL',
        description:
          'The callbackURL the webhook was created with, which Trello signs. Leave empty when calls reach Flowloom at that very URL (no proxy in between).',
      }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    // Trello's check of the URL, answered by the trigger without a run.
    if (call.method === 'HEAD') return undefined;
    const signature = call.headers.get('x-trello-webhook');
    if (!signature) return 'it has no X-Trello-Webhook header';
    const url = encoder.encode(data.callbackUrl ?? call.url);
    const signed = new Uint8Array(call.body.length + url.length);
    signed.set(call.body);
    signed.set(url, call.body.length);
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-1', data.secret, signed)), signature)
      ? undefined
      : 'its Trello signature does not match';
  },
});
