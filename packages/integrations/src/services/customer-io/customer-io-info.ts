// What the palette needs of Customer.io, without loading its trigger (its credential type is in customer-io-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Customer.io as the palette lists it. */
export const customerIoInfo = {
  id: 'customerIo',
  displayName: 'Customer.io',
  description:
    'Start workflows on Customer.io reporting webhooks: subscriptions, and what happens to emails, pushes, SMS and Slack messages.',
  icon: monogram('Cio', '7131FF'),
  docsUrl: 'https://docs.customer.io/api/webhooks/',
};
