import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { postmarkWebhookAuth } from './postmark-credentials.js';
import { postmarkInfo } from './postmark-info.js';

export { postmarkWebhookAuth };

/** Postmark's `RecordType` of each event, by the trigger's event name. */
const RECORD_TYPES: Record<string, { recordType: string; displayName: string }> = {
  bounce: { recordType: 'Bounce', displayName: 'Bounce' },
  click: { recordType: 'Click', displayName: 'Click' },
  delivery: { recordType: 'Delivery', displayName: 'Delivery' },
  open: { recordType: 'Open', displayName: 'Open' },
  spamComplaint: { recordType: 'SpamComplaint', displayName: 'Spam complaint' },
  subscriptionChange: { recordType: 'SubscriptionChange', displayName: 'Subscription change' },
};
const EVENT_OF_RECORD = Object.fromEntries(Object.entries(RECORD_TYPES).map(([event, { recordType }]) => [recordType, event]));

type PostmarkCall = CallJson & { body?: { RecordType?: unknown } };

/**
 * Starts a workflow on the events a Postmark server's webhook posts
 * (`RecordType` of the JSON body: bounces, deliveries, opens, clicks, spam
 * complaints, subscription changes). Postmark signs nothing: the webhook URL
 * carries a user name and password (`https://<user>:<password>@...`), sent as
 * HTTP Basic, and calls without them are refused. The item is the event.
 */
export const postmarkTrigger = defineTrigger({
  id: 'postmark',
  displayName: 'Postmark',
  icon: postmarkInfo.icon,
  docsUrl: postmarkInfo.docsUrl,
  credentials: [postmarkWebhookAuth],
  events: Object.fromEntries(Object.entries(RECORD_TYPES).map(([event, { displayName }]) => [event, { displayName }])),
  eventOf: (call: PostmarkCall) => {
    const type = call.body?.RecordType;
    return typeof type === 'string' ? EVENT_OF_RECORD[type] : undefined;
  },
});
