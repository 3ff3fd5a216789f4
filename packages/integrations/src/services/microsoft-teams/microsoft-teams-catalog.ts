// Microsoft Teams in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { teamsInfo } from './microsoft-teams-info.js';

/** Stand-in of the Microsoft Teams OAuth2 credential type. */
export const teamsOAuth2 = lazyCredential(
  'microsoftTeamsOAuth2Api',
  'Microsoft Teams OAuth2',
  async () => (await import('./microsoft-teams-credentials.js')).teamsOAuth2,
);

/** Stand-in of the Microsoft Teams node. */
export const microsoftTeams = lazyService(teamsInfo, [teamsOAuth2], async () => (await import('./microsoft-teams.js')).microsoftTeams.node);

/** Microsoft Teams' node types, for the catalog's `allIntegrations`. */
export const microsoftTeamsNodeTypes: readonly NodeType[] = [microsoftTeams];
/** Microsoft Teams' credential types, for the catalog's `allIntegrationCredentials`. */
export const microsoftTeamsCredentialTypes: readonly LazyCredentialType[] = [teamsOAuth2];
