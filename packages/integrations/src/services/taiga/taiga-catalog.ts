// Taiga in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { taigaInfo } from './taiga-info.js';

/** Stand-in of the Taiga webhook secret key credential type, which checks the trigger's calls. */
export const taigaWebhookKey = lazyCredential(
  'taigaWebhookKey',
  'Taiga webhook secret key',
  async () => (await import('./taiga-credentials.js')).taigaWebhookKey,
);

/** Stand-in of the Taiga Trigger: webhook calls checked with the secret key. */
export const taigaTrigger = lazyTrigger(taigaInfo, taigaWebhookKey, async () => (await import('./taiga-trigger.js')).taigaTrigger);

/** Taiga's node types, for the catalog's `allIntegrations`. */
export const taigaNodeTypes: readonly NodeType[] = [taigaTrigger];
/** Taiga's credential types, for the catalog's `allIntegrationCredentials`. */
export const taigaCredentialTypes: readonly LazyCredentialType[] = [taigaWebhookKey];
