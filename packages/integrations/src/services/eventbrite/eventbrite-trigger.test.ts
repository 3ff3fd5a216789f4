// The Eventbrite trigger, with calls shaped as Eventbrite's webhook docs show them (a JSON body of the webhook's config
// and the api_url of the object concerned), and the order answered as Eventbrite's API documents GET /orders/{id}/.
// Eventbrite signs nothing, so the URL's secret is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { eventbritePrivateToken, eventbriteTrigger, eventbriteWebhookSecret } from './eventbrite-trigger.js';

const SECRET = '3e8d1f0a6c2b9e4d7a5f';
const TOKEN = 'MYPRIVATETOKEN123';
const HOOK = `https://hooks.example.com/webhook/eventbrite/orders?secret=${SECRET}`;

const order = {
  id: '1234567890',
  created: '2026-03-26T21:56:31Z',
  name: 'Ada Lovelace',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  status: 'placed',
  event_id: '114095913950',
  costs: { gross: { currency: 'USD', value: 2500, major_value: '25.00', display: '$25.00' } },
  resource_uri: 'https://www.eventbriteapi.com/v3/orders/1234567890/',
};

/** A call as Eventbrite sends it for `action`, pointing to `apiUrl`. */
function call(action: string, apiUrl = order.resource_uri, url = HOOK) {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_url: apiUrl,
      config: { action, endpoint_url: url, user_id: '163054428874', webhook_id: '2645874' },
    }),
  });
}

const workflow = (id: string, path: string, parameters: Record<string, unknown> = {}) =>
  buildWorkflow({
    id,
    nodes: [
      {
        id: 'eb',
        name: 'Orders',
        type: eventbriteTrigger.type,
        parameters: { path, events: ['order.placed', 'order.updated', 'order.refunded'], ...parameters },
        credentials: { eventbriteWebhookSecret: 'hook', eventbriteApi: 'token' },
      },
    ],
  });

const bed = webhookTestbed({
  answers: (request) => (request.url === '/v3/orders/1234567890/' ? { body: order } : undefined),
  hosts: ['www.eventbriteapi.com', 'evil.example.com'],
  nodeTypes: [eventbriteTrigger],
  credentialTypes: [eventbriteWebhookSecret, eventbritePrivateToken],
  credentials: [
    { id: 'hook', type: 'eventbriteWebhookSecret', data: { secret: SECRET } },
    { id: 'token', type: 'eventbriteApi', data: { apiKey: TOKEN } },
  ],
  workflow: workflow('orders', 'eventbrite/orders'),
});

describe('Eventbrite trigger', () => {
  it('runs for an order.placed call with the secret, and puts out the order at its api_url, fetched with the token', async () => {
    await bed.take();
    const { run } = await bed.runOnce(call('order.placed'));
    expect(run.nodes['eb']![0]!.output['main']!.map((i) => i.json)).toEqual([order]);
    expect(await bed.take()).toEqual([
      { method: 'GET', path: '/v3/orders/1234567890/', query: {}, auth: `Bearer ${TOKEN}`, contentType: undefined, body: undefined },
    ]);
  });

  it('puts out the call as sent, asking Eventbrite nothing, with Resolve data off', async () => {
    await bed.engine.activate(workflow('orders-raw', 'eventbrite/raw', { resolveData: false }));
    const url = HOOK.replace('orders', 'raw');
    const { run } = await bed.runOnce(call('order.refunded', order.resource_uri, url));
    expect(run.nodes['eb']![0]!.output['main']![0]!.json).toMatchObject({
      api_url: order.resource_uri,
      config: { action: 'order.refunded' },
    });
    expect(await bed.take()).toEqual([]);
  });

  it("puts out a note for the test call Eventbrite's dashboard sends, which points to no object", async () => {
    const { run } = await bed.runOnce(call('order.placed', 'https://www.eventbriteapi.com/v3/api-endpoint-to-fetch-object-details/'));
    expect(run.nodes['eb']![0]!.output['main']![0]!.json).toMatchObject({
      placeholder: 'A test call from Eventbrite: it points to no object.',
    });
    expect(await bed.take()).toEqual([]);
  });

  it("fails the run, sending the token nowhere, when api_url is not on Eventbrite's API", async () => {
    const { runs } = await bed.deliver(call('order.placed', 'https://evil.example.com/v3/orders/1/'));
    expect(runs[0]!.status).toBe('error');
    expect(runs[0]!.error?.message).toBe(
      "Node 'Orders': the call's api_url must be on Eventbrite's API (https://www.eventbriteapi.com/v3/), got 'https://evil.example.com/v3/orders/1/'.",
    );
    expect(await bed.take()).toEqual([]);
  });

  itRefusesCalls(bed, 'refuses a call without the secret or with a wrong one with 401, starting nothing', () => [
    {
      call: call('order.placed', order.resource_uri, HOOK.replace(`?secret=${SECRET}`, '')),
      message: 'The call was refused: its URL has no secret',
    },
    {
      call: call('order.placed', order.resource_uri, HOOK.replace(SECRET, `${SECRET}x`)),
      message: 'The call was refused: its secret does not match',
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an action the node does not listen to', () => call('attendee.checked_in'));
});
