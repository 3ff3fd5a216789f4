// The ClickUp trigger, checked against ClickUp's published signing (X-Signature is the hex HMAC-SHA256 of the raw body
// with the webhook's secret, https://developer.clickup.com/docs/webhooksignature, computed here with node:crypto as
// ClickUp's Node.js example does), with that example's secret and body, and a taskStatusUpdated call carrying its
// history item.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { clickUpTrigger, clickUpWebhookSecret } from './clickup-trigger.js';

const SECRET = 'secret';
const HOOK = 'https://hooks.example.com/webhook/clickup/tasks';
/** The body of ClickUp's signature example, as sent: JSON without white space. */
const EXAMPLE = '{"webhook_id":"7689a169-a000-4985-8676-6902b96d6627","event":"taskCreated","task_id":"c0j"}';

const statusUpdated = {
  event: 'taskStatusUpdated',
  history_items: [
    {
      id: '2800787904623642350',
      type: 1,
      date: '1642736596000',
      field: 'status',
      parent_id: '162641285',
      before: { status: 'to do', color: '#f9d900', type: 'open' },
      after: { status: 'in progress', color: '#7C4DFF', type: 'custom' },
      user: { id: 183, username: 'John', email: 'john@example.com' },
    },
  ],
  task_id: '1vj38vv',
  webhook_id: '7fa3ec74-69a8-4530-a251-8a13730bd204',
};

function clickUpCall(body: string, options: { secret?: string; tamper?: boolean; unsigned?: boolean } = {}) {
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.unsigned
        ? {}
        : {
            'x-signature': createHmac('sha256', options.secret ?? SECRET)
              .update(body)
              .digest('hex'),
          }),
    },
    body: options.tamper ? body.replace('"c0j"', '"c0k"') : body,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [clickUpTrigger],
  credentialTypes: [clickUpWebhookSecret],
  credentials: [{ id: 'hook', type: 'clickUpWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'clickup-tasks',
    nodes: [
      {
        id: 'cu',
        name: 'Task changes',
        type: clickUpTrigger.type,
        parameters: { path: 'clickup/tasks', events: ['taskCreated', 'taskStatusUpdated'] },
        credentials: { clickUpWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('ClickUp trigger', () => {
  it("runs for ClickUp's signed example call, and puts out its body", async () => {
    const { run } = await bed.runOnce(clickUpCall(EXAMPLE));
    expect(run.nodes['cu']![0]!.output['main']!.map((i) => i.json)).toEqual([
      { webhook_id: '7689a169-a000-4985-8676-6902b96d6627', event: 'taskCreated', task_id: 'c0j' },
    ]);
  });

  it('runs for a signed taskStatusUpdated call, keeping what changed in history_items', async () => {
    const { run } = await bed.runOnce(clickUpCall(JSON.stringify(statusUpdated)));
    expect(run.nodes['cu']![0]!.output['main']![0]!.json).toEqual(statusUpdated);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', () => [
    { call: clickUpCall(EXAMPLE, { tamper: true }), message: 'The call was refused: its ClickUp signature does not match' },
    { call: clickUpCall(EXAMPLE, { secret: 'not-the-secret' }) },
    { call: clickUpCall(EXAMPLE, { unsigned: true }), message: 'The call was refused: it has no ClickUp signature' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    clickUpCall(EXAMPLE.replace('taskCreated', 'taskDeleted')),
  );
});
