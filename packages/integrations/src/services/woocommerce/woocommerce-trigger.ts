import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { wooCommerceWebhookSecret } from './woocommerce-credentials.js';
import { woocommerceInfo } from './woocommerce-info.js';

export { wooCommerceWebhookSecret };

const topics: Record<string, string> = {
  'order.created': 'Order created',
  'order.updated': 'Order updated',
  'order.deleted': 'Order deleted',
  'order.restored': 'Order restored',
  'product.created': 'Product created',
  'product.updated': 'Product updated',
  'product.deleted': 'Product deleted',
  'product.restored': 'Product restored',
  'customer.created': 'Customer created',
  'customer.updated': 'Customer updated',
  'customer.deleted': 'Customer deleted',
  'coupon.created': 'Coupon created',
  'coupon.updated': 'Coupon updated',
  'coupon.deleted': 'Coupon deleted',
};

/**
 * Starts a workflow with each WooCommerce webhook call of the chosen topics
 * (`X-WC-Webhook-Topic`), signed with the webhook's secret. The item is the
 * order, product, customer or coupon the call carries. The unsigned ping
 * WooCommerce sends when the webhook is saved is answered without a run.
 */
export const woocommerceTrigger = defineTrigger({
  id: 'woocommerce',
  displayName: 'WooCommerce',
  icon: woocommerceInfo.icon,
  docsUrl: 'https://woocommerce.com/document/webhooks/',
  credentials: [wooCommerceWebhookSecret],
  events: Object.fromEntries(Object.entries(topics).map(([topic, displayName]) => [topic, { displayName }])),
  handshake: (call: CallJson) =>
    call.headers?.['x-wc-webhook-topic'] === undefined ? { status: 200, headers: {}, body: { ok: true } } : undefined,
  eventOf: (call: CallJson) => call.headers?.['x-wc-webhook-topic'],
});
