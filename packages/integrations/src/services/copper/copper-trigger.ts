import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { COPPER_SECRET_FIELD, copperWebhookSecret } from './copper-credentials.js';
import { copperInfo } from './copper-info.js';

export { copperWebhookSecret };

const TYPES: Record<string, string> = {
  lead: 'Lead',
  person: 'Person',
  company: 'Company',
  opportunity: 'Opportunity',
  project: 'Project',
  task: 'Task',
};
const EVENTS: Record<string, string> = { new: 'created', update: 'updated', delete: 'deleted' };

const body = (call: CallJson): Record<string, unknown> =>
  typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body) ? (call.body as Record<string, unknown>) : {};

/**
 * Starts a workflow with each Copper webhook notification of the chosen
 * events (`<type>.<event>`, as `project.new`), carrying the subscription's
 * secret. The item is the notification without its secret: `ids` of the
 * records, `type`, `event`, `subscription_id`, and for an update
 * `updated_attributes`.
 */
export const copperTrigger = defineTrigger({
  id: 'copper',
  displayName: 'Copper',
  icon: copperInfo.icon,
  docsUrl: 'https://developer.copper.com/webhooks/overview.html',
  credentials: [copperWebhookSecret],
  events: Object.fromEntries(
    Object.entries(TYPES).flatMap(([type, name]) =>
      Object.entries(EVENTS).map(([event, done]) => [`${type}.${event}`, { displayName: `${name} ${done}` }]),
    ),
  ),
  eventOf: (call: CallJson) => {
    const { type, event } = body(call);
    return typeof type === 'string' && typeof event === 'string' ? `${type}.${event}` : undefined;
  },
  items: (call: CallJson) => {
    const { [COPPER_SECRET_FIELD]: _secret, ...notification } = body(call);
    return [notification];
  },
});
