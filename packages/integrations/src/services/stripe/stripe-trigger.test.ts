// The Stripe trigger, checked against the stripe library's own webhook signing (generateTestHeaderString) and
// verification (constructEvent, given the engine clock's time), and a whole workflow: a signed payment event, an If
// on its amount, then the Stripe node marking the customer, through a webhook, engine.run and the CLI.
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThroughCli, serviceEngine, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { stripe, stripeApiKey } from './stripe.js';
import { stripeTrigger, stripeWebhookSecret } from './stripe-trigger.js';

const SECRET = 'whsec_test_5ecret';
const KEY = 'sk_test_good';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
const oracle = new Stripe(KEY);
let server: VendorServer;
let engine: Engine;
const finished: Execution[] = [];

const event = (type: string, amount: number) => ({
  id: 'evt_1',
  object: 'event',
  api_version: '2026-11-18.endive',
  created: Math.floor(clock.now() / 1000),
  type,
  livemode: false,
  data: { object: { id: 'pi_1', object: 'payment_intent', amount, currency: 'usd', customer: 'cus_1', status: 'succeeded' } },
});

/** A call as Stripe signs it, with the library's own header; `extra` adds signatures before it (a secret being rolled). */
function stripeCall(body: unknown, options: { secret?: string; timestamp?: number; tamper?: boolean; extra?: string } = {}) {
  const payload = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(clock.now() / 1000);
  let header = oracle.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp });
  if (options.extra) header = header.replace(',v1=', `,v1=${options.extra},v1=`);
  const sent = options.tamper ? payload.replace('"amount":', '"amount":1') : payload;
  const request = new Request('https://hooks.example.com/webhook/stripe/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: sent,
  });
  return { request, payload: sent, header };
}

/** Whether the library accepts the call, at the engine clock's time. */
function libraryAccepts(call: { payload: string; header: string }): boolean {
  try {
    oracle.webhooks.constructEvent(call.payload, call.header, SECRET, 300, undefined, clock.now());
    return true;
  } catch {
    return false;
  }
}

const workflow = buildWorkflow({
  id: 'stripe-vip',
  nodes: [
    {
      id: 'trigger',
      name: 'On payment',
      type: stripeTrigger.type,
      parameters: { path: 'stripe/events', events: ['payment_intent.succeeded'] },
      credentials: { stripeWebhookSecret: 'signing' },
    },
    {
      id: 'big',
      name: 'Over 100',
      type: 'core.if',
      parameters: { conditions: [{ field: 'data.object.amount', operator: 'number:gt', rightValue: 100 }] },
    },
    {
      id: 'mark',
      name: 'Mark customer',
      type: stripe.node.type,
      parameters: {
        resource: 'customer',
        operation: 'update',
        id: '{{ $json.data.object.customer }}',
        metadata: { last_big_payment: '{{ $json.data.object.id }}' },
      },
      credentials: { stripeApi: 'key' },
    },
  ],
  connections: [
    ['trigger', 'big'],
    ['big:true', 'mark'],
  ],
});

