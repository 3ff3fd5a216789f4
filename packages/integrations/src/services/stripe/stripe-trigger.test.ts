// The Stripe trigger, checked against the stripe library's own webhook signing (generateTestHeaderString) and
// verification (constructEvent, given the engine clock's time), and a whole workflow: a signed payment event, an If
// on its amount, then the Stripe node marking the customer, through a webhook, engine.run and the CLI.
import { createTestClock } from '@flowloom/engine/testing';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { runInEngineAndCli } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { stripe, stripeApiKey } from './stripe.js';
import { stripeTrigger, stripeWebhookSecret } from './stripe-trigger.js';

const SECRET = 'whsec_test_5ecret';
const KEY = 'sk_test_good';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
const oracle = new Stripe(KEY);

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

const workflow = triggerIfThen({
  id: 'stripe-vip',
  trigger: {
    name: 'On payment',
    type: stripeTrigger.type,
    parameters: { path: 'stripe/events', events: ['payment_intent.succeeded'] },
    credentials: { stripeWebhookSecret: 'signing' },
  },
  test: {
    name: 'Over 100',
    parameters: { conditions: [{ field: 'data.object.amount', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
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
});

const credentials = [
  { id: 'key', type: 'stripeApi', data: { secretKey: KEY } },
  { id: 'signing', type: 'stripeWebhookSecret', data: { signingSecret: SECRET } },
];
const bed = webhookTestbed({
  answers: (request) => ({
    body: { id: 'cus_1', object: 'customer', metadata: Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) },
  }),
  hosts: ['api.stripe.com'],
  nodeTypes: [stripe.node, stripeTrigger],
  credentialTypes: [stripeApiKey, stripeWebhookSecret],
  credentials,
  clock,
  workflow,
});

describe('Stripe trigger', () => {
  it('runs the workflow for a signed event over 100, and the Stripe node marks its customer', async () => {
    const call = stripeCall(event('payment_intent.succeeded', 4200));
    expect(libraryAccepts(call)).toBe(true);
    const { run } = await bed.runOnce(call.request);
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      type: 'payment_intent.succeeded',
      data: { object: { amount: 4200 } },
    });
    expect(await bed.take()).toEqual([
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
    await bed.runOnce(stripeCall(event('payment_intent.succeeded', 100)).request);
    expect(await bed.take()).toEqual([]);
  });

  it('accepts a call with several v1 signatures when one of them matches, as the library does', async () => {
    const call = stripeCall(event('payment_intent.succeeded', 50), { extra: 'deadbeef'.repeat(8) });
    expect(call.header).toMatch(/^t=\d+,v1=(deadbeef)+,v1=[0-9a-f]{64}$/);
    expect(libraryAccepts(call)).toBe(true);
    await bed.runOnce(call.request);
  });

  itRefusesCalls(
    bed,
    'refuses a tampered body, a wrong secret and a timestamp past the tolerance with 401, as the library does, starting nothing',
    () => {
      const body = event('payment_intent.succeeded', 4200);
      const calls = [
        stripeCall(body, { tamper: true }),
        stripeCall(body, { secret: 'whsec_not_it' }),
        stripeCall(body, { timestamp: Math.floor(clock.now() / 1000) - 301 }),
        // The library checks only age; a call dated more than 300 s ahead of the engine's clock is refused here too.
        stripeCall(body, { timestamp: Math.floor(clock.now() / 1000) + 301 }),
      ];
      expect(calls.map((c) => libraryAccepts(c))).toEqual([false, false, false, true]);
      return [
        { call: calls[0]!.request, message: 'The call was refused: its Stripe signature does not match' },
        { call: calls[1]!.request },
        { call: calls[2]!.request, message: 'The call was refused: its timestamp is outside the 300 second tolerance' },
        { call: calls[3]!.request },
        { call: new Request('https://hooks.example.com/webhook/stripe/events', { method: 'POST', body: JSON.stringify(body) }) },
      ];
    },
  );

  it('accepts a call 299 seconds old on the engine clock', async () => {
    const call = stripeCall(event('payment_intent.succeeded', 1), { timestamp: Math.floor(clock.now() / 1000) - 299 });
    expect(libraryAccepts(call)).toBe(true);
    expect((await bed.deliver(call.request)).responses[0]!.status).toBe(200);
  });

  itStartsNothingFor(
    bed,
    'starts nothing for an event type the node does not listen to',
    () => stripeCall(event('charge.refunded', 4200)).request,
  );
});

describe('Stripe in a workflow', () => {
  it('marks the customer of a payment over 100 in engine.run and the CLI alike', async () => {
    const input = [{ json: { body: event('payment_intent.succeeded', 4200) } }, { json: { body: event('payment_intent.succeeded', 90) } }];
    const { execution, requests } = await runInEngineAndCli(bed, workflow, { credentials, input, compare: 'mark' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers/cus_1']);
    expect(execution.nodes['mark']![0]!.output['main']!).toHaveLength(1);
  });
});
