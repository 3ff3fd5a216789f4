import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { shopifyWebhookSecret } from './shopify-credentials.js';
import { shopifyInfo } from './shopify-info.js';

export { shopifyWebhookSecret };

/**
 * Starts a workflow on the store events Shopify sends to a webhook
 * subscription (orders, products, customers, inventory levels). Shopify signs
 * each call's raw body with the app's client secret (`X-Shopify-Hmac-Sha256`)
 * and names its topic in `X-Shopify-Topic`; the item is the record the call carries.
 */
export const shopifyTrigger = defineTrigger({
  id: 'shopify',
  displayName: 'Shopify',
  icon: shopifyInfo.icon,
  docsUrl: 'https://shopify.dev/docs/api/webhooks',
  credentials: [shopifyWebhookSecret],
  events: {
    'orders/create': { displayName: 'Order created' },
    'orders/paid': { displayName: 'Order paid' },
    'orders/updated': { displayName: 'Order updated' },
    'orders/cancelled': { displayName: 'Order cancelled' },
    'orders/fulfilled': { displayName: 'Order fulfilled' },
    'products/create': { displayName: 'Product created' },
    'products/update': { displayName: 'Product updated' },
    'products/delete': { displayName: 'Product deleted' },
    'customers/create': { displayName: 'Customer created' },
    'customers/update': { displayName: 'Customer updated' },
    'inventory_levels/update': { displayName: 'Inventory level updated' },
  },
  eventOf: (call: CallJson) => call.headers?.['x-shopify-topic'],
  items: (call: CallJson) => [
    {
      ...(typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>) : { value: call.body }),
      // Which store and topic sent it, as Shopify's headers say.
      _shopify: {
        topic: call.headers?.['x-shopify-topic'],
        shop: call.headers?.['x-shopify-shop-domain'],
        webhookId: call.headers?.['x-shopify-webhook-id'],
      },
    },
  ],
});
