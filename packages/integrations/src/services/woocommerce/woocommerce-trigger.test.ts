// The WooCommerce trigger, checked against WooCommerce's published signing (base64 HMAC-SHA256 of the raw body with
// the webhook's secret, computed here with node:crypto as WooCommerce's PHP does with hash_hmac), and a whole
// workflow: a signed order.created call, an If on the order's total, then the WooCommerce node marking the order.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runInEngineAndCli } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { woocommerce, wooCommerceApiKey } from './woocommerce.js';
import { woocommerceTrigger, wooCommerceWebhookSecret } from './woocommerce-trigger.js';

const SECRET = 'wc-webhook-secret';
const STORE = 'shop.example.com';
const store = { url: `https://${STORE}`, consumerKey: 'ck_1', consumerSecret: 'cs_1' };

const order = (total: string) => ({
  id: 727,
  status: 'processing',
  currency: 'USD',
  total,
  customer_id: 25,
  line_items: [{ product_id: 93, quantity: 2 }],
});

function wooCall(body: unknown, options: { topic?: string; secret?: string; tamper?: boolean } = {}) {
  const text = JSON.stringify(body);
  return new Request('https://hooks.example.com/webhook/woocommerce/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': options.topic ?? 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-signature': createHmac('sha256', options.secret ?? SECRET)
        .update(text)
        .digest('base64'),
    },
    body: options.tamper ? text.replace('"total":"', '"total":"1') : text,
  });
}

const workflow = triggerIfThen({
  id: 'woo-big-orders',
  trigger: {
    name: 'On order',
    type: woocommerceTrigger.type,
    parameters: { path: 'woocommerce/events', events: ['order.created'] },
    credentials: { wooCommerceWebhookSecret: 'signing' },
  },
  test: {
    name: 'Over 100',
    parameters: { conditions: [{ leftValue: '{{ $number($json.total) }}', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
    id: 'mark',
    name: 'Mark order',
    type: woocommerce.node.type,
    parameters: {
      resource: 'order',
      operation: 'update',
      orderId: '{{ $json.id }}',
      additionalFields: { meta_data: [{ key: 'big_order', value: 'yes' }] },
    },
    credentials: { wooCommerceApi: 'store' },
  },
});

const bed = webhookTestbed({
  answers: (request) => ({ body: { id: 727, ...(JSON.parse(request.body.toString('utf8') || '{}') as object) } }),
  hosts: [STORE],
  nodeTypes: [woocommerce.node, woocommerceTrigger],
  credentialTypes: [wooCommerceApiKey, wooCommerceWebhookSecret],
  credentials: [
    { id: 'store', type: 'wooCommerceApi', data: store },
    { id: 'signing', type: 'wooCommerceWebhookSecret', data: { secret: SECRET } },
  ],
  workflow,
});

describe('WooCommerce trigger', () => {
  it('runs for a signed order over 100, and the WooCommerce node marks the order', async () => {
    const { run } = await bed.runOnce(wooCall(order('149.90')));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ id: 727, total: '149.90' });
    expect(await bed.take()).toEqual([
      {
        method: 'PUT',
        path: '/wp-json/wc/v3/orders/727',
        query: {},
        auth: 'Basic ck_1:cs_1',
        contentType: 'application/json',
        body: { meta_data: [{ key: 'big_order', value: 'yes' }] },
      },
    ]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', () => [
    { call: wooCall(order('149.90'), { tamper: true }), message: 'The call was refused: its WooCommerce signature does not match' },
    { call: wooCall(order('149.90'), { secret: 'not-it' }) },
    {
      call: new Request('https://hooks.example.com/webhook/woocommerce/events', {
        method: 'POST',
        headers: { 'x-wc-webhook-topic': 'order.created' },
        body: JSON.stringify(order('149.90')),
      }),
    },
  ]);

  itStartsNothingFor(
    bed,
    'answers the ping WooCommerce sends when the webhook is saved, without a run',
    () =>
      new Request('https://hooks.example.com/webhook/woocommerce/events', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'webhook_id=12',
      }),
  );

  itStartsNothingFor(bed, 'starts nothing for a topic the node does not listen to', () =>
    wooCall(order('149.90'), { topic: 'order.updated' }),
  );
});

describe('WooCommerce in a workflow', () => {
  it('marks orders over 100 in engine.run and the CLI alike', async () => {
    const call = (total: string) => ({ json: { headers: { 'x-wc-webhook-topic': 'order.created' }, body: order(total) } });
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [
        {
          id: 'store',
          type: 'wooCommerceApi',
          data: { consumerSecret: store.consumerSecret, url: store.url, consumerKey: store.consumerKey },
        },
        { id: 'signing', type: 'wooCommerceWebhookSecret', data: { secret: SECRET } },
      ],
      input: [call('149.90'), call('20.00')],
      compare: 'mark',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /wp-json/wc/v3/orders/727']);
    expect(execution.nodes['mark']![0]!.output['main']!).toHaveLength(1);
  });
});