beforeAll(async () => {
  server = await startVendorServer((request) => ({
    body: { id: 'cus_1', object: 'customer', metadata: Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) },
  }));
  engine = await serviceEngine({
    nodeTypes: [stripe.node, stripeTrigger],
    credentialTypes: [stripeApiKey, stripeWebhookSecret],
    routes: { 'api.stripe.com': server.url },
    clock,
    credentials: [
      { id: 'key', type: 'stripeApi', data: { secretKey: KEY } },
      { id: 'signing', type: 'stripeWebhookSecret', data: { signingSecret: SECRET } },
    ],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(workflow);
});

afterAll(async () => {
  await server.close();
});

describe('Stripe trigger', () => {
  it('runs the workflow for a signed event over 100, and the Stripe node marks its customer', async () => {
    const before = finished.length;
    const call = stripeCall(event('payment_intent.succeeded', 4200));
    expect(libraryAccepts(call)).toBe(true);
    const response = await engine.handleWebhook(call.request);
    expect(response.status).toBe(200);
    await engine.idle();
    const run = finished.slice(before);
    expect(run.map((e) => e.status)).toEqual(['success']);
    expect(run[0]!.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      type: 'payment_intent.succeeded',
      data: { object: { amount: 4200 } },
    });
    expect(await server.take()).toEqual([
      {
        method: 'POST',
        path: '/v1/customers/cus_1',
        query: {},
        auth: `Bearer ${KEY}`,
        contentType: 'application/x-www-form-urlencoded',
        body: { 'metadata[last_big_payment]': 'pi_1' },
      },
    ]);
  });

  it('runs for an event of 100 or less without calling Stripe', async () => {
    const before = finished.length;
    expect((await engine.handleWebhook(stripeCall(event('payment_intent.succeeded', 100)).request)).status).toBe(200);
    await engine.idle();
    expect(finished.slice(before).map((e) => e.status)).toEqual(['success']);
    expect(await server.take()).toEqual([]);
  });

  it('accepts a call with several v1 signatures when one of them matches, as the library does', async () => {
    const before = finished.length;
    const call = stripeCall(event('payment_intent.succeeded', 50), { extra: 'deadbeef'.repeat(8) });
    expect(call.header).toMatch(/^t=\d+,v1=(deadbeef)+,v1=[0-9a-f]{64}$/);
    expect(libraryAccepts(call)).toBe(true);
    expect((await engine.handleWebhook(call.request)).status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before + 1);
  });

  it('refuses a tampered body, a wrong secret and a timestamp past the tolerance with 401, as the library does, starting nothing', async () => {
    const before = finished.length;
    const body = event('payment_intent.succeeded', 4200);
    const calls = [
      stripeCall(body, { tamper: true }),
      stripeCall(body, { secret: 'whsec_not_it' }),
      stripeCall(body, { timestamp: Math.floor(clock.now() / 1000) - 301 }),
      // The library checks only age; a call dated more than 300 s ahead of the engine's clock is refused here too.
      stripeCall(body, { timestamp: Math.floor(clock.now() / 1000) + 301 }),
    ];
    expect(calls.map((c) => libraryAccepts(c))).toEqual([false, false, false, true]);
    const responses = await Promise.all(calls.map((c) => engine.handleWebhook(c.request)));
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(((await responses[0]!.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its Stripe signature does not match',
    );
    expect(((await responses[2]!.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its timestamp is outside the 300 second tolerance',
    );
    const unsigned = await engine.handleWebhook(
      new Request('https://hooks.example.com/webhook/stripe/events', { method: 'POST', body: JSON.stringify(body) }),
    );
    expect(unsigned.status).toBe(401);
    await engine.idle();
    expect(finished.length).toBe(before);
    expect(await server.take()).toEqual([]);
  });

  it('accepts a call 299 seconds old on the engine clock', async () => {
    const call = stripeCall(event('payment_intent.succeeded', 1), { timestamp: Math.floor(clock.now() / 1000) - 299 });
    expect(libraryAccepts(call)).toBe(true);
    expect((await engine.handleWebhook(call.request)).status).toBe(200);
    await engine.idle();
  });

  it('starts nothing for an event type the node does not listen to', async () => {
    const before = finished.length;
    expect((await engine.handleWebhook(stripeCall(event('charge.refunded', 4200)).request)).status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });
});

describe('Stripe in a workflow', () => {
  it('marks the customer of a payment over 100 in engine.run and the CLI alike', async () => {
    const input = [{ json: { body: event('payment_intent.succeeded', 4200) } }, { json: { body: event('payment_intent.succeeded', 90) } }];
    const execution = await engine.run(workflow, { input });
    expect(execution.status).toBe('success');
    const requests = await server.take();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers/cus_1']);
    const marked = execution.nodes['mark']![0]!.output['main']!;
    expect(marked).toHaveLength(1);

    const cli = await runThroughCli(workflow, {
      routes: { 'api.stripe.com': server.url },
      credentials: [
        { id: 'key', type: 'stripeApi', data: { secretKey: KEY } },
        { id: 'signing', type: 'stripeWebhookSecret', data: { signingSecret: SECRET } },
      ],
      input,
    });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.execution.nodes['mark']![0]!.output['main']).toEqual(marked);
    expect(await server.take()).toEqual(requests);
  });
});
