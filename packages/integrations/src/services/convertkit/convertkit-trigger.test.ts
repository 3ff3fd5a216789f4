// The ConvertKit trigger, with calls shaped as ConvertKit's (v3) webhook reference shows them: the subscriber, or the
// purchase, as JSON. ConvertKit signs nothing and names no event in its calls, so the URL carries both the secret
// that is checked and the event the webhook was made for.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { convertkitTrigger, convertkitWebhookSecret } from './convertkit-trigger.js';

const SECRET = 'ck-8e2d4f6a1b3c5d7e';
const HOOK = 'https://hooks.example.com/webhook/convertkit/form';

/** A subscriber event's payload, as ConvertKit's webhook reference shows it. */
const subscriber = {
  subscriber: {
    id: 1,
    first_name: 'John',
    email_address: 'John@example.com',
    state: 'active',
    created_at: '2018-02-15T19:40:24.913Z',
    fields: { 'My Custom Field': 'Value' },
  },
};

/** A call as ConvertKit makes it to the URL set for the webhook. */
const post = (body: unknown, query: Record<string, string>) =>
  new Request(`${HOOK}?${new URLSearchParams(query).toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [convertkitTrigger],
  credentialTypes: [convertkitWebhookSecret],
  credentials: [{ id: 'hook', type: 'convertkitWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'form-subscribers',
    nodes: [
      {
        id: 'ck',
        name: 'Form subscribers',
        type: convertkitTrigger.type,
        parameters: { path: 'convertkit/form', events: ['formSubscribe'] },
        credentials: { convertkitWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('ConvertKit trigger', () => {
  it('runs for a form subscription to the URL with the secret, and puts out the subscriber', async () => {
    const { run } = await bed.runOnce(post(subscriber, { secret: SECRET, event: 'formSubscribe' }));
    expect(run.nodes['ck']![0]!.output['main']!.map((i) => i.json)).toEqual([subscriber]);
    // The engine keeps the secret out of the run it records (the call's query).
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  itRefusesCalls(bed, 'refuses a wrong secret and a URL without one with 401, starting nothing', () => [
    {
      call: post(subscriber, { secret: 'guessed-secret-0000', event: 'formSubscribe' }),
      message: 'The call was refused: its secret does not match',
    },
    { call: post(subscriber, { event: 'formSubscribe' }), message: 'The call was refused: its URL has no secret' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a tag added, an event the node does not listen to', () =>
    post(subscriber, { secret: SECRET, event: 'tagAdd' }),
  );

  itStartsNothingFor(bed, 'starts nothing for a call whose URL names no event', () => post(subscriber, { secret: SECRET }));
});
