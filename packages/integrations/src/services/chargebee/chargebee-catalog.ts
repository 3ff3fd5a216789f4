// Chargebee in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { chargebeeInfo } from './chargebee-info.js';

/** Stand-in of the Chargebee webhook basic authentication credential type, which checks the trigger's calls. */
export const chargebeeWebhookAuth = lazyCredential(
  'chargebeeWebhookAuth',
  'Chargebee webhook basic authentication',
  async () => (await import('./chargebee-credentials.js')).chargebeeWebhookAuth,
);

/** Stand-in of the Chargebee Trigger: calls checked with the webhook's basic authentication. */
export const chargebeeTrigger = lazyTrigger(
  chargebeeInfo,
  chargebeeWebhookAuth,
  async () => (await import('./chargebee-trigger.js')).chargebeeTrigger,
);

/** Chargebee's node types, for the catalog's `allIntegrations`. */
export const chargebeeNodeTypes: readonly NodeType[] = [chargebeeTrigger];
/** Chargebee's credential types, for the catalog's `allIntegrationCredentials`. */
export const chargebeeCredentialTypes: readonly LazyCredentialType[] = [chargebeeWebhookAuth];
