import { defineNode, type Item } from '@flowloom/engine';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { hubspotInfo } from './hubspot-info.js';
import { hubspotAppSecret } from './hubspot-credentials.js';

export { hubspotAppSecret };

/** One event of a HubSpot webhook call (a call carries up to 100). */
interface HubSpotEvent {
  subscriptionType?: string;
  [key: string]: unknown;
}

const eventsOf = (call: CallJson): HubSpotEvent[] =>
  Array.isArray(call.body) ? (call.body as unknown[]).filter((e): e is HubSpotEvent => typeof e === 'object' && e !== null) : [];

const OBJECTS = { contact: 'Contact', company: 'Company', deal: 'Deal', ticket: 'Ticket' } as const;
const events: Record<string, { displayName: string }> = {};
for (const [object, name] of Object.entries(OBJECTS)) {
  events[`${object}.creation`] = { displayName: `${name} created` };
  events[`${object}.propertyChange`] = { displayName: `${name} property changed` };
  events[`${object}.deletion`] = { displayName: `${name} deleted` };
  events[`${object}.associationChange`] = { displayName: `${name} association changed` };
}

const chosen = (parameters: Record<string, unknown>) => (parameters['events'] as string[] | undefined) ?? Object.keys(events);

const base = defineTrigger({
  id: 'hubspot',
  displayName: 'HubSpot',
  icon: hubspotInfo.icon,
  docsUrl: 'https://developers.hubspot.com/docs/api/webhooks',
  credentials: [hubspotAppSecret],
  events,
  eventOf: (call) => eventsOf(call)[0]?.subscriptionType,
});

/**
 * Starts a workflow on HubSpot webhook events (records created, changed,
 * deleted or associated), checked with the app's v3 signature. HubSpot sends
 * events in batches: a call starts a run when any of its events was chosen,
 * and the run has one item per chosen event.
 */
export const hubspotTrigger = defineNode({
  ...base,
  webhook: {
    ...base.webhook!,
    accepts: (call, parameters) => eventsOf(call).some((e) => chosen(parameters).includes(String(e.subscriptionType))),
  },
  execute(ctx): Item[] {
    const wanted = chosen(ctx.node.parameters);
    return ctx
      .input()
      .flatMap((item) => eventsOf(item.json).filter((e) => wanted.includes(String(e.subscriptionType))))
      .map((json) => ({ json }));
  },
});
