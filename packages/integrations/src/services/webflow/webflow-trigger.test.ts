// The Webflow trigger, with calls shaped as Webflow's webhook docs show them (a JSON body of triggerType and payload)
// and signed as they describe (X-Webflow-Signature: the hex HMAC-SHA256 of "<X-Webflow-Timestamp>:<raw body>", keyed
// with the app's client secret, the timestamp in milliseconds and at most five minutes old), computed here with
// node:crypto at the engine clock's time.
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { webflowTrigger, webflowWebhookSecret } from './webflow-trigger.js';

const SECRET = 'wf-client-secret-6b1d9e3a';
const HOOK = 'https://hooks.example.com/webhook/webflow/forms';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });

/** A form submission as Webflow's docs show it. */
const submission = {
  triggerType: 'form_submission',
  payload: {
    name: 'Contact Us',
    siteId: '65427cf400e02b306eaa049c',
    data: { 'First Name': 'Zaphod', 'Last Name': 'Beeblebrox', email: 'zaphod@heartofgold.ai', 'Phone Number': 15550000000 },
    submittedAt: '2026-06-01T11:59:58.000Z',
    id: '6321ca84df3949bfc6752327',
    formId: '65429eadebe8a9f3a30f62d0',
  },
};

/** A call as Webflow sends it, signed with `secret` at `timestamp` (the clock's time in ms by default). */
function call(body: unknown, options: { secret?: string; timestamp?: number; signed?: boolean } = {}) {
  const text = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? clock.now());
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(`${timestamp}:${text}`)
    .digest('hex');
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.signed === false ? {} : { 'x-webflow-timestamp': timestamp, 'x-webflow-signature': signature }),
    },
    body: text,
  });
}

const bed = webhookTestbed({
  clock,
  hosts: [],
  nodeTypes: [webflowTrigger],
  credentialTypes: [webflowWebhookSecret],
  credentials: [{ id: 'app', type: 'webflowWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'forms',
    nodes: [
      {
        id: 'wf',
        name: 'Form submissions',
        type: webflowTrigger.type,
        parameters: { path: 'webflow/forms', events: ['form_submission'] },
        credentials: { webflowWebhookSecret: 'app' },
      },
    ],
  }),
});

describe('Webflow trigger', () => {
  it('runs for a signed form submission, and puts out the call as Webflow sends it', async () => {
    const { run } = await bed.runOnce(call(submission));
    expect(run.nodes['wf']![0]!.output['main']!.map((i) => i.json)).toEqual([submission]);
  });

  itRefusesCalls(bed, 'refuses an unsigned call, a wrong secret, a tampered body and a replay older than five minutes with 401', () => {
    const signed = call(submission);
    return [
      { call: call(submission, { signed: false }), message: 'The call was refused: it has no Webflow signature and timestamp' },
      { call: call(submission, { secret: 'another-secret' }), message: 'The call was refused: its Webflow signature does not match' },
      {
        call: new Request(HOOK, {
          method: 'POST',
          headers: signed.headers,
          body: JSON.stringify({ ...submission, triggerType: 'site_publish' }),
        }),
      },
      {
        call: call(submission, { timestamp: clock.now() - 6 * 60_000 }),
        message: 'The call was refused: its Webflow timestamp is more than five minutes from now',
      },
    ];
  });

  itStartsNothingFor(bed, 'starts nothing for a signed call of a trigger type the node does not listen to', () =>
    call({ triggerType: 'site_publish', payload: { site: '65427cf400e02b306eaa049c', publishedOn: '2026-06-01T11:59:00.000Z' } }),
  );
});
