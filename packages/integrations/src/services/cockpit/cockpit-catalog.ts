// Cockpit in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { cockpitInfo } from './cockpit-info.js';

/** Stand-in of the Cockpit API token credential type. */
export const cockpitApi = lazyCredential(
  'cockpitApi',
  'Cockpit API token',
  async () => (await import('./cockpit-credentials.js')).cockpitApi,
);

/** Stand-in of the Cockpit node. */
export const cockpit = lazyService(cockpitInfo, [cockpitApi], async () => (await import('./cockpit.js')).cockpit.node);

/** Cockpit's node types, for the catalog's `allIntegrations`. */
export const cockpitNodeTypes: readonly NodeType[] = [cockpit];
/** Cockpit's credential types, for the catalog's `allIntegrationCredentials`. */
export const cockpitCredentialTypes: readonly LazyCredentialType[] = [cockpitApi];
