// The Customer.io trigger, checked against Customer.io's documented signing of reporting webhooks (the hex
// HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the webhook signing key, computed here with node:crypto), with
// calls shaped as its reporting webhooks reference shows them.
import { createHmac } from 'node:crypto';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { customerIoTrigger, customerIoWebhookSigningKey } from './customer-io-trigger.js';

const KEY = 'cio-signing-key-4f2a9b7c';
const HOOK = 'https://hooks.example.com/webhook/customerio/events';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });

/** A customer's unsubscription, as Customer.io's reporting webhooks reference shows it. */
const unsubscribed = {
  data: {
    customer_id: '42',
    email_address: 'test@example.com',
    identifiers: { email: 'test@example.com', id: '42', cio_id: 'd9c106000001' },
  },
  event_id: '01E4C4CT6YDC7Y5M7FE1GWWPQJ',
  metric: 'unsubscribed',
  object_type: 'customer',
  timestamp: 1613063089,
};
const opened = {
  data: { customer_id: '42', delivery_id: 'RAECAAFwnUSneIa0ZXkmq8EdkAM==', identifiers: { id: '42' }, recipient: 'test@example.com' },
  event_id: '01E4C4HDQ7P4P7G4JCB5ZMYZ2B',
  metric: 'opened',
  object_type: 'email',
  timestamp: 1613063090,
};

/** A call as Customer.io signs it, at the test clock's time unless told otherwise. */
function cioCall(body: unknown, options: { key?: string; seconds?: number; tamper?: boolean; unsigned?: boolean } = {}) {
  const text = JSON.stringify(body);
  const timestamp = String(options.seconds ?? Math.floor(clock.now() / 1000));
  const signature = createHmac('sha256', options.key ?? KEY)
    .update(`v0:${timestamp}:${text}`)
    .digest('hex');
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.unsigned ? {} : { 'x-cio-timestamp': timestamp, 'x-cio-signature': signature }),
    },
    body: options.tamper ? text.replace('"42"', '"43"') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  clock,
  nodeTypes: [customerIoTrigger],
  credentialTypes: [customerIoWebhookSigningKey],
  credentials: [{ id: 'signing', type: 'customerIoWebhookSigningKey', data: { signingKey: KEY } }],
  workflow: buildWorkflow({
    id: 'unsubscribes',
    nodes: [
      {
        id: 'cio',
        name: 'Unsubscribed',
        type: customerIoTrigger.type,
        parameters: { path: 'customerio/events', events: ['customer.unsubscribed'] },
        credentials: { customerIoWebhookSigningKey: 'signing' },
      },
    ],
  }),
});

describe('Customer.io trigger', () => {
  it('runs for a signed customer.unsubscribed call, and puts out its body', async () => {
    const { run } = await bed.runOnce(cioCall(unsubscribed));
    expect(run.nodes['cio']![0]!.output['main']!.map((i) => i.json)).toEqual([unsubscribed]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong key, an old timestamp and an unsigned call with 401, starting nothing', () => [
    { call: cioCall(unsubscribed, { tamper: true }), message: 'The call was refused: its Customer.io signature does not match' },
    { call: cioCall(unsubscribed, { key: 'not-the-key' }) },
    {
      call: cioCall(unsubscribed, { seconds: Math.floor(clock.now() / 1000) - 6 * 60 }),
      message: 'The call was refused: its timestamp is outside the 5 minute window',
    },
    { call: cioCall(unsubscribed, { unsigned: true }), message: 'The call was refused: it has no Customer.io signature' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for email.opened, an event the node does not listen to', () => cioCall(opened));
});
