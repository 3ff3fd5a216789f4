// Chargebee's credential type: the user name and password its webhook calls are sent with.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The user name and password a Chargebee webhook is protected with ("Protect
 * webhook URL with basic authentication"): Chargebee signs nothing, and sends
 * these as HTTP Basic with every call, so calls without them are refused.
 */
export const chargebeeWebhookAuth = defineCredentialType({
  name: 'chargebeeWebhookAuth',
  displayName: 'Chargebee webhook basic authentication',
  documentationUrl: 'https://apidocs.chargebee.com/docs/api/events#webhooks',
  properties: z.object({
    username: z.string().min(1).meta({ label: 'Username', description: 'The Username given to the webhook in Chargebee.' }),
    password: z
      .string()
      .min(12, 'must be at least 12 characters')
      .meta({ label: 'Password', secret: true, description: 'The Password given to the webhook in Chargebee; a long random one.' }),
  }),
  // The pair only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const { basicAuthMismatch } = await import('../../kit/signature.js');
    return basicAuthMismatch(call.headers.get('authorization'), data.username, data.password);
  },
});
