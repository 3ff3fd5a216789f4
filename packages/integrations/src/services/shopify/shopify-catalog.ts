// Shopify in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { shopifyInfo } from './shopify-info.js';

const credentials = () => import('./shopify-credentials.js');

/** Stand-in of the Shopify access token credential type. */
export const shopifyAccessToken = lazyCredential(
  'shopifyAccessTokenApi',
  'Shopify access token',
  async () => (await credentials()).shopifyAccessToken,
);
/** Stand-in of the Shopify OAuth2 credential type. */
export const shopifyOAuth2 = lazyCredential('shopifyOAuth2Api', 'Shopify OAuth2', async () => (await credentials()).shopifyOAuth2);
/** Stand-in of the Shopify webhook secret credential type, which checks the trigger's requests. */
export const shopifyWebhookSecret = lazyCredential(
  'shopifyWebhookSecret',
  'Shopify webhook secret',
  async () => (await credentials()).shopifyWebhookSecret,
);

/** Stand-in of the Shopify node. */
export const shopify = lazyService(
  shopifyInfo,
  [shopifyAccessToken, shopifyOAuth2],
  async () => (await import('./shopify.js')).shopify.node,
);
/** Stand-in of the Shopify Trigger: webhook calls checked with the webhook secret. */
export const shopifyTrigger = lazyTrigger(
  shopifyInfo,
  shopifyWebhookSecret,
  async () => (await import('./shopify-trigger.js')).shopifyTrigger,
);

/** Shopify's node types, for the catalog's `allIntegrations`. */
export const shopifyNodeTypes: readonly NodeType[] = [shopify, shopifyTrigger];
/** Shopify's credential types, for the catalog's `allIntegrationCredentials`. */
export const shopifyCredentialTypes: readonly LazyCredentialType[] = [shopifyAccessToken, shopifyOAuth2, shopifyWebhookSecret];
