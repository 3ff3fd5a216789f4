// Mailchimp's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The host every request names; the credential moves it to the account's data center. */
export const PLACEHOLDER_HOST = 'server.api.mailchimp.com';
export const BASE_URL = `https://${PLACEHOLDER_HOST}/3.0`;
/** An API key ends with its data center: `0123abcd...-us21`. */
const API_KEY = /^[0-9a-z]+-([a-z]+\d+)$/i;

/** A Mailchimp Marketing API key. */
export const mailchimpApiKey = defineCredentialType({
  name: 'mailchimpApi',
  displayName: 'Mailchimp API key',
  description:
    'An API key from Account & billing \u203a Extras \u203a API keys. Its ending (-us21) names the data center that holds the account, so every request goes to that data center.',
  documentationUrl: 'https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key',
  properties: z.object({
    apiKey: z
      .string()
      .trim()
      .regex(API_KEY, 'must end with the data center, as in 0123456789abcdef-us21')
      .meta({ label: 'API key', placeholder: '0123456789abcdef0123456789abcdef-us21', secret: true }),
  }),
  authenticate: ({ apiKey }) => ({
    type: 'custom',
    sign(request) {
      const dataCenter = API_KEY.exec(apiKey)?.[1]?.toLowerCase();
      if (dataCenter && request.url.hostname === PLACEHOLDER_HOST) request.url.hostname = `${dataCenter}.api.mailchimp.com`;
      // HTTP Basic with any user name and the key as password; the user name is the official client's.
      request.headers.set('authorization', `Basic ${btoa(`user:${apiKey}`)}`);
    },
  }),
  allowedHosts: ['*.api.mailchimp.com'],
  test: () => ({ url: `${BASE_URL}/ping` }),
});

/**
 * A Mailchimp account connected with OAuth2. Mailchimp's tokens work only on
 * the account's data center, which Mailchimp names at
 * https://login.mailchimp.com/oauth2/metadata (`dc`) after the connection:
 * the user copies it into Data center, and every request moves there.
 */
export const mailchimpOAuth2 = defineCredentialType({
  name: 'mailchimpOAuth2Api',
  displayName: 'Mailchimp OAuth2',
  documentationUrl: 'https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
    dataCenter: z
      .string()
      .trim()
      .regex(/^[a-z]+\d+$/, 'must be a data center such as us21')
      .meta({
        label: 'Data center',
        placeholder: 'us21',
        description: 'The `dc` that https://login.mailchimp.com/oauth2/metadata names for the account.',
      }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://login.mailchimp.com/oauth2/authorize',
      tokenUrl: 'https://login.mailchimp.com/oauth2/token',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      clientAuthentication: 'body',
    },
    sign(request) {
      if (request.url.hostname === PLACEHOLDER_HOST) request.url.hostname = `${d.dataCenter}.api.mailchimp.com`;
    },
  }),
  allowedHosts: ['*.api.mailchimp.com', 'login.mailchimp.com'],
  test: () => ({ url: `${BASE_URL}/ping` }),
});

/**
 * The secret a Mailchimp webhook's URL carries (`?secret=...`). Mailchimp
 * signs no webhook call, so its docs advise a secret in the URL: calls
 * without the right one are refused.
 */
export const mailchimpWebhookSecret = defineCredentialType({
  name: 'mailchimpWebhookSecret',
  displayName: 'Mailchimp webhook secret',
  documentationUrl: 'https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook URL in Mailchimp as ?secret=<this value>.',
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
