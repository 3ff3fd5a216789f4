// The WooCommerce trigger, checked against WooCommerce's published signing (base64 HMAC-SHA256 of the raw body with
// the webhook's secret, computed here with node:crypto as WooCommerce's PHP does with hash_hmac), and a whole
// workflow: a signed order.created call, an If on the order's total, then the WooCommerce node marking the order.
import { createHmac } from 'node:crypto';
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThroughCli, serviceEngine, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { woocommerce, wooCommerceApiKey } from './woocommerce.js';
import { woocommerceTrigger, wooCommerceWebhookSecret } from './woocommerce-trigger.js';

const SECRET = 'wc-webhook-secret';
const STORE = 'shop.example.com';
const store = { url: `https://${STORE}`, consumerKey: 'ck_1', consumerSecret: 'cs_1' };
let server: VendorServer;
let engine: Engine;
const finished: Execution[] = [];

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

const workflow = buildWorkflow({
  id: 'woo-big-orders',
  nodes: [
    {
      id: 'trigger',
      name: 'On order',
      type: woocommerceTrigger.type,
      parameters: { path: 'woocommerce/events', events: ['order.created'] },
      credentials: { wooCommerceWebhookSecret: 'signing' },
    },
    {
      id: 'big',
      name: 'Over 100',
      type: 'core.if',
      parameters: { conditions: [{ leftValue: '{{ $number($json.total) }}', operator: 'number:gt', rightValue: 100 }] },
    },
    {
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
  ],
  connections: [
    ['trigger', 'big'],
    ['big:true', 'mark'],
  ],
});

beforeAll(async () => {
  server = await startVendorServer((request) => ({ body: { id: 727, ...(JSON.parse(request.body.toString('utf8') || '{}') as object) } }));
  engine = await serviceEngine({
    nodeTypes: [woocommerce.node, woocommerceTrigger],
    credentialTypes: [wooCommerceApiKey, wooCommerceWebhookSecret],
    routes: { [STORE]: server.url },
    credentials: [
      { id: 'store', type: 'wooCommerceApi', data: store },
      { id: 'signing', type: 'wooCommerceWebhookSecret', data: { secret: SECRET } },
    ],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(workflow);
});

afterAll(async () => {
  await server.close();
});

describe('WooCommerce trigger', () => {
  it('runs for a signed order over 100, and the WooCommerce node marks the order', async () => {
    const before = finished.length;
    expect((await engine.handleWebhook(wooCall(order('149.90')))).status).toBe(200);
    await engine.idle();
    const run = finished.slice(before);
    expect(run.map((e) => e.status)).toEqual(['success']);
    expect(run[0]!.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ id: 727, total: '149.90' });
    expect(await server.take()).toEqual([
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

  it('refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', async () => {
    const before = finished.length;
    const tampered = await engine.handleWebhook(wooCall(order('149.90'), { tamper: true }));
    const wrong = await engine.handleWebhook(wooCall(order('149.90'), { secret: 'not-it' }));
    const unsigned = await engine.handleWebhook(
      new Request('https://hooks.example.com/webhook/woocommerce/events', {
        method: 'POST',
        headers: { 'x-wc-webhook-topic': 'order.created' },
        body: JSON.stringify(order('149.90')),
      }),
    );
    expect([tampered.status, wrong.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(((await tampered.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its WooCommerce signature does not match',
    );
    await engine.idle();
    expect(finished.length).toBe(before);
    expect(await server.take()).toEqual([]);
  });

  it('answers the ping WooCommerce sends when the webhook is saved, without a run', async () => {
    const before = finished.length;
    const ping = await engine.handleWebhook(
      new Request('https://hooks.example.com/webhook/woocommerce/events', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'webhook_id=12',
      }),
    );
    expect(ping.status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });

  it('starts nothing for a topic the node does not listen to', async () => {
    const before = finished.length;
    expect((await engine.handleWebhook(wooCall(order('149.90'), { topic: 'order.updated' }))).status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });
});

describe('WooCommerce in a workflow', () => {
  it('marks orders over 100 in engine.run and the CLI alike', async () => {
    const call = (total: string) => ({ json: { headers: { 'x-wc-webhook-topic': 'order.created' }, body: order(total) } });
    const input = [call('149.90'), call('20.00')];
    const execution = await engine.run(workflow, { input });
    expect(execution.error?.message).toBeUndefined();
    const requests = await server.take();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /wp-json/wc/v3/orders/727']);
    const marked = execution.nodes['mark']![0]!.output['main']!;
    expect(marked).toHaveLength(1);

    const cli = await runThroughCli(workflow, {
      routes: { [STORE]: server.url },
      credentials: [
        {
          id: 'store',
          type: 'wooCommerceApi',
          data: { consumerSecret: store.consumerSecret, url: store.url, consumerKey: store.consumerKey },
        },
        { id: 'signing', type: 'wooCommerceWebhookSecret', data: { secret: SECRET } },
      ],
      input,
    });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.execution.nodes['mark']![0]!.output['main']).toEqual(marked);
    expect(await server.take()).toEqual(requests);
  });
});
