import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { invoiceNinjaWebhookSecret } from './invoice-ninja-credentials.js';
import { invoiceNinjaInfo } from './invoice-ninja-info.js';

export { invoiceNinjaWebhookSecret };

const events: Record<string, string> = {
  create_client: 'Client created',
  update_client: 'Client updated',
  delete_client: 'Client deleted',
  create_invoice: 'Invoice created',
  update_invoice: 'Invoice updated',
  delete_invoice: 'Invoice deleted',
  create_quote: 'Quote created',
  update_quote: 'Quote updated',
  delete_quote: 'Quote deleted',
  approve_quote: 'Quote approved',
  create_payment: 'Payment created',
  delete_payment: 'Payment deleted',
  create_vendor: 'Vendor created',
  update_vendor: 'Vendor updated',
  delete_vendor: 'Vendor deleted',
  create_expense: 'Expense created',
  update_expense: 'Expense updated',
  delete_expense: 'Expense deleted',
  create_task: 'Task created',
  update_task: 'Task updated',
  delete_task: 'Task deleted',
};

/**
 * Starts a workflow with each call of an Invoice Ninja webhook whose URL
 * carries the credential's secret. Invoice Ninja's calls hold the record
 * alone, not the event: each webhook is created for one event, so its Target
 * URL names it too (`?secret=...&event=create_invoice`), and calls of events
 * not chosen start nothing. The item is the client, invoice, quote, payment...
 * the call carries.
 */
export const invoiceNinjaTrigger = defineTrigger({
  id: 'invoiceninja',
  displayName: 'Invoice Ninja',
  icon: invoiceNinjaInfo.icon,
  docsUrl: 'https://api-docs.invoicing.co/',
  credentials: [invoiceNinjaWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => {
    const event = call.query?.['event'];
    return typeof event === 'string' ? event : undefined;
  },
});
