// TheHive's credential type for its webhooks: the bearer token TheHive sends with each call.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The bearer token of a TheHive webhook (its `auth` of type `bearer`).
 * TheHive signs nothing: it sends `Authorization: Bearer <token>`, so every
 * call must carry exactly that token (use HTTPS, so it cannot be read on the
 * way).
 */
export const thehiveWebhookToken = defineCredentialType({
  name: 'thehiveWebhookToken',
  displayName: 'TheHive webhook bearer token',
  documentationUrl: 'https://docs.strangebee.com/thehive/administration/webhooks/',
  properties: z.object({
    token: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Bearer token',
      description: "Any long random text; set it as the key of the webhook's bearer authentication in TheHive.",
      secret: true,
    }),
  }),
  // The token only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(call.headers.get('authorization') ?? '')?.[1];
    if (!given) return 'it has no bearer token';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, data.token) ? undefined : 'its bearer token does not match';
  },
});
