// Raindrop.io's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

export const BASE_URL = 'https://api.raindrop.io/rest/v1';
const HOSTS = ['api.raindrop.io'];
/** The account the credential acts as: any working token may read it. */
const currentUser = () => ({ url: `${BASE_URL}/user` });

/** The test token of an app (raindrop.io Settings › Integrations › your app), acting as the app's owner. */
export const raindropTestToken = defineCredentialType({
  name: 'raindropApi',
  displayName: 'Raindrop test token',
  description: 'The test token of an app created in Raindrop.io (Settings \u203a Integrations): it acts as your own account.',
  documentationUrl: 'https://developer.raindrop.io/v1/authentication/token',
  properties: z.object({
    accessToken: z.string().trim().min(1).meta({ label: 'Test token', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.accessToken }),
  allowedHosts: HOSTS,
  test: currentUser,
});

/** A Raindrop.io account connected with OAuth2 through an app of raindrop.io Settings › Integrations. */
export const raindropOAuth2 = defineCredentialType({
  name: 'raindropOAuth2Api',
  displayName: 'Raindrop OAuth2',
  documentationUrl: 'https://developer.raindrop.io/v1/authentication/token',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://raindrop.io/oauth/authorize',
      tokenUrl: 'https://raindrop.io/oauth/access_token',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      clientAuthentication: 'body',
    },
  }),
  allowedHosts: [...HOSTS, 'raindrop.io'],
  test: currentUser,
});
