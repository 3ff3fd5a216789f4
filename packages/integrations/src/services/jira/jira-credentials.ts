// Jira's credential type for its webhooks: the secret each call is signed with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Jira webhook's secret (set when the webhook is created in Jira's
 * administration): Jira sends `X-Hub-Signature: sha256=<hex HMAC-SHA256 of
 * the raw body>`, as the WebSub specification describes.
 */
export const jiraWebhookSecret = defineCredentialType({
  name: 'jiraWebhookSecret',
  displayName: 'Jira webhook secret',
  documentationUrl: 'https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks',
  properties: z.object({
    secret: z
      .string()
      .min(1)
      .meta({ label: 'Secret', description: 'The Secret of the webhook in Jira (System \u203a WebHooks).', secret: true }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-hub-signature');
    if (!signature) return 'it has no X-Hub-Signature header';
    const { constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = `sha256=${toHex(await hmac('SHA-256', data.secret, call.body))}`;
    return constantTimeEqual(expected, signature) ? undefined : 'its Jira signature does not match';
  },
});
