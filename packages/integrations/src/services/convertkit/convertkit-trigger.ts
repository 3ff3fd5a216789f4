import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { convertkitWebhookSecret } from './convertkit-credentials.js';
import { convertkitInfo } from './convertkit-info.js';

export { convertkitWebhookSecret };

/**
 * Starts a workflow on ConvertKit webhook calls of the chosen events. A
 * ConvertKit webhook is made for one event (a form's subscriptions, a tag
 * added...) and its calls carry the subscriber (`{ subscriber }`) or the
 * purchase, not the event's name: the URL set in ConvertKit names it, with
 * the secret, as `?secret=<secret>&event=formSubscribe`. The item is the
 * call's body.
 */
export const convertkitTrigger = defineTrigger({
  id: 'convertkit',
  displayName: 'ConvertKit',
  icon: convertkitInfo.icon,
  docsUrl: convertkitInfo.docsUrl,
  credentials: [convertkitWebhookSecret],
  events: {
    formSubscribe: { displayName: 'Form subscribe' },
    linkClick: { displayName: 'Link click' },
    productPurchase: { displayName: 'Product purchase' },
    purchaseCreate: { displayName: 'Purchase created' },
    courseComplete: { displayName: 'Sequence complete' },
    courseSubscribe: { displayName: 'Sequence subscribe' },
    subscriberActivate: { displayName: 'Subscriber activated' },
    subscriberUnsubscribe: { displayName: 'Subscriber unsubscribed' },
    subscriberBounce: { displayName: 'Subscriber bounced' },
    subscriberComplain: { displayName: 'Subscriber complained' },
    tagAdd: { displayName: 'Tag added' },
    tagRemove: { displayName: 'Tag removed' },
  },
  eventOf: (call: CallJson) => {
    const event = call.query?.['event'];
    return typeof event === 'string' ? event : undefined;
  },
});
