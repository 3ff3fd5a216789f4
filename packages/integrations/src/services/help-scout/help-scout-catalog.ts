// Help Scout in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { helpScoutInfo } from './help-scout-info.js';

/** Stand-in of the Help Scout webhook secret key credential type, which checks the trigger's calls. */
export const helpScoutWebhookSecret = lazyCredential(
  'helpScoutWebhookSecret',
  'Help Scout webhook secret key',
  async () => (await import('./help-scout-credentials.js')).helpScoutWebhookSecret,
);

/** Stand-in of the Help Scout Trigger: calls checked with the webhook's secret key. */
export const helpScoutTrigger = lazyTrigger(
  helpScoutInfo,
  helpScoutWebhookSecret,
  async () => (await import('./help-scout-trigger.js')).helpScoutTrigger,
);

/** Help Scout's node types, for the catalog's `allIntegrations`. */
export const helpScoutNodeTypes: readonly NodeType[] = [helpScoutTrigger];
/** Help Scout's credential types, for the catalog's `allIntegrationCredentials`. */
export const helpScoutCredentialTypes: readonly LazyCredentialType[] = [helpScoutWebhookSecret];
