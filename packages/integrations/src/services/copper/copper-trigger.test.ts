// The Copper trigger: Copper signs no notification but sends the subscription's secret key/value pairs in its body
// (https://developer.copper.com/webhooks/create-new-subscription.html), so calls are checked against the secret. The
// calls carry notifications as Copper documents them: the records' `ids`, `type`, `event` and `subscription_id`.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { copperTrigger, copperWebhookSecret } from './copper-trigger.js';

const SECRET = '6f1d0c2b9a8e7d6c5b4a';
const HOOK = 'https://hooks.example.com/webhook/copper/projects';

const projectNew = { ids: [34512, 34513], type: 'project', event: 'new', subscription_id: 17065, timestamp: '2026-06-01T12:00:00.000Z' };

const copperCall = (notification: Record<string, unknown>, secret: string | null = SECRET) =>
  new Request(HOOK, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(secret === null ? notification : { ...notification, secret }),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [copperTrigger],
  credentialTypes: [copperWebhookSecret],
  credentials: [{ id: 'hook', type: 'copperWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'copper-projects',
    nodes: [
      {
        id: 'co',
        name: 'New project',
        type: copperTrigger.type,
        parameters: { path: 'copper/projects', events: ['project.new'] },
        credentials: { copperWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Copper trigger', () => {
  it('runs for a project.new notification with the secret, and puts out the notification without it', async () => {
    const { run } = await bed.runOnce(copperCall(projectNew));
    expect(run.nodes['co']![0]!.output['main']!.map((i) => i.json)).toEqual([projectNew]);
  });

  itRefusesCalls(bed, 'refuses a wrong secret, no secret and a body that is not JSON with 401, starting nothing', () => [
    { call: copperCall(projectNew, `${SECRET}x`), message: 'The call was refused: its secret does not match' },
    { call: copperCall(projectNew, null), message: 'The call was refused: its body has no secret' },
    {
      call: new Request(HOOK, { method: 'POST', body: 'ids=1&type=project&event=new' }),
      message: 'The call was refused: its body is not JSON',
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    copperCall({ ...projectNew, event: 'update', updated_attributes: { name: ['Old', 'New'] } }),
  );
});
