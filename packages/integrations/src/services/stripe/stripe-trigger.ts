import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { stripeWebhookSecret } from './stripe-credentials.js';
import { stripeInfo } from './stripe-info.js';

export { stripeWebhookSecret };

const events: Record<string, string> = {
  'payment_intent.succeeded': 'Payment intent succeeded',
  'payment_intent.payment_failed': 'Payment intent failed',
  'payment_intent.created': 'Payment intent created',
  'payment_intent.canceled': 'Payment intent canceled',
  'charge.succeeded': 'Charge succeeded',
  'charge.failed': 'Charge failed',
  'charge.refunded': 'Charge refunded',
  'charge.dispute.created': 'Dispute opened',
  'refund.created': 'Refund created',
  'checkout.session.completed': 'Checkout completed',
  'customer.created': 'Customer created',
  'customer.updated': 'Customer updated',
  'customer.deleted': 'Customer deleted',
  'customer.subscription.created': 'Subscription created',
  'customer.subscription.updated': 'Subscription updated',
  'customer.subscription.deleted': 'Subscription ended',
  'customer.subscription.trial_will_end': 'Subscription trial ends in three days',
  'invoice.created': 'Invoice created',
  'invoice.finalized': 'Invoice finalized',
  'invoice.paid': 'Invoice paid',
  'invoice.payment_failed': 'Invoice payment failed',
  'product.created': 'Product created',
  'product.updated': 'Product updated',
  'price.created': 'Price created',
  'price.updated': 'Price updated',
};

/**
 * Starts a workflow with each Stripe event of the chosen types, sent to this
 * trigger's URL by a webhook endpoint of the Dashboard. The item is the event:
 * its `type`, and the object it is about in `data.object`.
 */
export const stripeTrigger = defineTrigger({
  id: 'stripe',
  displayName: 'Stripe',
  icon: stripeInfo.icon,
  docsUrl: 'https://docs.stripe.com/webhooks',
  credentials: [stripeWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([type, displayName]) => [type, { displayName }])),
  eventOf: (call: CallJson) => {
    const body = call.body as { object?: string; type?: string } | undefined;
    return body?.object === 'event' ? body.type : undefined;
  },
});
