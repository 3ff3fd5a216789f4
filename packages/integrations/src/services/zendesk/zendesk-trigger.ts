import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { zendeskWebhookSecret } from './zendesk-credentials.js';
import { zendeskInfo } from './zendesk-info.js';

export { zendeskWebhookSecret };

/** Zendesk's name for the calls of a webhook connected to a trigger or an automation (ticket activity). */
const TICKET_CALLS = 'conditional_ticket_events';
const EVENT_TYPE = 'zen:event-type:';

const events: Record<string, string> = {
  [TICKET_CALLS]: 'Ticket trigger or automation',
  'zen:event-type:organization.created': 'Organization created',
  'zen:event-type:organization.deleted': 'Organization deleted',
  'zen:event-type:organization.name_changed': 'Organization name changed',
  'zen:event-type:organization.external_id_changed': 'Organization external ID changed',
  'zen:event-type:organization.custom_field_changed': 'Organization custom field changed',
  'zen:event-type:organization.tags_changed': 'Organization tags changed',
  'zen:event-type:user.created': 'User created',
  'zen:event-type:user.active_changed': 'User active status changed',
  'zen:event-type:user.name_changed': 'User name changed',
  'zen:event-type:user.details_changed': 'User details changed',
  'zen:event-type:user.notes_changed': 'User notes changed',
  'zen:event-type:user.external_id_changed': 'User external ID changed',
  'zen:event-type:user.custom_field_changed': 'User custom field changed',
  'zen:event-type:user.custom_role_changed': 'User custom role changed',
  'zen:event-type:user.default_group_changed': 'User default group changed',
  'zen:event-type:user.alias_changed': 'User alias changed',
  'zen:event-type:user.last_login_changed': 'User last login changed',
  'zen:event-type:user.identity_deleted': 'User identity deleted',
  'zen:event-type:user.group_membership_created': 'User added to a group',
  'zen:event-type:user.group_membership_deleted': 'User removed from a group',
  'zen:event-type:user.organization_membership_created': 'User added to an organization',
};

/**
 * The event a call carries: an event webhook's `type` (`zen:event-type:user.created`), else ticket activity, whose
 * body is the JSON the Zendesk trigger or automation writes.
 */
function eventOf(call: CallJson): string {
  const type = typeof call.body === 'object' && call.body !== null ? (call.body as Record<string, unknown>)['type'] : undefined;
  return typeof type === 'string' && type.startsWith(EVENT_TYPE) ? type : TICKET_CALLS;
}

/**
 * Starts a workflow with each call of a Zendesk webhook signed with its
 * signing secret: ticket activity from a Zendesk trigger or automation that
 * notifies the webhook (the item is the JSON body the trigger writes, such as
 * `{ "ticket_id": "{{ticket.id}}" }`), or the user and organization events the
 * webhook subscribes to (the item is the event: `type`, `detail`, `event`).
 */
export const zendeskTrigger = defineTrigger({
  id: 'zendesk',
  displayName: 'Zendesk',
  icon: zendeskInfo.icon,
  docsUrl: 'https://developer.zendesk.com/documentation/webhooks/creating-and-monitoring-webhooks/',
  credentials: [zendeskWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf,
});
