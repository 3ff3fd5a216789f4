import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { paypalOAuth2 } from './paypal-credentials.js';
import { paypalInfo } from './paypal-info.js';

const events: Record<string, string> = {
  'CHECKOUT.ORDER.APPROVED': 'Order approved by the buyer',
  'CHECKOUT.ORDER.COMPLETED': 'Order completed',
  'PAYMENT.CAPTURE.COMPLETED': 'Payment captured',
  'PAYMENT.CAPTURE.PENDING': 'Payment capture pending',
  'PAYMENT.CAPTURE.DENIED': 'Payment capture denied',
  'PAYMENT.CAPTURE.REFUNDED': 'Payment refunded',
  'PAYMENT.AUTHORIZATION.CREATED': 'Payment authorized',
  'PAYMENT.AUTHORIZATION.VOIDED': 'Authorization voided',
  'BILLING.PLAN.CREATED': 'Billing plan created',
  'BILLING.PLAN.UPDATED': 'Billing plan updated',
  'BILLING.PLAN.ACTIVATED': 'Billing plan activated',
  'BILLING.PLAN.DEACTIVATED': 'Billing plan deactivated',
  'BILLING.SUBSCRIPTION.CREATED': 'Subscription created',
  'BILLING.SUBSCRIPTION.ACTIVATED': 'Subscription activated',
  'BILLING.SUBSCRIPTION.SUSPENDED': 'Subscription suspended',
  'BILLING.SUBSCRIPTION.CANCELLED': 'Subscription cancelled',
  'BILLING.SUBSCRIPTION.EXPIRED': 'Subscription expired',
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED': 'Subscription payment failed',
  'INVOICING.INVOICE.PAID': 'Invoice paid',
  'INVOICING.INVOICE.CANCELLED': 'Invoice cancelled',
  'CUSTOMER.DISPUTE.CREATED': 'Dispute opened',
};

/**
 * Starts a workflow with each PayPal webhook event of the chosen types. Each
 * call is checked by PayPal itself (verify-webhook-signature, with the
 * credential's webhook ID) before anything runs. The item is the event: its
 * `event_type`, and what it is about in `resource`.
 */
export const paypalTrigger = defineTrigger({
  id: 'paypal',
  displayName: 'PayPal',
  icon: paypalInfo.icon,
  docsUrl: 'https://developer.paypal.com/api/rest/webhooks/',
  credentials: [paypalOAuth2],
  events: Object.fromEntries(Object.entries(events).map(([type, displayName]) => [type, { displayName }])),
  eventOf: (call: CallJson) => (call.body as { event_type?: string } | undefined)?.event_type,
});
