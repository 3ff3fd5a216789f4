// What the palette needs of Chargebee, without loading its trigger (its credential type is in chargebee-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Chargebee as the palette lists it. */
export const chargebeeInfo = {
  id: 'chargebee',
  displayName: 'Chargebee',
  description: 'Start workflows from Chargebee: customers, subscriptions, invoices, payments and cards.',
  icon: monogram('Cb', 'FF7846'),
  docsUrl: 'https://apidocs.chargebee.com/docs/api/events#webhooks',
};
