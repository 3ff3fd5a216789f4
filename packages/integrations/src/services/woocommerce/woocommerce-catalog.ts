// WooCommerce in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { woocommerceInfo } from './woocommerce-info.js';

const credentials = () => import('./woocommerce-credentials.js');

/** Stand-in of the WooCommerce REST API key credential type. */
export const wooCommerceApiKey = lazyCredential(
  'wooCommerceApi',
  'WooCommerce REST API key',
  async () => (await credentials()).wooCommerceApiKey,
);
/** Stand-in of the WooCommerce webhook secret credential type, which checks the trigger's deliveries. */
export const wooCommerceWebhookSecret = lazyCredential(
  'wooCommerceWebhookSecret',
  'WooCommerce webhook secret',
  async () => (await credentials()).wooCommerceWebhookSecret,
);

/** Stand-in of the WooCommerce node. */
export const woocommerce = lazyService(
  woocommerceInfo,
  [wooCommerceApiKey],
  async () => (await import('./woocommerce.js')).woocommerce.node,
);
/** Stand-in of the WooCommerce Trigger: deliveries checked with the webhook secret. */
export const woocommerceTrigger = lazyTrigger(
  woocommerceInfo,
  wooCommerceWebhookSecret,
  async () => (await import('./woocommerce-trigger.js')).woocommerceTrigger,
);

/** WooCommerce's node types, for the catalog's `allIntegrations`. */
export const woocommerceNodeTypes: readonly NodeType[] = [woocommerce, woocommerceTrigger];
/** WooCommerce's credential types, for the catalog's `allIntegrationCredentials`. */
export const woocommerceCredentialTypes: readonly LazyCredentialType[] = [wooCommerceApiKey, wooCommerceWebhookSecret];
