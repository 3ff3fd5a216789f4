// JotForm's credential types: an API key (for the question names of a form), and the secret a webhook's URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The host requests name; the credential moves them to the key's own API host (EU, HIPAA). */
export const API_HOST = 'api.jotform.com';

const API_HOSTS = ['api.jotform.com', 'eu-api.jotform.com', 'hipaa-api.jotform.com'] as const;

/**
 * A JotForm API key, sent in the `APIKEY` header, to the API host of the
 * account's region: EU and HIPAA accounts answer only on their own host.
 */
export const jotFormApiKey = defineCredentialType({
  name: 'jotFormApi',
  displayName: 'JotForm API key',
  documentationUrl: 'https://api.jotform.com/docs/#authentication',
  properties: z.object({
    apiKey: z.string().trim().min(1).meta({ label: 'API key', secret: true, description: 'From My Account \u203a API in JotForm.' }),
    apiDomain: z
      .enum(API_HOSTS)
      .default(API_HOST)
      .meta({
        label: 'API domain',
        options: [
          { value: 'api.jotform.com', label: 'api.jotform.com' },
          { value: 'eu-api.jotform.com', label: 'eu-api.jotform.com (EU accounts)' },
          { value: 'hipaa-api.jotform.com', label: 'hipaa-api.jotform.com (HIPAA accounts)' },
        ],
      }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      if (request.url.hostname === API_HOST) request.url.hostname = d.apiDomain;
      request.headers.set('apikey', d.apiKey);
    },
  }),
  allowedHosts: [...API_HOSTS],
  test: () => ({ url: `https://${API_HOST}/user` }),
});

/**
 * The secret a JotForm webhook's URL carries (`?secret=...`). JotForm signs
 * no webhook call, so calls without the right secret in their URL are
 * refused.
 */
export const jotFormWebhookSecret = defineCredentialType({
  name: 'jotFormWebhookSecret',
  displayName: 'JotForm webhook secret',
  documentationUrl: 'https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook URL in JotForm as ?secret=<this value>.',
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
