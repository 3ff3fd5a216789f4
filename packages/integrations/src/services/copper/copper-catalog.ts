// Copper in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { copperInfo } from './copper-info.js';

/** Stand-in of the Copper webhook secret credential type, which checks the trigger's calls. */
export const copperWebhookSecret = lazyCredential(
  'copperWebhookSecret',
  'Copper webhook secret',
  async () => (await import('./copper-credentials.js')).copperWebhookSecret,
);

/** Stand-in of the Copper Trigger: notifications checked with the subscription's secret. */
export const copperTrigger = lazyTrigger(copperInfo, copperWebhookSecret, async () => (await import('./copper-trigger.js')).copperTrigger);

/** Copper's node types, for the catalog's `allIntegrations`. */
export const copperNodeTypes: readonly NodeType[] = [copperTrigger];
/** Copper's credential types, for the catalog's `allIntegrationCredentials`. */
export const copperCredentialTypes: readonly LazyCredentialType[] = [copperWebhookSecret];
