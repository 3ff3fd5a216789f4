// Flow in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { flowInfo } from './flow-info.js';

/** Stand-in of the Flow webhook secret credential type, which checks the trigger's calls. */
export const flowWebhookSecret = lazyCredential(
  'flowWebhookSecret',
  'Flow webhook secret',
  async () => (await import('./flow-credentials.js')).flowWebhookSecret,
);

/** Stand-in of the Flow Trigger: calls checked with the webhook secret. */
export const flowTrigger = lazyTrigger(flowInfo, flowWebhookSecret, async () => (await import('./flow-trigger.js')).flowTrigger);

/** Flow's node types, for the catalog's `allIntegrations`. */
export const flowNodeTypes: readonly NodeType[] = [flowTrigger];
/** Flow's credential types, for the catalog's `allIntegrationCredentials`. */
export const flowCredentialTypes: readonly LazyCredentialType[] = [flowWebhookSecret];
