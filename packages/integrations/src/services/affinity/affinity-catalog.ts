// Affinity in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { affinityInfo } from './affinity-info.js';

/** Stand-in of the Affinity webhook secret credential type, which checks the trigger's calls. */
export const affinityWebhookSecret = lazyCredential(
  'affinityWebhookSecret',
  'Affinity webhook secret',
  async () => (await import('./affinity-credentials.js')).affinityWebhookSecret,
);

/** Stand-in of the Affinity Trigger: calls checked with the secret in the webhook's URL. */
export const affinityTrigger = lazyTrigger(
  affinityInfo,
  affinityWebhookSecret,
  async () => (await import('./affinity-trigger.js')).affinityTrigger,
);

/** Affinity's node types, for the catalog's `allIntegrations`. */
export const affinityNodeTypes: readonly NodeType[] = [affinityTrigger];
/** Affinity's credential types, for the catalog's `allIntegrationCredentials`. */
export const affinityCredentialTypes: readonly LazyCredentialType[] = [affinityWebhookSecret];
