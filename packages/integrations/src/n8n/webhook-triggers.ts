// n8n's triggers that a service calls over HTTP (GitHub, WooCommerce, PayPal, Mailchimp, Telegram) as Flowloom's webhook
// triggers.
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { locator } from './n8n-parameters.js';

/**
 * The Flowloom trigger's parameters: its path made from n8n's webhook id (so two triggers of a workflow do not
 * share one), and the events chosen, `*` (every event) being Flowloom's default. The trigger's node type checks the
 * event names when the workflow is validated: an event it does not offer makes the node a placeholder naming it.
 */
function trigger(ctx: MapContext, service: string, eventsPath: string, options: { single?: boolean } = {}): Record<string, unknown> {
  const raw = ctx.raw(eventsPath);
  const events = options.single ? (raw === undefined ? [] : [raw]) : ctx.list(eventsPath);
  if (events.some((e) => typeof e !== 'string' || e.startsWith('='))) ctx.fail(eventsPath, 'expected event names written as fixed text');
  const id = ctx.node.webhookId;
  const path = id && /^[\w-]+$/.test(id) ? `${service}/${id}` : undefined;
  ctx.warn(
    undefined,
    'webhook-registration',
    `n8n registers its webhook with the service itself; give the Flowloom trigger's URL${path ? ` (path ${path})` : ''} to the service and fill the trigger's credential with the webhook's secret`,
  );
  return {
    ...(path ? { path } : {}),
    ...(events.length > 0 && !events.includes('*') ? { events } : {}),
  };
}

/** n8n's GitHub Trigger (a repository's webhook): its events. */
export const githubTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['accessToken', 'oAuth2'], 'accessToken');
    // The repository whose webhook n8n creates; the Flowloom trigger takes the calls of whatever sends them.
    locator(ctx, 'owner', ['list', 'name', 'url']);
    locator(ctx, 'repository', ['list', 'name', 'url']);
    ctx.onlyDefault('options.insecureSSL', false);
    return { type: 'integrations.githubTrigger', parameters: trigger(ctx, 'github', 'events') };
  },
};

/** n8n's WooCommerce Trigger: its one event (topic). */
export const wooCommerceTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({
    type: 'integrations.woocommerceTrigger',
    parameters: trigger(ctx, 'woocommerce', 'event', { single: true }),
  }),
};

/** n8n's PayPal Trigger: its events. */
export const payPalTriggerMapping: NodeMapping = {
  versions: [1],
  map: (ctx): MappedNode => ({ type: 'integrations.paypalTrigger', parameters: trigger(ctx, 'paypal', 'events') }),
};

/** n8n's Telegram Trigger: the updates it starts on. Files it downloads and chats it keeps to have no equivalent. */
export const telegramTriggerMapping: NodeMapping = {
  versions: [1, 1.1, 1.2],
  map(ctx): MappedNode {
    ctx.onlyDefault('additionalFields.download', false);
    ctx.onlyDefault('additionalFields.chatIds');
    ctx.onlyDefault('additionalFields.userIds');
    ctx.ignore('additionalFields.imageSize');
    return {
      type: 'integrations.telegramTrigger',
      parameters: trigger(ctx, 'telegram', 'updates'),
      credential: { slot: 'telegramApi', n8nType: 'telegramApi' },
    };
  },
};

/**
 * n8n's Mailchimp Trigger: its events. The audience and the sources (API, admin, subscriber) are what n8n registers
 * the webhook with; the user sets them in Mailchimp along with the Flowloom trigger's URL.
 */
export const mailchimpTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['apiKey', 'oAuth2'], 'apiKey');
    ctx.ignore('list', 'sources');
    return { type: 'integrations.mailchimpTrigger', parameters: trigger(ctx, 'mailchimp', 'events') };
  },
};

/** Pipedrive's webhook actions (version 1 names) as the Flowloom trigger's; a merge changes the record kept. */
const PIPEDRIVE_ACTIONS: Record<string, string[]> = {
  added: ['create'],
  updated: ['change'],
  merged: ['change'],
  deleted: ['delete'],
  '*': ['create', 'change', 'delete'],
};
const PIPEDRIVE_OBJECTS = ['deal', 'person', 'organization', 'activity', 'note', 'product'];

/**
 * n8n's Pipedrive Trigger: its action and object as the Flowloom trigger's events (`change.deal`...). An object
 * Flowloom's trigger does not offer makes the node a placeholder naming it; n8n's check of incoming calls (Basic
 * or header auth) is the Flowloom trigger's webhook credential, which the user fills.
 */
export const pipedriveTriggerMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    ctx.choice('authentication', ['apiToken', 'oAuth2'], 'apiToken');
    ctx.choice('incomingAuthentication', ['basicAuth', 'none'], 'none');
    const action = ctx.choice('action', Object.keys(PIPEDRIVE_ACTIONS), '*');
    const object = ctx.literal<string>('object', 'string', '*');
    if (object !== '*' && !PIPEDRIVE_OBJECTS.includes(object)) {
      ctx.fail('object', `Flowloom's Pipedrive trigger has no events for the object '${object}'`);
    }
    const objects = object === '*' ? PIPEDRIVE_OBJECTS : [object];
    if (object === '*') {
      ctx.warn(
        'object',
        'pipedrive-objects',
        `n8n also starts on pipelines, stages and users; Flowloom's trigger on ${objects.join(', ')}`,
      );
    }
    const events = PIPEDRIVE_ACTIONS[action]!.flatMap((a) => objects.map((o) => `${a}.${o}`));
    const id = ctx.node.webhookId;
    const path = id && /^[\w-]+$/.test(id) ? `pipedrive/${id}` : undefined;
    ctx.warn(
      undefined,
      'webhook-registration',
      `n8n registers its webhook with the service itself; give the Flowloom trigger's URL${path ? ` (path ${path})` : ''} to the service and fill the trigger's credential with the webhook's user and password`,
    );
    return {
      type: 'integrations.pipedriveTrigger',
      parameters: { ...(path ? { path } : {}), ...(action === '*' && object === '*' ? {} : { events }) },
    };
  },
};
