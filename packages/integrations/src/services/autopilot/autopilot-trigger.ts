import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { autopilotWebhookSecret } from './autopilot-credentials.js';
import { autopilotInfo } from './autopilot-info.js';

export { autopilotWebhookSecret };

/** Autopilot's hook events, by the trigger's name; calls name them in snake case (`contact_added`). */
const EVENTS: Record<string, string> = {
  contactAdded: 'Contact added',
  contactAddedToList: 'Contact added to a list',
  contactEnteredSegment: 'Contact entered a segment',
  contactLeftSegment: 'Contact left a segment',
  contactRemovedFromList: 'Contact removed from a list',
  contactUnsubscribed: 'Contact unsubscribed',
  contactUpdated: 'Contact updated',
};

type AutopilotCall = CallJson & { body?: { event?: unknown } };

/**
 * Starts a workflow on Autopilot REST hook calls of the chosen events
 * (`event` of the JSON body, `contact_added` as `contactAdded`). The item is
 * the call's body: `hook_id`, `event` and the `contact`. Autopilot signs
 * nothing: the hook's target URL carries the credential's secret.
 */
export const autopilotTrigger = defineTrigger({
  id: 'autopilot',
  displayName: 'Autopilot',
  icon: autopilotInfo.icon,
  docsUrl: autopilotInfo.docsUrl,
  credentials: [autopilotWebhookSecret],
  events: Object.fromEntries(Object.entries(EVENTS).map(([event, displayName]) => [event, { displayName }])),
  eventOf: (call: AutopilotCall) => {
    const event = call.body?.event;
    return typeof event === 'string' ? event.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : undefined;
  },
});
