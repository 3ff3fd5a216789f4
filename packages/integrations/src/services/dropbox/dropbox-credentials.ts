// Dropbox's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** Where the API and the file contents are. */
export const API_HOST = 'api.dropboxapi.com';
export const CONTENT_HOST = 'content.dropboxapi.com';

/**
 * A Dropbox account connected with OAuth2 (authorization code with PKCE) through a Dropbox app. The app asks for
 * offline access, so Dropbox hands out a refresh token and the engine renews the short-lived access tokens (four
 * hours) itself, before they expire and after a 401.
 */
export const dropboxOAuth2 = defineCredentialType({
  name: 'dropboxOAuth2Api',
  displayName: 'Dropbox OAuth2',
  documentationUrl: 'https://developers.dropbox.com/oauth-guide',
  properties: z.object({
    clientId: z.string().trim().min(1).meta({ label: 'App key', description: 'On the app\u2019s page in the Dropbox App Console.' }),
    clientSecret: z
      .string()
      .trim()
      .optional()
      .meta({ label: 'App secret', secret: true, description: 'Leave empty to connect with PKCE alone.' }),
    scope: z
      .string()
      .default('account_info.read files.metadata.read files.content.read files.content.write sharing.write')
      .meta({ label: 'Scopes', description: 'Space-separated; the app must have them (its Permissions tab).' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://dropbox.com/oauth2/authorize',
      tokenUrl: `https://${API_HOST}/oauth2/token`,
      clientId: d.clientId,
      ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
      scope: d.scope,
      clientAuthentication: 'body',
      // Without offline access Dropbox gives no refresh token, and the account must be connected again every four hours.
      authorizationParams: { token_access_type: 'offline' },
      pkce: true,
    },
  }),
  allowedHosts: [API_HOST, CONTENT_HOST],
  // The account the token belongs to answers for any working token.
  test: () => ({ url: `https://${API_HOST}/2/users/get_current_account`, method: 'POST' }),
});
