// Raindrop.io in the catalog: stand-ins for its node and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { raindropInfo } from './raindrop-info.js';

const credentials = () => import('./raindrop-credentials.js');

/** Stand-in of the Raindrop test token credential type. */
export const raindropTestToken = lazyCredential('raindropApi', 'Raindrop test token', async () => (await credentials()).raindropTestToken);
/** Stand-in of the Raindrop OAuth2 credential type. */
export const raindropOAuth2 = lazyCredential('raindropOAuth2Api', 'Raindrop OAuth2', async () => (await credentials()).raindropOAuth2);

/** Stand-in of the Raindrop node. */
export const raindrop = lazyService(
  raindropInfo,
  [raindropTestToken, raindropOAuth2],
  async () => (await import('./raindrop.js')).raindrop.node,
);

/** Raindrop's node types, for the catalog's `allIntegrations`. */
export const raindropNodeTypes: readonly NodeType[] = [raindrop];
/** Raindrop's credential types, for the catalog's `allIntegrationCredentials`. */
export const raindropCredentialTypes: readonly LazyCredentialType[] = [raindropTestToken, raindropOAuth2];
