// Postmark's credential type: the HTTP Basic user name and password its webhook URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The user name and password a Postmark webhook's URL carries
 * (`https://<user>:<password>@host/...`). Postmark signs no webhook call; it
 * sends those as HTTP Basic with every call, so calls without them are refused.
 */
export const postmarkWebhookAuth = defineCredentialType({
  name: 'postmarkWebhookAuth',
  displayName: 'Postmark webhook credentials',
  documentationUrl: 'https://postmarkapp.com/developer/webhooks/webhooks-overview',
  properties: z.object({
    user: z.string().min(1).meta({ label: 'User', description: 'The user name written in the webhook URL set in Postmark.' }),
    password: z.string().min(12, 'must be at least 12 characters').meta({
      label: 'Password',
      secret: true,
      description: 'The password written in the webhook URL (https://<user>:<password>@...); a long random one.',
    }),
  }),
  // The pair only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const { basicAuthMismatch } = await import('../../kit/signature.js');
    return basicAuthMismatch(call.headers.get('authorization'), data.user, data.password);
  },
});
