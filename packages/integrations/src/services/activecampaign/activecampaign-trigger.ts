import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { activecampaignWebhookSecret } from './activecampaign-credentials.js';
import { activecampaignInfo } from './activecampaign-info.js';

export { activecampaignWebhookSecret };

/** The webhook events ActiveCampaign documents, by the name its calls give them (`type`). */
const EVENTS: Record<string, string> = {
  subscribe: 'Contact subscribed',
  unsubscribe: 'Contact unsubscribed',
  update: 'Contact updated',
  list_add: 'List added',
  bounce: 'Email bounced',
  click: 'Link clicked',
  forward: 'Campaign forwarded',
  open: 'Campaign opened',
  reply: 'Campaign replied to',
  sent: 'Campaign sent',
  share: 'Campaign shared',
  contact_note: 'Note added to a contact',
  subscriber_note: 'Note added to a subscriber',
  contact_tag_added: 'Tag added to a contact',
  contact_tag_removed: 'Tag removed from a contact',
  contact_task_add: 'Task added to a contact',
  deal_add: 'Deal added',
  deal_update: 'Deal updated',
  deal_note_add: 'Note added to a deal',
  deal_pipeline_add: 'Pipeline added',
  deal_stage_add: 'Stage added',
  deal_task_add: 'Task added to a deal',
  deal_task_complete: 'Deal task completed',
  deal_tasktype_add: 'Task type added',
  account_add: 'Account added',
  account_update: 'Account updated',
  account_contact_add: 'Contact added to an account',
  sms_reply: 'SMS replied to',
  sms_sent: 'SMS sent',
  sms_unsub: 'SMS unsubscribed',
};

type ActiveCampaignCall = CallJson & { body?: Record<string, string> };

/**
 * ActiveCampaign's form fields (`contact[fields][0][value]`) as the nested
 * data they name; a level whose keys are 0, 1, 2... is a list. The levels are
 * built without prototypes, so a field named `__proto__[x]` stays data.
 */
function nested(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    const keys = name.replace(/\]/g, '').split('[');
    let at = out;
    for (const key of keys.slice(0, -1)) {
      const next = at[key];
      at = (typeof next === 'object' && next !== null ? next : (at[key] = Object.create(null))) as Record<string, unknown>;
    }
    at[keys[keys.length - 1]!] = value;
  }
  return asLists(out) as Record<string, unknown>;
}

/** Plain objects again (`Object.fromEntries`), and lists where the keys count from 0. */
function asLists(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asLists(v)] as const);
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/**
 * Starts a workflow on ActiveCampaign webhook calls of the chosen events
 * (`type` of the form ActiveCampaign posts). The item is the form as the
 * nested data its field names describe (`contact[email]` as
 * `contact.email`). ActiveCampaign signs nothing: the URL set in
 * ActiveCampaign carries the credential's secret. Which initiators (a
 * contact, a user, the API, the system) fire the webhook is chosen in
 * ActiveCampaign.
 */
export const activecampaignTrigger = defineTrigger({
  id: 'activecampaign',
  displayName: 'ActiveCampaign',
  icon: activecampaignInfo.icon,
  docsUrl: activecampaignInfo.docsUrl,
  credentials: [activecampaignWebhookSecret],
  events: Object.fromEntries(Object.entries(EVENTS).map(([event, displayName]) => [event, { displayName }])),
  eventOf: (call: ActiveCampaignCall) => (typeof call.body?.['type'] === 'string' ? call.body['type'] : undefined),
  items: (call: ActiveCampaignCall) => [nested(call.body ?? {})],
});
