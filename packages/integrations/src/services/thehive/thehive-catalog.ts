// TheHive in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { thehiveInfo } from './thehive-info.js';

/** Stand-in of the TheHive webhook bearer token credential type, which checks the trigger's calls. */
export const thehiveWebhookToken = lazyCredential(
  'thehiveWebhookToken',
  'TheHive webhook bearer token',
  async () => (await import('./thehive-credentials.js')).thehiveWebhookToken,
);

/** Stand-in of the TheHive Trigger: webhook calls checked with the bearer token. */
export const thehiveTrigger = lazyTrigger(
  thehiveInfo,
  thehiveWebhookToken,
  async () => (await import('./thehive-trigger.js')).thehiveTrigger,
);

/** TheHive's node types, for the catalog's `allIntegrations`. */
export const thehiveNodeTypes: readonly NodeType[] = [thehiveTrigger];
/** TheHive's credential types, for the catalog's `allIntegrationCredentials`. */
export const thehiveCredentialTypes: readonly LazyCredentialType[] = [thehiveWebhookToken];
