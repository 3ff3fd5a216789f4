// Flow's credential type for its webhooks: the secret a webhook's URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The secret a Flow integration webhook's URL carries (`?secret=...`). Flow
 * signs no webhook call, so calls without the right secret in their URL are
 * refused.
 */
export const flowWebhookSecret = defineCredentialType({
  name: 'flowWebhookSecret',
  displayName: 'Flow webhook secret',
  documentationUrl: 'https://www.getflow.com/',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the integration webhook\u2019s URL in Flow as ?secret=<this value>.',
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
