// GitLab's credential type for its webhooks: the secret token GitLab sends with each call.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A project or group webhook's secret token. GitLab signs nothing: it sends
 * the token as it was given in `X-Gitlab-Token`, so every call must carry
 * exactly that token (use HTTPS, so it cannot be read on the way).
 */
export const gitlabWebhookToken = defineCredentialType({
  name: 'gitlabWebhookToken',
  displayName: 'GitLab webhook secret token',
  documentationUrl: 'https://docs.gitlab.com/user/project/integrations/webhooks/#create-a-webhook',
  properties: z.object({
    token: z.string().min(1).meta({
      label: 'Secret token',
      description: 'The Secret token of the webhook in GitLab (Settings \u203a Webhooks).',
      secret: true,
    }),
  }),
  // The token only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const given = call.headers.get('x-gitlab-token');
    if (!given) return 'it has no X-Gitlab-Token header';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, data.token) ? undefined : 'its GitLab token does not match';
  },
});
