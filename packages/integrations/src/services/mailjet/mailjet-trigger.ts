import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { mailjetWebhookAuth } from './mailjet-credentials.js';
import { mailjetInfo } from './mailjet-info.js';

export { mailjetWebhookAuth };

type MailjetEvent = Record<string, unknown> & { event?: unknown };
type MailjetCall = CallJson & { body?: MailjetEvent | MailjetEvent[] };

/** The events of a call: one object, or an array when the callback URL groups events (version 2). */
const eventsOf = (call: MailjetCall): MailjetEvent[] =>
  Array.isArray(call.body) ? call.body : typeof call.body === 'object' && call.body !== null ? [call.body] : [];

/**
 * Starts a workflow on Mailjet's Event API calls of the chosen event type
 * (`event` of the JSON body). Mailjet sets one callback URL per event type,
 * and may group that type's events in one call: each becomes an item. The
 * callback URL carries a user name and password (`https://<user>:<password>@...`),
 * sent as HTTP Basic, and calls without them are refused.
 */
export const mailjetTrigger = defineTrigger({
  id: 'mailjet',
  displayName: 'Mailjet',
  icon: mailjetInfo.icon,
  docsUrl: mailjetInfo.docsUrl,
  credentials: [mailjetWebhookAuth],
  events: {
    sent: { displayName: 'Sent' },
    open: { displayName: 'Opened' },
    click: { displayName: 'Clicked' },
    bounce: { displayName: 'Bounced' },
    blocked: { displayName: 'Blocked' },
    spam: { displayName: 'Marked as spam' },
    unsub: { displayName: 'Unsubscribed' },
  },
  eventOf: (call: MailjetCall) => {
    const event = eventsOf(call)[0]?.event;
    return typeof event === 'string' ? event : undefined;
  },
  items: (call: MailjetCall) => eventsOf(call),
});
