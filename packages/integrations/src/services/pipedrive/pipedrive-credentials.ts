// Pipedrive's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

export const BASE_URL = 'https://api.pipedrive.com';
const HOSTS = ['api.pipedrive.com'];
/** The user the credential acts as: any working token may read it. */
const currentUser = () => ({ url: `${BASE_URL}/v1/users/me` });

/** A user's personal API token (Personal preferences › API), sent in the `x-api-token` header. */
export const pipedriveApiToken = defineCredentialType({
  name: 'pipedriveApi',
  displayName: 'Pipedrive API token',
  documentationUrl: 'https://pipedrive.readme.io/docs/how-to-find-the-api-token',
  properties: z.object({
    apiToken: z.string().trim().min(1).meta({ label: 'API token', secret: true }),
  }),
  authenticate: (d) => ({ type: 'header', name: 'x-api-token', value: d.apiToken }),
  allowedHosts: HOSTS,
  test: currentUser,
});

/** A Pipedrive company connected with OAuth2 through an app of the Marketplace Manager. */
export const pipedriveOAuth2 = defineCredentialType({
  name: 'pipedriveOAuth2Api',
  displayName: 'Pipedrive OAuth2',
  documentationUrl: 'https://pipedrive.readme.io/docs/marketplace-oauth-authorization',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://oauth.pipedrive.com/oauth/authorize',
      tokenUrl: 'https://oauth.pipedrive.com/oauth/token',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      // Pipedrive's token endpoint takes the client's id and secret as HTTP Basic.
      clientAuthentication: 'header',
    },
    sign(request, token) {
      // The token answer names the company's own API host (`api_domain`); requests go there.
      const domain = token.extra['api_domain'];
      if (domain && request.url.hostname === 'api.pipedrive.com') request.url.hostname = new URL(domain).hostname;
    },
  }),
  allowedHosts: [...HOSTS, 'oauth.pipedrive.com', '*.pipedrive.com'],
  test: currentUser,
});

/**
 * The user name and password a Pipedrive webhook is created with ("HTTP
 * Auth"): Pipedrive signs nothing, and sends these as HTTP Basic with every
 * call, so calls without them are refused.
 */
export const pipedriveWebhookAuth = defineCredentialType({
  name: 'pipedriveWebhookAuth',
  displayName: 'Pipedrive webhook credentials',
  documentationUrl: 'https://pipedrive.readme.io/docs/guide-for-webhooks-v2',
  properties: z.object({
    user: z.string().min(1).meta({ label: 'User', description: 'The HTTP Auth user name given when creating the webhook in Pipedrive.' }),
    password: z
      .string()
      .min(12, 'must be at least 12 characters')
      .meta({ label: 'Password', secret: true, description: 'The HTTP Auth password given when creating the webhook; a long random one.' }),
  }),
  // The pair only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const { basicAuthMismatch } = await import('../../kit/signature.js');
    return basicAuthMismatch(call.headers.get('authorization'), data.user, data.password);
  },
});
