// The Taiga trigger, checked against Taiga's documented webhooks: X-TAIGA-WEBHOOK-SIGNATURE is the hex HMAC-SHA1 of
// the raw body keyed with the webhook's secret key (computed here with node:crypto), the payload names the action and
// the object's type, and the Test button sends an action "test".
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { taigaTrigger, taigaWebhookKey } from './taiga-trigger.js';

const KEY = 'taiga-key-3c9d1f';

const issueCreated = {
  action: 'create',
  type: 'issue',
  by: { id: 6, username: 'ada', full_name: 'Ada Lovelace' },
  date: '2026-03-26T21:35:57.513Z',
  data: { id: 1483, ref: 42, subject: 'Login fails on Safari', project: { id: 385605, name: 'Website' }, status: { name: 'New' } },
};

/** A call as Taiga makes it; `signature: null` sends none. */
function call(body: unknown, options: { key?: string; signature?: string | null; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? createHmac('sha1', options.key ?? KEY)
          .update(text)
          .digest('hex')
      : options.signature;
  return new Request('https://hooks.example.com/webhook/taiga/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-taiga-webhook-signature': signature }) },
    body: options.tamper ? text.replace('Safari', 'Chrome') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [taigaTrigger],
  credentialTypes: [taigaWebhookKey],
  credentials: [{ id: 'hook', type: 'taigaWebhookKey', data: { key: KEY } }],
  workflow: buildWorkflow({
    id: 'taiga-issues',
    nodes: [
      {
        id: 'trigger',
        type: taigaTrigger.type,
        parameters: { path: 'taiga/events', events: ['create.issue', 'change.issue'] },
        credentials: { taigaWebhookKey: 'hook' },
      },
    ],
  }),
});

describe('Taiga trigger', () => {
  it('runs for a signed issue creation, with the payload as the item', async () => {
    const { run } = await bed.runOnce(call(issueCreated));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([issueCreated]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong key and an unsigned call with 401, starting nothing', () => [
    { call: call(issueCreated, { tamper: true }), message: 'The call was refused: its Taiga signature does not match' },
    { call: call(issueCreated, { key: 'not-it' }) },
    { call: call(issueCreated, { signature: null }), message: 'The call was refused: it has no X-Taiga-Webhook-Signature header' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () => call({ ...issueCreated, action: 'delete' }));

  itStartsNothingFor(bed, "answers the Test button's signed call without a run", () =>
    call({ action: 'test', type: 'test', by: issueCreated.by, date: issueCreated.date, data: { test: 'test' } }),
  );
});
