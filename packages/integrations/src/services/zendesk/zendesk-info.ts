// What the palette needs of Zendesk, without loading its trigger (its credential type is in zendesk-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Zendesk as the palette lists it. */
export const zendeskInfo = {
  id: 'zendesk',
  displayName: 'Zendesk',
  description: 'Start workflows from Zendesk Support: tickets its triggers and automations send, user and organization events.',
  icon: monogram('Ze', '03363D'),
  docsUrl: 'https://developer.zendesk.com/documentation/webhooks/',
};
