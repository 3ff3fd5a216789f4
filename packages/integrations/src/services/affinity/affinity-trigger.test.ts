// The Affinity trigger: Affinity signs nothing, so the webhook URL a subscription is created with carries the secret.
// Calls carry Affinity's webhook payload, `{ type, body, sent_at }`; the sample call Affinity sends to check the URL
// when the subscription is created starts nothing.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { affinityTrigger, affinityWebhookSecret } from './affinity-trigger.js';

const SECRET = '3b9d1f7e5c2a8e4d6f0b';
const HOOK = 'https://hooks.example.com/webhook/affinity/lists';

/** A list as Affinity's API shapes it. */
const list = { id: 450, type: 0, name: 'My Organizations', public: true, owner_id: 38706, creator_id: 38706, list_size: 0 };

const affinityCall = (payload: unknown, query = `secret=${SECRET}`) =>
  new Request(`${HOOK}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [affinityTrigger],
  credentialTypes: [affinityWebhookSecret],
  credentials: [{ id: 'hook', type: 'affinityWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'affinity-lists',
    nodes: [
      {
        id: 'af',
        name: 'New list',
        type: affinityTrigger.type,
        parameters: { path: 'affinity/lists', events: ['list.created'] },
        credentials: { affinityWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Affinity trigger', () => {
  it('runs for a list.created call whose URL carries the secret, and puts out the list with the event type', async () => {
    const { run } = await bed.runOnce(affinityCall({ type: 'list.created', body: list, sent_at: 1780315200 }));
    expect(run.nodes['af']![0]!.output['main']!.map((i) => i.json)).toEqual([{ ...list, type: 'list.created' }]);
  });

  itRefusesCalls(bed, 'refuses a call without the secret or with a wrong one with 401, starting nothing', () => [
    { call: affinityCall({ type: 'list.created', body: list }, ''), message: 'The call was refused: its URL has no secret' },
    {
      call: affinityCall({ type: 'list.created', body: list }, `secret=${SECRET}x`),
      message: 'The call was refused: its secret does not match',
    },
  ]);

  itStartsNothingFor(bed, 'answers the sample call Affinity sends when the subscription is created, without a run', () =>
    affinityCall({ type: 'sample.webhook', body: {}, sent_at: 1780315200 }),
  );

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    affinityCall({ type: 'list.deleted', body: list, sent_at: 1780315200 }),
  );
});
