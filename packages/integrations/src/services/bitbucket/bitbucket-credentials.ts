// Bitbucket's credential type for its webhooks: the secret each call is signed with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Bitbucket webhook's secret: Bitbucket sends
 * `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
export const bitbucketWebhookSecret = defineCredentialType({
  name: 'bitbucketWebhookSecret',
  displayName: 'Bitbucket webhook secret',
  documentationUrl: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/',
  properties: z.object({
    secret: z.string().min(1).meta({ label: 'Secret', description: 'The Secret of the webhook in Bitbucket.', secret: true }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-hub-signature');
    if (!signature) return 'it has no X-Hub-Signature header';
    const { constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = `sha256=${toHex(await hmac('SHA-256', data.secret, call.body))}`;
    return constantTimeEqual(expected, signature) ? undefined : 'its Bitbucket signature does not match';
  },
});
