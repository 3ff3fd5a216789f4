import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { customerIoWebhookSigningKey } from './customer-io-credentials.js';
import { customerIoInfo } from './customer-io-info.js';

export { customerIoWebhookSigningKey };

/** Customer.io's metrics of each kind of object its reporting webhooks report on. */
const METRICS: Record<string, { label: string; metrics: string[] }> = {
  customer: { label: 'Customer', metrics: ['subscribed', 'unsubscribed'] },
  email: {
    label: 'Email',
    metrics: ['attempted', 'bounced', 'clicked', 'converted', 'delivered', 'drafted', 'failed', 'opened', 'sent', 'spammed'],
  },
  push: { label: 'Push', metrics: ['attempted', 'bounced', 'clicked', 'delivered', 'drafted', 'failed', 'opened', 'sent'] },
  slack: { label: 'Slack', metrics: ['attempted', 'clicked', 'drafted', 'failed', 'sent'] },
  sms: { label: 'SMS', metrics: ['attempted', 'bounced', 'clicked', 'delivered', 'drafted', 'failed', 'sent'] },
};

type CustomerIoCall = CallJson & { body?: { object_type?: unknown; metric?: unknown } };

/**
 * Starts a workflow on Customer.io reporting webhook calls of the chosen
 * events, named `<object_type>.<metric>` as the call's body gives them
 * (`customer.unsubscribed`, `email.opened`...), each signed with the
 * workspace's webhook signing key. The item is the call's body: `data`,
 * `event_id`, `metric`, `object_type` and `timestamp`.
 */
export const customerIoTrigger = defineTrigger({
  id: 'customerIo',
  displayName: 'Customer.io',
  icon: customerIoInfo.icon,
  docsUrl: customerIoInfo.docsUrl,
  credentials: [customerIoWebhookSigningKey],
  events: Object.fromEntries(
    Object.entries(METRICS).flatMap(([object, { label, metrics }]) =>
      metrics.map((metric) => [`${object}.${metric}`, { displayName: `${label} ${metric}` }]),
    ),
  ),
  eventOf: (call: CustomerIoCall) => {
    const { object_type: object, metric } = call.body ?? {};
    return typeof object === 'string' && typeof metric === 'string' ? `${object}.${metric}` : undefined;
  },
});
