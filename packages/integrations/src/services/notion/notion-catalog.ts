// Notion in the catalog: stand-ins for its node and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { notionInfo } from './notion-info.js';

const credentials = () => import('./notion-credentials.js');

/** Stand-in of the Notion internal integration token credential type. */
export const notionToken = lazyCredential('notionApi', 'Notion internal integration token', async () => (await credentials()).notionToken);
/** Stand-in of the Notion OAuth2 credential type. */
export const notionOAuth2 = lazyCredential('notionOAuth2Api', 'Notion OAuth2', async () => (await credentials()).notionOAuth2);

/** Stand-in of the Notion node. */
export const notion = lazyService(notionInfo, [notionToken, notionOAuth2], async () => (await import('./notion.js')).notion.node);

/** Notion's node types, for the catalog's `allIntegrations`. */
export const notionNodeTypes: readonly NodeType[] = [notion];
/** Notion's credential types, for the catalog's `allIntegrationCredentials`. */
export const notionCredentialTypes: readonly LazyCredentialType[] = [notionToken, notionOAuth2];
