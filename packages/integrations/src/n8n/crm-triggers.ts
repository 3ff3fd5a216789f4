// n8n's webhook triggers of CRM, support, billing and project tools services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { affinityTrigger } from '../services/affinity/affinity-trigger.js';
import { chargebeeTrigger } from '../services/chargebee/chargebee-trigger.js';
import { clickUpTrigger } from '../services/clickup/clickup-trigger.js';
import { copperTrigger } from '../services/copper/copper-trigger.js';
import { helpScoutTrigger } from '../services/help-scout/help-scout-trigger.js';
import { invoiceNinjaTrigger } from '../services/invoice-ninja/invoice-ninja-trigger.js';
import { zendeskTrigger } from '../services/zendesk/zendesk-trigger.js';

/**
 * The Flowloom trigger's path, made from n8n's webhook id (so two triggers of a workflow do not share one), with a
 * warning that the webhook is now set up in the service by hand: n8n registers it through the service's API.
 */
function webhookPath(ctx: MapContext, service: string, credential: string): Record<string, string> {
  const id = ctx.node.webhookId;
  const path = id && /^[\w-]+$/.test(id) ? `${service}/${id}` : undefined;
  ctx.warn(
    undefined,
    'webhook-registration',
    `n8n registers its webhook with the service itself; give the Flowloom trigger's URL${path ? ` (path ${path})` : ''} to the service and fill the trigger's credential with ${credential}`,
  );
  return path ? { path } : {};
}

/**
 * The events an n8n trigger chose, as the Flowloom trigger's `events`: none (the default, every event) when the n8n
 * node chose `*`. The trigger's node type checks the names when the workflow is validated: an event it does not
 * offer makes the node a placeholder naming it.
 */
function chosenEvents(ctx: MapContext, path: string, options: { single?: boolean } = {}): Record<string, string[]> {
  const raw = ctx.raw(path);
  const events = options.single ? (raw === undefined || raw === '' ? [] : [raw]) : ctx.list(path);
  if (events.some((e) => typeof e !== 'string' || e.startsWith('='))) ctx.fail(path, 'expected event names written as fixed text');
  return events.length > 0 && !events.includes('*') ? { events: events as string[] } : {};
}

/**
 * n8n's Zendesk Trigger: n8n creates a Zendesk trigger with its conditions that notifies a webhook with the fields
 * chosen; the Flowloom trigger takes the calls of such a webhook, which its user connects to a trigger in Zendesk.
 */
export const zendeskTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['apiToken', 'oAuth2'], 'apiToken');
    ctx.choice('service', ['support'], 'support');
    ctx.ignore('title', 'conditions', 'options');
    ctx.warn(
      'conditions',
      'zendesk-trigger-conditions',
      'n8n creates the Zendesk trigger (its conditions, and the ticket fields sent, ticket.id by default); create it in Zendesk, notifying the webhook with a JSON body of those fields',
    );
    return {
      type: 'integrations.zendeskTrigger',
      parameters: { ...webhookPath(ctx, 'zendesk', "the webhook's signing secret"), events: ['conditional_ticket_events'] },
    };
  },
};

/** n8n's Help Scout Trigger: its events, which n8n subscribes a webhook with a secret key of its own to. */
export const helpScoutTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.helpscoutTrigger',
    parameters: { ...webhookPath(ctx, 'helpscout', "the webhook's secret key"), ...chosenEvents(ctx, 'events') },
  }),
};

/** n8n's ClickUp event value for a deleted key result, which ClickUp names `keyResultDeleted`. */
const CLICKUP_EVENT_NAMES: Readonly<Record<string, string>> = { keyResultDelete: 'keyResultDeleted' };

/**
 * n8n's ClickUp Trigger: its events. The workspace (team) and the filters (space, folder, list, task) are what n8n
 * creates the webhook with; its user creates it so in ClickUp. Flowloom's item keeps `history_items`, which n8n
 * leaves out unless RAW Data is on.
 */
