// Keap's credential type: the secret its REST hook URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret a Keap REST hook's URL carries (`?secret=...`). Keap proves a
 * hook URL once, when the subscription is made (an `X-Hook-Secret` header
 * the URL must echo, which the trigger answers), and signs none of the events
 * it then sends: the hook URL holds a secret, and calls without the right
 * one, the verification request included, are refused.
 */
export const keapWebhookSecret = defineCredentialType({
  name: 'keapWebhookSecret',
  displayName: 'Keap webhook secret',
  documentationUrl: 'https://developer.infusionsoft.com/rest-hook-documentation',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the hookUrl of the subscription made in Keap as ?secret=<this value>.',
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
