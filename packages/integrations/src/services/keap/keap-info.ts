// What the palette needs of Keap, without loading its trigger (its credential type is in keap-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Keap as the palette lists it. */
export const keapInfo = {
  id: 'keap',
  displayName: 'Keap',
  description: 'Start workflows on Keap (Infusionsoft) REST hooks: contacts, companies, orders, invoices, opportunities, tasks and more.',
  icon: monogram('Kp', '36A635'),
  docsUrl: 'https://developer.infusionsoft.com/rest-hook-documentation',
};
