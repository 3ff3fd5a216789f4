// What the palette needs of Help Scout, without loading its trigger (its credential type is in help-scout-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Help Scout as the palette lists it. */
export const helpScoutInfo = {
  id: 'helpscout',
  displayName: 'Help Scout',
  description: 'Start workflows from Help Scout: conversations, replies, customers, ratings and tags.',
  icon: monogram('HS', '1292EE'),
  docsUrl: 'https://developer.helpscout.com/webhooks/',
};
