// Wufoo in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { wufooInfo } from './wufoo-info.js';

/** Stand-in of the Wufoo handshake key credential type, which checks the trigger's calls. */
export const wufooHandshakeKey = lazyCredential(
  'wufooHandshakeKey',
  'Wufoo handshake key',
  async () => (await import('./wufoo-credentials.js')).wufooHandshakeKey,
);

/** Stand-in of the Wufoo Trigger: entries checked with the webhook's handshake key. */
export const wufooTrigger = lazyTrigger(wufooInfo, wufooHandshakeKey, async () => (await import('./wufoo-trigger.js')).wufooTrigger);

/** Wufoo's node types, for the catalog's `allIntegrations`. */
export const wufooNodeTypes: readonly NodeType[] = [wufooTrigger];
/** Wufoo's credential types, for the catalog's `allIntegrationCredentials`. */
export const wufooCredentialTypes: readonly LazyCredentialType[] = [wufooHandshakeKey];
