// Mailjet's credential type: the HTTP Basic user name and password its event callback URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The user name and password a Mailjet event callback URL carries
 * (`https://<user>:<password>@host/...`), as Mailjet's Event API advises:
 * Mailjet signs no call, and sends the pair as HTTP Basic with every one, so
 * calls without them are refused.
 */
export const mailjetWebhookAuth = defineCredentialType({
  name: 'mailjetWebhookAuth',
  displayName: 'Mailjet webhook credentials',
  documentationUrl: 'https://dev.mailjet.com/email/guides/webhooks/',
  properties: z.object({
    user: z.string().min(1).meta({ label: 'User', description: 'The user name written in the event callback URL set in Mailjet.' }),
    password: z.string().min(12, 'must be at least 12 characters').meta({
      label: 'Password',
      secret: true,
      description: 'The password written in the event callback URL (https://<user>:<password>@...); a long random one.',
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
