// The Shopify trigger, checked against Shopify's published verification (X-Shopify-Hmac-Sha256 is the base64
// HMAC-SHA256 of the raw body with the app's client secret, computed here with node:crypto), and a whole workflow:
// a signed order webhook, an If on its total, then an Airtable upsert of the order, through a webhook, engine.run and the CLI.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runInEngineAndCli } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { airtable, airtableToken } from '../airtable/airtable.js';
import { shopifyTrigger, shopifyWebhookSecret } from './shopify-trigger.js';

const SECRET = 'shpss_0123456789abcdef';
const AIRTABLE = 'patGood.0123456789abcdef';

/** An order as Shopify's orders/create webhook carries it (REST shape). */
const order = (id: number, total: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${1000 + id}`,
  email: `buyer${id}@example.com`,
  total_price: total,
  currency: 'EUR',
  financial_status: 'paid',
  created_at: '2026-06-01T12:00:00+02:00',
  line_items: [{ id: 1, title: 'Mug', quantity: 2, price: '12.00' }],
});

/** A call as Shopify signs it. */
function shopifyCall(body: unknown, options: { topic?: string; secret?: string; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(text, 'utf8')
    .digest('base64');
  return new Request('https://hooks.example.com/webhook/shopify/orders', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic ?? 'orders/create',
      'x-shopify-hmac-sha256': signature,
      'x-shopify-shop-domain': 'acme.myshopify.com',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    },
    body: options.tamper ? text.replace('"total_price":"', '"total_price":"9') : text,
  });
}

const workflow = triggerIfThen({
  id: 'big-orders',
  trigger: {
    name: 'New order',
    type: shopifyTrigger.type,
    parameters: { path: 'shopify/orders', events: ['orders/create'] },
    credentials: { shopifyWebhookSecret: 'signing' },
  },
  test: {
    name: 'Over 100',
    parameters: { looseTypeValidation: true, conditions: [{ field: 'total_price', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
    id: 'save',
    name: 'Save order',
    type: airtable.node.type,
    parameters: {
      resource: 'record',
      operation: 'upsert',
      baseId: 'appOrders00000001',
      table: 'Orders',
      fieldsToMergeOn: ['Order'],
      fields: { Order: '{{ $json.name }}', Email: '{{ $json.email }}', Total: '{{ $number($json.total_price) }}' },
    },
    credentials: { airtableTokenApi: 'airtable' },
  },
});

const credentials = [
  { id: 'signing', type: 'shopifyWebhookSecret', data: { clientSecret: SECRET } },
  { id: 'airtable', type: 'airtableTokenApi', data: { accessToken: AIRTABLE } },
];
const bed = webhookTestbed({
  // Airtable's answer to an upsert: each record created.
  answers: (request) => {
    const body = JSON.parse(request.body.toString('utf8') || '{}') as { records?: { fields: Record<string, unknown> }[] };
    const records = (body.records ?? []).map((r, i) => ({ id: `recOrder${i}`, createdTime: '2026-06-01T10:00:00.000Z', fields: r.fields }));
    return { body: { records, createdRecords: records.map((r) => r.id), updatedRecords: [] } };
  },
  hosts: ['api.airtable.com'],
  nodeTypes: [shopifyTrigger, airtable.node],
  credentialTypes: [shopifyWebhookSecret, airtableToken],
  credentials,
  workflow,
});

describe('Shopify trigger', () => {
  it('runs for a signed order over 100 and upserts it into Airtable, matching on the order name', async () => {
    const { run } = await bed.runOnce(shopifyCall(order(1, '149.90')));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      name: '#1001',
      total_price: '149.90',
      _shopify: { topic: 'orders/create', shop: 'acme.myshopify.com', webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' },
    });
    expect(await bed.take()).toEqual([
      {
        method: 'PATCH',
        path: '/v0/appOrders00000001/Orders',
        query: {},
        auth: `Bearer ${AIRTABLE}`,
        contentType: 'application/json',
        body: {
          performUpsert: { fieldsToMergeOn: ['Order'] },
          records: [{ fields: { Order: '#1001', Email: 'buyer1@example.com', Total: 149.9 } }],
        },
      },
    ]);
  });

  it('runs without an upsert for a small order', async () => {
    await bed.runOnce(shopifyCall(order(2, '20.00')));
    expect(await bed.take()).toEqual([]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', () => {
    const body = order(3, '500.00');
    return [
      {
        call: shopifyCall(body, { tamper: true }),
        error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'The call was refused: its Shopify signature does not match' },
      },
      { call: shopifyCall(body, { secret: 'shpss_not_it' }) },
      {
        call: new Request('https://hooks.example.com/webhook/shopify/orders', {
          method: 'POST',
          headers: { 'x-shopify-topic': 'orders/create' },
          body: JSON.stringify(body),
        }),
        message: 'The call was refused: it has no Shopify signature',
      },
    ];
  });

  itStartsNothingFor(bed, 'starts nothing for a topic the node does not listen to', () =>
    shopifyCall({ id: 9, title: 'Mug' }, { topic: 'products/update' }),
  );
});

describe('Shopify trigger in a workflow', () => {
  it('upserts the big orders of a batch of calls in engine.run and the CLI alike', async () => {
    const call = (body: unknown) => ({ json: { headers: { 'x-shopify-topic': 'orders/create' }, body } });
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials,
      input: [call(order(4, '250.00')), call(order(5, '99.99')), call(order(6, '101.00'))],
      compare: 'save',
    });
    // The two big orders go to Airtable in one request.
    expect(requests.map((r) => (r.body as { records: { fields: { Order: string } }[] }).records.map((x) => x.fields.Order))).toEqual([
      ['#1004', '#1006'],
    ]);
  });
});
