import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { helpScoutWebhookSecret } from './help-scout-credentials.js';
import { helpScoutInfo } from './help-scout-info.js';

export { helpScoutWebhookSecret };

const events: Record<string, string> = {
  'convo.created': 'Conversation created',
  'convo.assigned': 'Conversation assigned',
  'convo.deleted': 'Conversation deleted',
  'convo.merged': 'Conversation merged',
  'convo.moved': 'Conversation moved',
  'convo.status': 'Conversation status updated',
  'convo.tags': 'Conversation tags updated',
  'convo.custom-fields': 'Conversation custom fields updated',
  'convo.customer.reply.created': 'Customer replied',
  'convo.agent.reply.created': 'Agent replied',
  'convo.note.created': 'Note created',
  'customer.created': 'Customer created',
  'customer.updated': 'Customer updated',
  'customer.deleted': 'Customer deleted',
  'satisfaction.ratings': 'Rating received',
  'beacon.chat.created': 'Beacon chat created',
  'beacon.chat.customer.replied': 'Beacon chat customer replied',
  'tag.created': 'Tag created',
  'tag.updated': 'Tag updated',
  'tag.deleted': 'Tag deleted',
  'message.survey.response.received': 'Message survey response received',
};

/**
 * Starts a workflow with each Help Scout webhook call of the chosen events
 * (`X-HelpScout-Event`), signed with the webhook's secret key. The item is
 * the conversation, customer, rating, chat or tag the call carries (for a
 * deletion, its `id`).
 */
export const helpScoutTrigger = defineTrigger({
  id: 'helpscout',
  displayName: 'Help Scout',
  icon: helpScoutInfo.icon,
  docsUrl: 'https://developer.helpscout.com/webhooks/',
  credentials: [helpScoutWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => call.headers?.['x-helpscout-event'],
});
