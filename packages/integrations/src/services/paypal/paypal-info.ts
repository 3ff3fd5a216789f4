// What the palette needs of PayPal, without loading its operations (its credential type is in paypal-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** PayPal as the palette lists it. */
export const paypalInfo = {
  id: 'paypal',
  displayName: 'PayPal',
  description: 'Create and capture PayPal orders, refund captured payments, manage invoices and subscriptions, and send payouts.',
  icon: monogram('PP', '003087'),
  docsUrl: 'https://developer.paypal.com/api/rest/',
};
