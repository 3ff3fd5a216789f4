// Ghost in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { ghostInfo } from './ghost-info.js';

/** Stand-in of the Ghost Admin API key credential type. */
export const ghostAdminApi = lazyCredential(
  'ghostAdminApi',
  'Ghost Admin API key',
  async () => (await import('./ghost-credentials.js')).ghostAdminApi,
);

/** Stand-in of the Ghost node. */
export const ghost = lazyService(ghostInfo, [ghostAdminApi], async () => (await import('./ghost.js')).ghost.node);

/** Ghost's node types, for the catalog's `allIntegrations`. */
export const ghostNodeTypes: readonly NodeType[] = [ghost];
/** Ghost's credential types, for the catalog's `allIntegrationCredentials`. */
export const ghostCredentialTypes: readonly LazyCredentialType[] = [ghostAdminApi];
