// The Flow trigger. Flow publishes no example of its integration webhooks' calls, so the oracle is what a webhook
// trigger of it must do whatever the body: put out the JSON body as sent (as n8n's Flow Trigger does), refuse calls
// without the URL's secret (Flow signs nothing), and start nothing for a call that carries no body.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { flowTrigger, flowWebhookSecret } from './flow-trigger.js';

const SECRET = '7b2e9c4a1f6d3e8b0c5a';
const HOOK = `https://hooks.example.com/webhook/flow/tasks?secret=${SECRET}`;
const change = { resource_type: 'task', resource_id: 44512, task: { id: 44512, name: 'Send the quote', completed: true } };

const post = (body: string, url = HOOK) => new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [flowTrigger],
  credentialTypes: [flowWebhookSecret],
  credentials: [{ id: 'hook', type: 'flowWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'tasks',
    nodes: [
      {
        id: 'flow',
        name: 'Task changes',
        type: flowTrigger.type,
        parameters: { path: 'flow/tasks' },
        credentials: { flowWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Flow trigger', () => {
  it('runs for a call with the secret, and puts out its body as sent', async () => {
    const { run } = await bed.runOnce(post(JSON.stringify(change)));
    expect(run.nodes['flow']![0]!.output['main']!.map((i) => i.json)).toEqual([change]);
  });

  itRefusesCalls(bed, 'refuses a call without the secret or with a wrong one with 401, starting nothing', () => [
    { call: post(JSON.stringify(change), HOOK.replace(`?secret=${SECRET}`, '')), message: 'The call was refused: its URL has no secret' },
    { call: post(JSON.stringify(change), HOOK.replace(SECRET, `${SECRET}x`)), message: 'The call was refused: its secret does not match' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a call with the secret that carries no body', () => new Request(HOOK, { method: 'POST' }));
});
