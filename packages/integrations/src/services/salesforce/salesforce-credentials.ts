// Salesforce's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The REST API version every request names. */
export const API_VERSION = '62.0';
/** The host every request names; the credential moves it to the org's own instance. */
export const PLACEHOLDER_HOST = 'instance.salesforce.com';
export const PLACEHOLDER_ORIGIN = `https://${PLACEHOLDER_HOST}`;
export const BASE_URL = `${PLACEHOLDER_ORIGIN}/services/data/v${API_VERSION}`;

/** Where users sign in: Salesforce's login hosts, or an org's My Domain (a sandbox's included). */
const LOGIN_URL = /^https:\/\/(login\.salesforce\.com|test\.salesforce\.com|[a-z0-9-]+(\.[a-z0-9-]+)*\.my\.salesforce\.com)\/?$/i;
/** The hosts an org's API lives on (the `instance_url` of its token answers). */
const INSTANCE_HOSTS = ['*.my.salesforce.com', '*.salesforce.com'];

const hostOf = (url: string) => new URL(url).hostname.toLowerCase();

/**
 * A Salesforce org connected with OAuth2 (web server flow with PKCE) through
 * a connected app. The user signs in at the login URL; Salesforce's token
 * answer names the org's instance (`instance_url`), and every API request goes
 * there.
 */
export const salesforceOAuth2 = defineCredentialType({
  name: 'salesforceOAuth2Api',
  displayName: 'Salesforce OAuth2',
  documentationUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm',
  properties: z.object({
    loginUrl: z
      .string()
      .trim()
      .regex(LOGIN_URL, 'must be https://login.salesforce.com, https://test.salesforce.com (sandboxes) or the org\u2019s My Domain URL')
      .default('https://login.salesforce.com')
      .meta({
        label: 'Login URL',
        placeholder: 'https://login.salesforce.com',
        description: 'Where users sign in: login.salesforce.com, test.salesforce.com for a sandbox, or the org\u2019s My Domain URL.',
      }),
    clientId: z.string().min(1).meta({ label: 'Consumer key' }),
    clientSecret: z
      .string()
      .optional()
      .meta({ label: 'Consumer secret', secret: true, description: 'Leave empty when the connected app does not require it (PKCE only).' }),
    scope: z.string().default('api refresh_token').meta({ label: 'Scopes', description: 'Space-separated OAuth scopes.' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: `https://${hostOf(d.loginUrl)}/services/oauth2/authorize`,
      tokenUrl: `https://${hostOf(d.loginUrl)}/services/oauth2/token`,
      clientId: d.clientId,
      ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
      scope: d.scope,
      clientAuthentication: 'body',
      pkce: true,
    },
    sign(request, token) {
      if (request.url.hostname !== PLACEHOLDER_HOST) return;
      // The org's instance, as the token answer named it; the login host until one has.
      const instance = token.extra['instance_url'];
      request.url.hostname = instance ? hostOf(instance) : hostOf(d.loginUrl);
    },
  }),
  allowedHosts: (d) => [PLACEHOLDER_HOST, hostOf(d.loginUrl), ...INSTANCE_HOSTS],
  test: () => ({ url: `${BASE_URL}/limits` }),
});
