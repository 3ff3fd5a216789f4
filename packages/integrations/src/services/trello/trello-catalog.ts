// Trello in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { trelloInfo } from './trello-info.js';

/** Stand-in of the Trello webhook secret credential type, which checks the trigger's calls. */
export const trelloWebhookSecret = lazyCredential(
  'trelloWebhookSecret',
  'Trello webhook secret',
  async () => (await import('./trello-credentials.js')).trelloWebhookSecret,
);

/** Stand-in of the Trello Trigger: webhook calls checked with the Trello app's secret. */
export const trelloTrigger = lazyTrigger(trelloInfo, trelloWebhookSecret, async () => (await import('./trello-trigger.js')).trelloTrigger);

/** Trello's node types, for the catalog's `allIntegrations`. */
export const trelloNodeTypes: readonly NodeType[] = [trelloTrigger];
/** Trello's credential types, for the catalog's `allIntegrationCredentials`. */
export const trelloCredentialTypes: readonly LazyCredentialType[] = [trelloWebhookSecret];
