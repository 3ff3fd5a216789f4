// GetResponse's credential type: the secret its callback URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret a GetResponse callback URL carries (`?secret=...`). GetResponse
 * signs no callback, so the callback URL set in GetResponse holds a secret:
 * calls without the right one are refused.
 */
export const getresponseWebhookSecret = defineCredentialType({
  name: 'getresponseWebhookSecret',
  displayName: 'GetResponse callback secret',
  documentationUrl: 'https://apidocs.getresponse.com/v3/case-study/callbacks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the callback URL set in GetResponse as ?secret=<this value>.',
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
