import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { chargebeeWebhookAuth } from './chargebee-credentials.js';
import { chargebeeInfo } from './chargebee-info.js';

export { chargebeeWebhookAuth };

const events: Record<string, string> = {
  customer_created: 'Customer created',
  customer_changed: 'Customer changed',
  customer_deleted: 'Customer deleted',
  subscription_created: 'Subscription created',
  subscription_started: 'Subscription started',
  subscription_trial_ending: 'Subscription trial ending',
  subscription_activated: 'Subscription activated',
  subscription_changed: 'Subscription changed',
  subscription_cancellation_scheduled: 'Subscription cancellation scheduled',
  subscription_cancelling: 'Subscription cancelling',
  subscription_cancelled: 'Subscription cancelled',
  subscription_reactivated: 'Subscription reactivated',
  subscription_renewed: 'Subscription renewed',
  subscription_scheduled_cancellation_removed: 'Subscription scheduled cancellation removed',
  subscription_shipping_address_updated: 'Subscription shipping address updated',
  subscription_deleted: 'Subscription deleted',
  subscription_renewal_reminder: 'Subscription renewal reminder',
  invoice_created: 'Invoice created',
  invoice_generated: 'Invoice generated',
  invoice_updated: 'Invoice updated',
  invoice_deleted: 'Invoice deleted',
  transaction_created: 'Transaction created',
  transaction_updated: 'Transaction updated',
  transaction_deleted: 'Transaction deleted',
  payment_succeeded: 'Payment succeeded',
  payment_failed: 'Payment failed',
  payment_refunded: 'Payment refunded',
  payment_initiated: 'Payment initiated',
  refund_initiated: 'Refund initiated',
  card_added: 'Card added',
  card_updated: 'Card updated',
  card_expiring: 'Card expiring',
  card_expired: 'Card expired',
  card_deleted: 'Card deleted',
};

/**
 * Starts a workflow with each Chargebee webhook call of the chosen events
 * (the body's `event_type`), sent with the webhook's basic authentication.
 * The item is the event: `id`, `event_type`, `occurred_at`, and in `content`
 * the customer, subscription, invoice... it concerns.
 */
export const chargebeeTrigger = defineTrigger({
  id: 'chargebee',
  displayName: 'Chargebee',
  icon: chargebeeInfo.icon,
  docsUrl: 'https://apidocs.chargebee.com/docs/api/events',
  credentials: [chargebeeWebhookAuth],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => {
    const type = typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>)['event_type'] : undefined;
    return typeof type === 'string' ? type : undefined;
  },
});
