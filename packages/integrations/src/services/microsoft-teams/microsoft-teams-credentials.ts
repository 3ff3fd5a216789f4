// Microsoft Teams credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * Delegated Graph permissions a user may grant without an administrator;
 * `offline_access` brings the refresh token. Listing channel messages also
 * needs ChannelMessage.Read.All, which only an administrator can grant, so it
 * is left for the user to add: asking for it would block every other user.
 */
const SCOPES = [
  'offline_access',
  'User.Read',
  'Team.ReadBasic.All',
  'Channel.ReadBasic.All',
  'Channel.Create',
  'ChannelMessage.Send',
  'Calendars.ReadWrite',
  'OnlineMeetings.ReadWrite',
].join(' ');

/** A Microsoft 365 work or school account, connected through an app registered in Microsoft Entra ID. */
export const teamsOAuth2 = defineCredentialType({
  name: 'microsoftTeamsOAuth2Api',
  displayName: 'Microsoft Teams OAuth2',
  documentationUrl: 'https://learn.microsoft.com/en-us/graph/auth-v2-user',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Application (client) ID' }),
    clientSecret: z
      .string()
      .optional()
      .meta({ label: 'Client secret', secret: true, description: 'Required for a web app registration; none for a public client.' }),
    tenant: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be common, organizations, a tenant ID or a domain')
      .default('common')
      .meta({ label: 'Tenant', description: '`common`, `organizations`, or the directory (tenant) ID or domain.' }),
    scope: z.string().default(SCOPES).meta({
      label: 'Scopes',
      description: 'Space-separated Graph permissions. Add ChannelMessage.Read.All (an administrator consents) to list messages.',
    }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: `https://login.microsoftonline.com/${d.tenant}/oauth2/v2.0/authorize`,
      tokenUrl: `https://login.microsoftonline.com/${d.tenant}/oauth2/v2.0/token`,
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      clientAuthentication: 'body',
    },
  }),
  allowedHosts: ['graph.microsoft.com'],
  test: () => ({ url: 'https://graph.microsoft.com/v1.0/me' }),
});
