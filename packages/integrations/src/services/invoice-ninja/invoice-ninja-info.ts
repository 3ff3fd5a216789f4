// What the palette needs of Invoice Ninja, without loading its trigger (its credential type is in invoice-ninja-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Invoice Ninja as the palette lists it. */
export const invoiceNinjaInfo = {
  id: 'invoiceninja',
  displayName: 'Invoice Ninja',
  description: 'Start workflows from Invoice Ninja: clients, invoices, quotes, payments, vendors, expenses and tasks.',
  icon: monogram('IN', '000000'),
  docsUrl: 'https://api-docs.invoicing.co/',
};
