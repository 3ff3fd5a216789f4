// Customer.io in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { customerIoInfo } from './customer-io-info.js';

/** Stand-in of the Customer.io webhook signing key, which checks the trigger's calls. */
export const customerIoWebhookSigningKey = lazyCredential(
  'customerIoWebhookSigningKey',
  'Customer.io webhook signing key',
  async () => (await import('./customer-io-credentials.js')).customerIoWebhookSigningKey,
);

/** Stand-in of the Customer.io Trigger: calls checked with the reporting webhooks' signing key. */
export const customerIoTrigger = lazyTrigger(
  customerIoInfo,
  customerIoWebhookSigningKey,
  async () => (await import('./customer-io-trigger.js')).customerIoTrigger,
);

/** Customer.io's node types, for the catalog's `allIntegrations`. */
export const customerIoNodeTypes: readonly NodeType[] = [customerIoTrigger];
/** Customer.io's credential types, for the catalog's `allIntegrationCredentials`. */
export const customerIoCredentialTypes: readonly LazyCredentialType[] = [customerIoWebhookSigningKey];
