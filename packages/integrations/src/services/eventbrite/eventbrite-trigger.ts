import { defineNode, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { API_BASE, eventbritePrivateToken, eventbriteWebhookSecret } from './eventbrite-credentials.js';
import { eventbriteInfo } from './eventbrite-info.js';

export { eventbritePrivateToken, eventbriteWebhookSecret };

/** A call as Eventbrite sends it: the webhook's `config` (its `action`) and the `api_url` of the object concerned. */
type EventbriteCall = CallJson & { body?: { config?: { action?: unknown }; api_url?: unknown } };

/** What the test call Eventbrite's dashboard sends points to instead of an object. */
const TEST_URL = 'api-endpoint-to-fetch-object-details';

const actions = [
  'attendee.updated',
  'attendee.checked_in',
  'attendee.checked_out',
  'event.created',
  'event.published',
  'event.unpublished',
  'event.updated',
  'order.placed',
  'order.refunded',
  'order.updated',
  'organizer.updated',
  'ticket_class.created',
  'ticket_class.deleted',
  'ticket_class.updated',
  'venue.updated',
];

const base = defineTrigger({
  id: 'eventbrite',
  displayName: 'Eventbrite',
  icon: eventbriteInfo.icon,
  docsUrl: 'https://www.eventbrite.com/platform/docs/webhooks',
  credentials: [eventbriteWebhookSecret],
  events: Object.fromEntries(actions.map((action) => [action, { displayName: action }])),
  eventOf: (call: EventbriteCall) => {
    const action = call.body?.config?.action;
    return typeof action === 'string' ? action : undefined;
  },
});

const properties = (base.properties as z.ZodObject<z.ZodRawShape>).extend({
  resolveData: z.boolean().default(true).meta({
    label: 'Resolve data',
    description: 'Put out the order, attendee or event the call points to (its api_url), asked of Eventbrite with the private token.',
  }),
});

/** The object at a call's `api_url`, which must be on Eventbrite's API. */
async function fetchObject(ctx: NodeContext, apiUrl: string): Promise<Record<string, unknown>> {
  if (!apiUrl.startsWith(API_BASE)) {
    throw nodeError(ctx, `the call's api_url must be on Eventbrite's API (${API_BASE}), got '${apiUrl}'.`, 'BAD_INPUT');
  }
  if (!ctx.node.credentials?.[eventbritePrivateToken.name]) {
    throw nodeError(
      ctx,
      'choose an Eventbrite private token credential to fetch what the call points to, or turn off Resolve data.',
      'CREDENTIAL_MISSING',
    );
  }
  const response = await ctx.authenticatedFetch(eventbritePrivateToken.name, apiUrl);
  const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || !answer) {
    const message = typeof answer?.['error_description'] === 'string' ? answer['error_description'] : response.statusText;
    throw nodeError(
      ctx,
      `Eventbrite answered ${response.status} to GET ${apiUrl}: ${message}`,
      'VENDOR_ERROR',
      undefined,
      response.status >= 500 || response.status === 429,
    );
  }
  return answer;
}

/**
 * Starts a workflow with each Eventbrite webhook call of the chosen actions
 * (`config.action`), sent to a URL that carries the credential's secret. The
 * item is the object the call points to (`api_url`: the order, attendee,
 * event...), fetched with the private token; with Resolve data off, the call
 * as sent. The test call Eventbrite's dashboard sends puts out a note that it
 * names no object.
 */
export const eventbriteTrigger = defineNode({
  ...base,
  properties,
  credentials: [...(base.credentials ?? []), { name: eventbritePrivateToken.name, type: eventbritePrivateToken.name, required: false }],
  async execute(ctx) {
    const out = [];
    for (const [i, item] of ctx.input().entries()) {
      const { resolveData } = ctx.params(i) as { resolveData: boolean };
      const body = (item.json as EventbriteCall).body ?? {};
      const apiUrl = body.api_url;
      // Only a call points to an object: a run without one puts out what it was given.
      if (!resolveData || typeof apiUrl !== 'string') out.push({ json: { ...body } });
      else if (apiUrl.includes(TEST_URL))
        out.push({ json: { placeholder: 'A test call from Eventbrite: it points to no object.', ...body } });
      else out.push({ json: await fetchObject(ctx, apiUrl) });
    }
    return out;
  },
});
