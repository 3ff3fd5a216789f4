// What the palette needs of Postmark, without loading its trigger (its credential type is in postmark-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Postmark as the palette lists it. */
export const postmarkInfo = {
  id: 'postmark',
  displayName: 'Postmark',
  description: 'Start workflows on what happens to the email a Postmark server sends: bounces, deliveries, opens, clicks and more.',
  icon: monogram('Pm', 'E4C400'),
  docsUrl: 'https://postmarkapp.com/developer/webhooks/webhooks-overview',
};
