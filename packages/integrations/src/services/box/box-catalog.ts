// Box in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { boxInfo } from './box-info.js';

/** Stand-in of the Box webhook signature keys credential type, which checks the trigger's calls. */
export const boxWebhookKeys = lazyCredential(
  'boxWebhookKeys',
  'Box webhook signature keys',
  async () => (await import('./box-credentials.js')).boxWebhookKeys,
);

/** Stand-in of the Box Trigger: events checked with the app's signature keys. */
export const boxTrigger = lazyTrigger(boxInfo, boxWebhookKeys, async () => (await import('./box-trigger.js')).boxTrigger);

/** Box's node types, for the catalog's `allIntegrations`. */
export const boxNodeTypes: readonly NodeType[] = [boxTrigger];
/** Box's credential types, for the catalog's `allIntegrationCredentials`. */
export const boxCredentialTypes: readonly LazyCredentialType[] = [boxWebhookKeys];