export const clickUpTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.ignore('team', 'rawData');
    if (['spaceId', 'folderId', 'listId', 'taskId'].some((f) => ctx.has(`filters.${f}`))) {
      ctx.warn('filters', 'clickup-filters', 'n8n creates the webhook for the space, folder, list or task given; create it so in ClickUp');
    }
    ctx.ignore('filters');
    const { events } = chosenEvents(ctx, 'events');
    return {
      type: 'integrations.clickupTrigger',
      parameters: {
        ...webhookPath(ctx, 'clickup', "the webhook's secret"),
        ...(events ? { events: events.map((e) => CLICKUP_EVENT_NAMES[e] ?? e) } : {}),
      },
    };
  },
};

/** n8n's Chargebee Trigger: its events. n8n checks nothing of the calls; Flowloom's trigger checks their basic authentication. */
export const chargebeeTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.chargebeeTrigger',
    parameters: { ...webhookPath(ctx, 'chargebee', 'the user name and password protecting the webhook'), ...chosenEvents(ctx, 'events') },
  }),
};

/**
 * n8n's Copper Trigger: its resource and event as the Flowloom trigger's one event (`project.new`). n8n creates the
 * subscription with a secret made from its API credential; the Flowloom trigger checks the secret its user gives the
 * subscription.
 */
export const copperTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', '');
    const event = ctx.literal<string>('event', 'string', '');
    if (!resource) ctx.fail('resource', 'the resource is not set');
    if (!event) ctx.fail('event', 'the event is not set');
    return {
      type: 'integrations.copperTrigger',
      parameters: { ...webhookPath(ctx, 'copper', 'the secret the subscription is created with'), events: [`${resource}.${event}`] },
    };
  },
};

/**
 * n8n's Invoice Ninja Trigger: its one event. Invoice Ninja's calls do not name their event, so the Target URL its
 * user gives the webhook names it, with the secret (`?secret=...&event=create_invoice`). The API version is the one n8n
 * registers the webhook through; the user registers it in Invoice Ninja.
 */
export const invoiceNinjaTriggerMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx): MappedNode {
    ctx.choice('apiVersion', ['v4', 'v5'], ctx.version === 1 ? 'v4' : 'v5');
    const parameters = chosenEvents(ctx, 'event', { single: true });
    const event = parameters.events?.[0];
    return {
      type: 'integrations.invoiceninjaTrigger',
      parameters: {
        ...webhookPath(ctx, 'invoiceninja', `the secret its Target URL carries (?secret=<secret>${event ? `&event=${event}` : ''})`),
        ...parameters,
      },
    };
  },
};

/**
 * n8n's Affinity Trigger: its events. n8n puts out the record it fetches again from Affinity's API with the event's
 * `type`; the Flowloom trigger puts out the record the call carries, with its `type`.
 */
export const affinityTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.affinityTrigger',
    parameters: {
      ...webhookPath(ctx, 'affinity', 'the secret its webhook URL carries (?secret=<secret>)'),
      ...chosenEvents(ctx, 'events'),
    },
  }),
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const crmTriggerMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.zendeskTrigger': zendeskTriggerMapping,
  'n8n-nodes-base.helpScoutTrigger': helpScoutTriggerMapping,
  'n8n-nodes-base.clickUpTrigger': clickUpTriggerMapping,
  'n8n-nodes-base.chargebeeTrigger': chargebeeTriggerMapping,
  'n8n-nodes-base.copperTrigger': copperTriggerMapping,
  'n8n-nodes-base.invoiceNinjaTrigger': invoiceNinjaTriggerMapping,
  'n8n-nodes-base.affinityTrigger': affinityTriggerMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const crmTriggerN8nNodeTypes: readonly NodeType[] = [
  zendeskTrigger,
  helpScoutTrigger,
  clickUpTrigger,
  chargebeeTrigger,
  copperTrigger,
  invoiceNinjaTrigger,
  affinityTrigger,
];
