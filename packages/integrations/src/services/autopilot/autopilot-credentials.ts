// Autopilot's credential type: the secret its REST hook URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret an Autopilot REST hook's target URL carries (`?secret=...`).
 * Autopilot signs no hook call, so the target URL holds a secret: calls
 * without the right one are refused.
 */
export const autopilotWebhookSecret = defineCredentialType({
  name: 'autopilotWebhookSecret',
  displayName: 'Autopilot webhook secret',
  documentationUrl: 'https://autopilot.docs.apiary.io/#reference/rest-hooks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the hook\u2019s target URL as ?secret=<this value>.',
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
