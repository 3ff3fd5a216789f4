// PayPal in the catalog: stand-ins for its node, its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { paypalInfo } from './paypal-info.js';

/** Stand-in of the PayPal app credential type (client credentials), which the trigger also uses to verify events. */
export const paypalOAuth2 = lazyCredential(
  'paypalOAuth2Api',
  'PayPal app (client credentials)',
  async () => (await import('./paypal-credentials.js')).paypalOAuth2,
);

/** Stand-in of the PayPal node. */
export const paypal = lazyService(paypalInfo, [paypalOAuth2], async () => (await import('./paypal.js')).paypal.node);
/** Stand-in of the PayPal Trigger. */
export const paypalTrigger = lazyTrigger(paypalInfo, paypalOAuth2, async () => (await import('./paypal-trigger.js')).paypalTrigger);

/** PayPal's node types, for the catalog's `allIntegrations`. */
export const paypalNodeTypes: readonly NodeType[] = [paypal, paypalTrigger];
/** PayPal's credential types, for the catalog's `allIntegrationCredentials`. */
export const paypalCredentialTypes: readonly LazyCredentialType[] = [paypalOAuth2];
