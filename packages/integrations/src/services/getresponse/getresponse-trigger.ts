import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { getresponseWebhookSecret } from './getresponse-credentials.js';
import { getresponseInfo } from './getresponse-info.js';

export { getresponseWebhookSecret };

/**
 * Starts a workflow on GetResponse callbacks of the chosen actions. GetResponse
 * calls the callback URL with a GET whose query holds the action and the
 * contact, list (campaign) and message (`action`, `CAMPAIGN_ID`,
 * `contact_email`...): the item is that query, the secret the URL carries left
 * out. GetResponse signs nothing: the callback URL carries the credential's
 * secret.
 */
export const getresponseTrigger = defineTrigger({
  id: 'getresponse',
  displayName: 'GetResponse',
  icon: getresponseInfo.icon,
  docsUrl: getresponseInfo.docsUrl,
  credentials: [getresponseWebhookSecret],
  method: 'GET',
  events: {
    subscribe: { displayName: 'Contact subscribed' },
    unsubscribe: { displayName: 'Contact unsubscribed' },
    click: { displayName: 'Link clicked' },
    open: { displayName: 'Message opened' },
    survey: { displayName: 'Survey submitted' },
  },
  eventOf: (call: CallJson) => {
    const action = call.query?.['action'];
    return typeof action === 'string' ? action : undefined;
  },
  items: (call: CallJson) => [Object.fromEntries(Object.entries(call.query ?? {}).filter(([name]) => name !== 'secret'))],
});
