import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { mailchimpInfo } from './mailchimp-info.js';
import { mailchimpWebhookSecret } from './mailchimp-credentials.js';

export { mailchimpWebhookSecret };

type MailchimpCall = CallJson & { body?: Record<string, string> };

/** Mailchimp's form fields (`data[merges][FNAME]`) as the nested object they name. */
function nested(fields: Record<string, string>): Record<string, unknown> {
  // Objects without a prototype: a field named `__proto__[x]` is data like any other, and reaches no prototype.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    const keys = name.replace(/\]/g, '').split('[');
    let at = out;
    for (const key of keys.slice(0, -1)) {
      const next = at[key];
      at = (typeof next === 'object' && next !== null ? next : (at[key] = Object.create(null))) as Record<string, unknown>;
    }
    at[keys[keys.length - 1]!] = value;
  }
  return out;
}

/**
 * Starts a workflow on audience events Mailchimp sends to a webhook
 * (subscribes, unsubscribes, profile and email changes, cleaned addresses,
 * campaign sends). The URL set in Mailchimp carries the credential's secret;
 * Mailchimp's check of the URL (a GET when the webhook is saved) is answered.
 */
export const mailchimpTrigger = defineTrigger({
  id: 'mailchimp',
  displayName: 'Mailchimp',
  icon: mailchimpInfo.icon,
  docsUrl: 'https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/',
  credentials: [mailchimpWebhookSecret],
  events: {
    subscribe: { displayName: 'Subscribed' },
    unsubscribe: { displayName: 'Unsubscribed' },
    profile: { displayName: 'Profile updated' },
    upemail: { displayName: 'Email address changed' },
    cleaned: { displayName: 'Address cleaned' },
    campaign: { displayName: 'Campaign sent' },
  },
  checkMethod: 'GET',
  eventOf: (call: MailchimpCall) => call.body?.['type'],
  items: (call: MailchimpCall) => [nested(call.body ?? {})],
});
