// n8n's webhook triggers of email marketing and messaging services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { activecampaignTrigger } from '../services/activecampaign/activecampaign-trigger.js';
import { autopilotTrigger } from '../services/autopilot/autopilot-trigger.js';
import { convertkitTrigger } from '../services/convertkit/convertkit-trigger.js';
import { customerIoTrigger } from '../services/customer-io/customer-io-trigger.js';
import { keapTrigger } from '../services/keap/keap-trigger.js';
import { mailjetTrigger } from '../services/mailjet/mailjet-trigger.js';
import { postmarkTrigger } from '../services/postmark/postmark-trigger.js';

/**
 * The Flowloom trigger's parameters: its path made from n8n's webhook id (so two triggers of a workflow do not
 * share one), and the events chosen, none (every event, Flowloom's default) when n8n chose `*`, with a warning that
 * the webhook is now set up in the service by hand, as n8n registers it through the service's API. The trigger's
 * node type checks the event names when the workflow is validated: an event it does not offer makes the node a
 * placeholder naming it.
 */
function trigger(
  ctx: MapContext,
  service: string,
  eventsPath: string,
  credential: string,
  options: { single?: boolean } = {},
): Record<string, unknown> {
  const raw = ctx.raw(eventsPath);
  const events = options.single ? (raw === undefined || raw === '' ? [] : [raw]) : ctx.list(eventsPath);
  if (events.some((e) => typeof e !== 'string' || e.startsWith('='))) ctx.fail(eventsPath, 'expected event names written as fixed text');
  const id = ctx.node.webhookId;
  const path = id && /^[\w-]+$/.test(id) ? `${service}/${id}` : undefined;
  ctx.warn(
    undefined,
    'webhook-registration',
    `n8n registers its webhook with the service itself; give the Flowloom trigger's URL${path ? ` (path ${path})` : ''} to the service and fill the trigger's credential with ${credential}`,
  );
  return {
    ...(path ? { path } : {}),
    ...(events.length > 0 && !events.includes('*') ? { events } : {}),
  };
}

/**
 * n8n's Postmark Trigger: its events. First Open and Include Content are what n8n registers the webhook with; the
 * user sets them on the webhook in Postmark.
 */
export const postmarkTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    if (ctx.raw('firstOpen') === true || ctx.raw('includeContent') === true) {
      ctx.warn(
        ctx.raw('includeContent') === true ? 'includeContent' : 'firstOpen',
        'postmark-webhook-options',
        "n8n creates the webhook with 'Post first open only' or 'Include message content' on; turn them on for the webhook in Postmark",
      );
    }
    ctx.ignore('firstOpen', 'includeContent');
    return {
      type: 'integrations.postmarkTrigger',
      parameters: trigger(ctx, 'postmark', 'events', 'the user name and password written in that URL (https://<user>:<password>@...)'),
    };
  },
};

/** n8n's Mailjet Trigger: its one event type. */
export const mailjetTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.mailjetTrigger',
    parameters: trigger(ctx, 'mailjet', 'event', 'the user name and password written in that URL (https://<user>:<password>@...)', {
      single: true,
    }),
  }),
};

/** n8n's Customer.io Trigger: its events, which Flowloom names as Customer.io's calls do (`customer.unsubscribed`). */
export const customerIoTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.customerIoTrigger',
    parameters: trigger(ctx, 'customerio', 'events', "the reporting webhooks' signing key"),
  }),
};

/**
 * n8n's ConvertKit Trigger: its one event. The form, sequence, link, product or tag is what n8n creates the webhook
 * for; ConvertKit's calls do not name the event, so the URL given to ConvertKit names it (`&event=formSubscribe`).
 */
export const convertKitTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.ignore('formId', 'courseId', 'link', 'productId', 'tagId');
    const parameters = trigger(ctx, 'convertkit', 'event', 'the secret that URL carries (?secret=...)', { single: true });
    const [event] = (parameters['events'] as string[] | undefined) ?? [];
    ctx.warn(
      'event',
      'convertkit-webhook-event',
      `n8n creates the ConvertKit webhook for its event and the form, sequence, link, product or tag chosen; create it so in ConvertKit, with ${event ? `&event=${event}` : 'the event'} added to the Flowloom trigger's URL, since ConvertKit's calls do not name it`,
    );
    return { type: 'integrations.convertkitTrigger', parameters };
  },
};

/**
 * n8n's ActiveCampaign Trigger: its events. The sources (a contact, a user, the API, the system) are what n8n
 * registers the webhook with; the user chooses them in ActiveCampaign.
 */
export const activeCampaignTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const sources = ctx.list('sources');
    if (sources.length > 0) {
      ctx.warn(
        'sources',
        'activecampaign-sources',
        `n8n registers the webhook for the sources ${sources.join(', ')}; choose them on the webhook in ActiveCampaign`,
      );
    }
    return {
      type: 'integrations.activecampaignTrigger',
      parameters: trigger(ctx, 'activecampaign', 'events', 'the secret that URL carries (?secret=...)'),
    };
  },
};

/** n8n's Autopilot Trigger: its one event. */
export const autopilotTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.autopilotTrigger',
    parameters: trigger(ctx, 'autopilot', 'event', 'the secret that URL carries (?secret=...)', { single: true }),
  }),
};

/**
 * n8n's Keap Trigger: its one event key. Flowloom's trigger puts out an item per object of the event, as n8n does
 * without RAW Data; n8n's raw body has no equivalent.
 */
export const keapTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.onlyDefault('rawData', false);
    return {
      type: 'integrations.keapTrigger',
      parameters: trigger(ctx, 'keap', 'eventId', 'the secret that URL carries (?secret=...)', { single: true }),
    };
  },
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const marketingTriggerMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.postmarkTrigger': postmarkTriggerMapping,
  'n8n-nodes-base.mailjetTrigger': mailjetTriggerMapping,
  'n8n-nodes-base.customerIoTrigger': customerIoTriggerMapping,
  'n8n-nodes-base.convertKitTrigger': convertKitTriggerMapping,
  'n8n-nodes-base.activeCampaignTrigger': activeCampaignTriggerMapping,
  'n8n-nodes-base.autopilotTrigger': autopilotTriggerMapping,
  'n8n-nodes-base.keapTrigger': keapTriggerMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const marketingTriggerN8nNodeTypes: readonly NodeType[] = [
  postmarkTrigger,
  mailjetTrigger,
  customerIoTrigger,
  convertkitTrigger,
  activecampaignTrigger,
  autopilotTrigger,
  keapTrigger,
];
