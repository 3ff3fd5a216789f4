// What the palette needs of Mailjet, without loading its trigger (its credential type is in mailjet-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Mailjet as the palette lists it. */
export const mailjetInfo = {
  id: 'mailjet',
  displayName: 'Mailjet',
  description:
    'Start workflows on what happens to the email Mailjet sends: sent, opened, clicked, bounced, blocked, spam and unsubscribes.',
  icon: monogram('Mj', '9585F4'),
  docsUrl: 'https://dev.mailjet.com/email/guides/webhooks/',
};
