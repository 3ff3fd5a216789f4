// GetResponse in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { getresponseInfo } from './getresponse-info.js';

/** Stand-in of the GetResponse callback secret, which checks the trigger's calls. */
export const getresponseWebhookSecret = lazyCredential(
  'getresponseWebhookSecret',
  'GetResponse callback secret',
  async () => (await import('./getresponse-credentials.js')).getresponseWebhookSecret,
);

/** Stand-in of the GetResponse Trigger: callbacks checked with the secret in their URL. */
export const getresponseTrigger = lazyTrigger(
  getresponseInfo,
  getresponseWebhookSecret,
  async () => (await import('./getresponse-trigger.js')).getresponseTrigger,
);

/** GetResponse's node types, for the catalog's `allIntegrations`. */
export const getresponseNodeTypes: readonly NodeType[] = [getresponseTrigger];
/** GetResponse's credential types, for the catalog's `allIntegrationCredentials`. */
export const getresponseCredentialTypes: readonly LazyCredentialType[] = [getresponseWebhookSecret];
