// What the palette needs of Stripe, without loading its operations (its credential types are in stripe-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Stripe as the palette lists it. */
export const stripeInfo = {
  id: 'stripe',
  displayName: 'Stripe',
  description: 'Create and manage customers, payment intents, charges and refunds, subscriptions, invoices, products and prices in Stripe.',
  icon: monogram('S', '635BFF'),
  docsUrl: 'https://docs.stripe.com/api',
};
