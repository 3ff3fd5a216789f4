// Autopilot in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { autopilotInfo } from './autopilot-info.js';

/** Stand-in of the Autopilot webhook secret, which checks the trigger's calls. */
export const autopilotWebhookSecret = lazyCredential(
  'autopilotWebhookSecret',
  'Autopilot webhook secret',
  async () => (await import('./autopilot-credentials.js')).autopilotWebhookSecret,
);

/** Stand-in of the Autopilot Trigger: calls checked with the secret in the hook's target URL. */
export const autopilotTrigger = lazyTrigger(
  autopilotInfo,
  autopilotWebhookSecret,
  async () => (await import('./autopilot-trigger.js')).autopilotTrigger,
);

/** Autopilot's node types, for the catalog's `allIntegrations`. */
export const autopilotNodeTypes: readonly NodeType[] = [autopilotTrigger];
/** Autopilot's credential types, for the catalog's `allIntegrationCredentials`. */
export const autopilotCredentialTypes: readonly LazyCredentialType[] = [autopilotWebhookSecret];
