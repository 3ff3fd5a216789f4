// Keap in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { keapInfo } from './keap-info.js';

/** Stand-in of the Keap webhook secret, which checks the trigger's calls. */
export const keapWebhookSecret = lazyCredential(
  'keapWebhookSecret',
  'Keap webhook secret',
  async () => (await import('./keap-credentials.js')).keapWebhookSecret,
);

/** Stand-in of the Keap Trigger: calls checked with the secret in the hook URL. */
export const keapTrigger = lazyTrigger(keapInfo, keapWebhookSecret, async () => (await import('./keap-trigger.js')).keapTrigger);

/** Keap's node types, for the catalog's `allIntegrations`. */
export const keapNodeTypes: readonly NodeType[] = [keapTrigger];
/** Keap's credential types, for the catalog's `allIntegrationCredentials`. */
export const keapCredentialTypes: readonly LazyCredentialType[] = [keapWebhookSecret];
