import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { webflowWebhookSecret } from './webflow-credentials.js';
import { webflowInfo } from './webflow-info.js';

export { webflowWebhookSecret };

const events: Record<string, string> = {
  form_submission: 'Form submission',
  site_publish: 'Site published',
  page_created: 'Page created',
  page_metadata_updated: 'Page metadata updated',
  page_deleted: 'Page deleted',
  collection_item_created: 'Collection item created',
  collection_item_changed: 'Collection item updated',
  collection_item_deleted: 'Collection item deleted',
  collection_item_unpublished: 'Collection item unpublished',
  ecomm_new_order: 'New e-commerce order',
  ecomm_order_changed: 'E-commerce order changed',
  ecomm_inventory_changed: 'E-commerce inventory changed',
  user_account_added: 'User account added',
  user_account_updated: 'User account updated',
  user_account_deleted: 'User account deleted',
};

/**
 * Starts a workflow with each Webflow webhook call of the chosen trigger
 * types (`triggerType`), signed with the app's client secret. The item is
 * the call's body as Webflow sends it: `triggerType`, and the form
 * submission, item, page, order or user in `payload`.
 */
export const webflowTrigger = defineTrigger({
  id: 'webflow',
  displayName: 'Webflow',
  icon: webflowInfo.icon,
  docsUrl: 'https://developers.webflow.com/data/docs/working-with-webhooks',
  credentials: [webflowWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => {
    const type = (call.body as { triggerType?: unknown } | undefined)?.triggerType;
    return typeof type === 'string' ? type : undefined;
  },
});
