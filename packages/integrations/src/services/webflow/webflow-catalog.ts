// Webflow in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { webflowInfo } from './webflow-info.js';

/** Stand-in of the Webflow webhook secret credential type, which checks the trigger's calls. */
export const webflowWebhookSecret = lazyCredential(
  'webflowWebhookSecret',
  'Webflow webhook secret',
  async () => (await import('./webflow-credentials.js')).webflowWebhookSecret,
);

/** Stand-in of the Webflow Trigger: calls checked with the webhook's signing secret. */
export const webflowTrigger = lazyTrigger(
  webflowInfo,
  webflowWebhookSecret,
  async () => (await import('./webflow-trigger.js')).webflowTrigger,
);

/** Webflow's node types, for the catalog's `allIntegrations`. */
export const webflowNodeTypes: readonly NodeType[] = [webflowTrigger];
/** Webflow's credential types, for the catalog's `allIntegrationCredentials`. */
export const webflowCredentialTypes: readonly LazyCredentialType[] = [webflowWebhookSecret];
