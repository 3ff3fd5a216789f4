// Zendesk in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { zendeskInfo } from './zendesk-info.js';

/** Stand-in of the Zendesk webhook signing secret credential type, which checks the trigger's calls. */
export const zendeskWebhookSecret = lazyCredential(
  'zendeskWebhookSecret',
  'Zendesk webhook signing secret',
  async () => (await import('./zendesk-credentials.js')).zendeskWebhookSecret,
);

/** Stand-in of the Zendesk Trigger: calls checked with the webhook's signing secret. */
export const zendeskTrigger = lazyTrigger(
  zendeskInfo,
  zendeskWebhookSecret,
  async () => (await import('./zendesk-trigger.js')).zendeskTrigger,
);

/** Zendesk's node types, for the catalog's `allIntegrations`. */
export const zendeskNodeTypes: readonly NodeType[] = [zendeskTrigger];
/** Zendesk's credential types, for the catalog's `allIntegrationCredentials`. */
export const zendeskCredentialTypes: readonly LazyCredentialType[] = [zendeskWebhookSecret];
