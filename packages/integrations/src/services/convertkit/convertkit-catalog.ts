// ConvertKit in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { convertkitInfo } from './convertkit-info.js';

/** Stand-in of the ConvertKit webhook secret, which checks the trigger's calls. */
export const convertkitWebhookSecret = lazyCredential(
  'convertkitWebhookSecret',
  'ConvertKit webhook secret',
  async () => (await import('./convertkit-credentials.js')).convertkitWebhookSecret,
);

/** Stand-in of the ConvertKit Trigger: calls checked with the secret in the webhook URL. */
export const convertkitTrigger = lazyTrigger(
  convertkitInfo,
  convertkitWebhookSecret,
  async () => (await import('./convertkit-trigger.js')).convertkitTrigger,
);

/** ConvertKit's node types, for the catalog's `allIntegrations`. */
export const convertkitNodeTypes: readonly NodeType[] = [convertkitTrigger];
/** ConvertKit's credential types, for the catalog's `allIntegrationCredentials`. */
export const convertkitCredentialTypes: readonly LazyCredentialType[] = [convertkitWebhookSecret];
