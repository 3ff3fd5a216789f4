// Airtable's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The Web API, and the host that takes attachment uploads. */
const AIRTABLE_HOSTS = ['api.airtable.com', 'content.airtable.com'];

/** Who the token belongs to: answers 200 for any working token, whatever its scopes. */
const whoami = () => ({ url: 'https://api.airtable.com/v0/meta/whoami' });

/** An Airtable personal access token, `pat...`, with the scopes and bases it was given. */
export const airtableToken = defineCredentialType({
  name: 'airtableTokenApi',
  displayName: 'Airtable personal access token',
  description: 'A token from airtable.com/create/tokens, with data.records:read/write and schema.bases:read, for the bases it may use.',
  documentationUrl: 'https://airtable.com/developers/web/guides/personal-access-tokens',
  properties: z.object({
    accessToken: z.string().trim().min(1).meta({ label: 'Access token', placeholder: 'pat...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.accessToken }),
  allowedHosts: AIRTABLE_HOSTS,
  test: whoami,
});

/** An Airtable account connected with OAuth2 (authorization code with PKCE, which Airtable requires). */
export const airtableOAuth2 = defineCredentialType({
  name: 'airtableOAuth2Api',
  displayName: 'Airtable OAuth2',
  documentationUrl: 'https://airtable.com/developers/web/guides/oauth-integrations',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z
      .string()
      .optional()
      .meta({ label: 'Client secret', secret: true, description: 'Only for an integration registered with a client secret.' }),
    scope: z
      .string()
      .default('data.records:read data.records:write schema.bases:read user.email:read')
      .meta({ label: 'Scopes', description: 'Space-separated Airtable scopes.' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://airtable.com/oauth2/v1/authorize',
      tokenUrl: 'https://airtable.com/oauth2/v1/token',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      // Airtable takes a registered client's id and secret as HTTP Basic; a public client sends its id in the body.
      clientAuthentication: 'header',
      pkce: true,
    },
  }),
  allowedHosts: AIRTABLE_HOSTS,
  test: whoami,
});
