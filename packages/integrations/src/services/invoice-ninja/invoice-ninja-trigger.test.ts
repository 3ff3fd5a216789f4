// The Invoice Ninja trigger: Invoice Ninja signs nothing and posts the record alone (its transformer's JSON, as its
// WebhookSingle job sends it), so the webhook's Target URL carries the secret and names the event the webhook was
// created for.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { invoiceNinjaTrigger, invoiceNinjaWebhookSecret } from './invoice-ninja-trigger.js';

const SECRET = '9c2e7f1a4b8d3e6f0a5c';
const HOOK = 'https://hooks.example.com/webhook/invoiceninja/invoices';

/** An invoice as Invoice Ninja's API shapes it. */
const invoice = {
  id: 'Wpmbk5ezJn',
  user_id: 'Wpmbk5ezJn',
  client_id: '7LDdwRb1YK',
  status_id: '1',
  number: '0042',
  amount: 149.9,
  balance: 149.9,
  date: '2026-06-01',
  due_date: '2026-07-01',
  is_deleted: false,
  line_items: [{ product_key: 'Consulting', quantity: 1, cost: 149.9 }],
};

const invoiceNinjaCall = (query: string, body: unknown = invoice) =>
  new Request(`${HOOK}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [invoiceNinjaTrigger],
  credentialTypes: [invoiceNinjaWebhookSecret],
  credentials: [{ id: 'hook', type: 'invoiceNinjaWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'invoice-ninja-invoices',
    nodes: [
      {
        id: 'in',
        name: 'New invoice',
        type: invoiceNinjaTrigger.type,
        parameters: { path: 'invoiceninja/invoices', events: ['create_invoice'] },
        credentials: { invoiceNinjaWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Invoice Ninja trigger', () => {
  it('runs for a create_invoice call whose URL carries the secret, and puts out the invoice', async () => {
    const { run } = await bed.runOnce(invoiceNinjaCall(`secret=${SECRET}&event=create_invoice`));
    expect(run.nodes['in']![0]!.output['main']!.map((i) => i.json)).toEqual([invoice]);
  });

  itRefusesCalls(bed, 'refuses a call without the secret or with a wrong one with 401, starting nothing', () => [
    { call: invoiceNinjaCall('event=create_invoice'), message: 'The call was refused: its URL has no secret' },
    { call: invoiceNinjaCall(`secret=${SECRET}x&event=create_invoice`), message: 'The call was refused: its secret does not match' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a webhook of an event the node does not listen to', () =>
    invoiceNinjaCall(`secret=${SECRET}&event=update_invoice`),
  );

  itStartsNothingFor(bed, 'starts nothing for a call whose URL names no event', () => invoiceNinjaCall(`secret=${SECRET}`));
});
