// n8n's triggers that a service calls over HTTP (GitHub, WooCommerce, PayPal, Telegram) as Flowloom's webhook triggers.
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
