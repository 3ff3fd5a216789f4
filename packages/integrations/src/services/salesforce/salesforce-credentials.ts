// Salesforce's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The REST API version every request names. */
export const API_VERSION = '62.0';
/** The host every request names; the credential moves it to the org's own instance. */
export const PLACEHOLDER_HOST = 'instance.salesforce.com';
export const PLACEHOLDER_ORIGIN = `https://${PLACEHOLDER_HOST}`;
export const BASE_URL = `${PLACEHOLDER_ORIGIN}/services/data/v${API_VERSION}`;

/** A My Domain URL: every org has one (Salesforce enforces it), and it is the instance URL its token answers name. */
const MY_DOMAIN = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.my\.salesforce\.com\/?$/i;

const hostOf = (instanceUrl: string) => new URL(instanceUrl).hostname.toLowerCase();

/**
 * A Salesforce org connected with OAuth2 (web server flow with PKCE) through
 * a connected app. Sign-in, tokens and every API request go to the org's My
 * Domain, which is the `instance_url` of Salesforce's token answer.
 */
export const salesforceOAuth2 = defineCredentialType({
  name: 'salesforceOAuth2Api',
  displayName: 'Salesforce OAuth2',
  documentationUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm',
  properties: z.object({
    instanceUrl: z.string().trim().regex(MY_DOMAIN, 'must be the org\u2019s My Domain URL, such as https://acme.my.salesforce.com').meta({
      label: 'Instance URL',
      placeholder: 'https://acme.my.salesforce.com',
      description:
        'The org\u2019s My Domain URL (Setup \u203a My Domain), which Salesforce names as instance_url; a sandbox\u2019s ends in .sandbox.my.salesforce.com.',
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
      authorizationUrl: `https://${hostOf(d.instanceUrl)}/services/oauth2/authorize`,
      tokenUrl: `https://${hostOf(d.instanceUrl)}/services/oauth2/token`,
      clientId: d.clientId,
      ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
      scope: d.scope,
      clientAuthentication: 'body',
      pkce: true,
    },
    sign(request) {
      if (request.url.hostname === PLACEHOLDER_HOST) request.url.hostname = hostOf(d.instanceUrl);
    },
  }),
  allowedHosts: (d) => [PLACEHOLDER_HOST, hostOf(d.instanceUrl)],
  test: () => ({ url: `${BASE_URL}/limits` }),
});
