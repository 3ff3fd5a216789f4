// The Help Scout trigger, checked against Help Scout's published signing (X-HelpScout-Signature is the base64
// HMAC-SHA1 of the raw JSON body with the webhook's secret key, https://developer.helpscout.com/webhooks/, computed
// here with node:crypto as Help Scout's PHP example does with hash_hmac), with the secret key of that example and a
// v2 customer object as the customer.created call carries it.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { helpScoutTrigger, helpScoutWebhookSecret } from './help-scout-trigger.js';

const SECRET = 'my-secret-key';
const HOOK = 'https://hooks.example.com/webhook/helpscout/customers';

/** A v2 customer object, as the customer.created call carries it. */
const customer = {
  id: 29418,
  firstName: 'Vernon',
  lastName: 'Bear',
  gender: 'Male',
  jobTitle: 'CEO',
  location: 'US',
  organization: 'Acme',
  createdAt: '2026-06-01T12:00:00Z',
  updatedAt: '2026-06-01T12:00:00Z',
  _embedded: { emails: [{ id: 1, value: 'vbear@example.com', type: 'work' }], phones: [] },
};

function helpScoutCall(body: unknown, options: { event?: string; secret?: string; tamper?: boolean; unsigned?: boolean } = {}) {
  const text = JSON.stringify(body);
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-helpscout-event': options.event ?? 'customer.created',
      ...(options.unsigned
        ? {}
        : {
            'x-helpscout-signature': createHmac('sha1', options.secret ?? SECRET)
              .update(text)
              .digest('base64'),
          }),
    },
    body: options.tamper ? text.replace('"Vernon"', '"Mallory"') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [helpScoutTrigger],
  credentialTypes: [helpScoutWebhookSecret],
  credentials: [{ id: 'hook', type: 'helpScoutWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'helpscout-customers',
    nodes: [
      {
        id: 'hs',
        name: 'New customer',
        type: helpScoutTrigger.type,
        parameters: { path: 'helpscout/customers', events: ['customer.created'] },
        credentials: { helpScoutWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Help Scout trigger', () => {
  it('runs for a signed customer.created call, and puts out the customer', async () => {
    const { run } = await bed.runOnce(helpScoutCall(customer));
    expect(run.nodes['hs']![0]!.output['main']!.map((i) => i.json)).toEqual([customer]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret key and an unsigned call with 401, starting nothing', () => [
    { call: helpScoutCall(customer, { tamper: true }), message: 'The call was refused: its Help Scout signature does not match' },
    { call: helpScoutCall(customer, { secret: 'another-key' }) },
    { call: helpScoutCall(customer, { unsigned: true }), message: 'The call was refused: it has no Help Scout signature' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    helpScoutCall({ id: 29418 }, { event: 'customer.deleted' }),
  );
});
