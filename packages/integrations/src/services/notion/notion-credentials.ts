// Notion's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The API version every request names (`Notion-Version`): the one whose
 * shapes the operations are written for (databases hold data sources).
 */
export const NOTION_VERSION = '2025-09-03';

const HOSTS = ['api.notion.com'];

/** Who the token is: the integration's bot user. */
const me = () => ({ url: 'https://api.notion.com/v1/users/me', headers: { 'notion-version': NOTION_VERSION } });

/** A Notion internal integration's secret (`ntn_...`), for the pages and databases shared with it. */
export const notionToken = defineCredentialType({
  name: 'notionApi',
  displayName: 'Notion internal integration token',
  description: 'The secret of an internal integration (notion.so/profile/integrations); share each page or database with it.',
  documentationUrl: 'https://developers.notion.com/docs/authorization#internal-integration-auth-flow-set-up',
  properties: z.object({
    token: z.string().trim().min(1).meta({ label: 'Internal integration secret', placeholder: 'ntn_...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'headers', headers: { authorization: `Bearer ${d.token}`, 'notion-version': NOTION_VERSION } }),
  allowedHosts: HOSTS,
  test: me,
});

/**
 * A Notion workspace connected with OAuth2 (a public integration). Notion
 * takes the client's id and secret as HTTP Basic at its token endpoint, and
 * its tokens do not expire.
 */
export const notionOAuth2 = defineCredentialType({
  name: 'notionOAuth2Api',
  displayName: 'Notion OAuth2',
  documentationUrl: 'https://developers.notion.com/docs/authorization#public-integration-auth-flow-set-up',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'OAuth client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'OAuth client secret', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
      tokenUrl: 'https://api.notion.com/v1/oauth/token',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      clientAuthentication: 'header',
      // Notion's authorization takes no scopes and no PKCE; `owner=user` lets the user pick the pages to share.
      authorizationParams: { owner: 'user' },
      pkce: false,
    },
    sign(request) {
      request.headers.set('notion-version', NOTION_VERSION);
    },
  }),
  allowedHosts: HOSTS,
  test: me,
});
