// The Bitbucket trigger, checked against Bitbucket's documented webhook calls: the event in X-Event-Key, and
// X-Hub-Signature: "sha256=" and the hex HMAC-SHA256 of the raw body with the webhook's secret (computed here with
// node:crypto), on a repo:push payload abridged from Bitbucket's event payloads page.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { bitbucketTrigger, bitbucketWebhookSecret } from './bitbucket-trigger.js';

const SECRET = 'bb-hook-5f0c2e81';

const push = {
  actor: { display_name: 'Ada Lovelace', type: 'user' },
  repository: { full_name: 'team/test', name: 'test', type: 'repository' },
  push: {
    changes: [
      {
        new: { type: 'branch', name: 'main', target: { hash: '709d658dc5b6d6afcd46049c2f332ee3f515a67d' } },
        old: { type: 'branch', name: 'main', target: { hash: '1e65c05c1d5171631d92438a13901ca7dae9618c' } },
        created: false,
        forced: false,
        closed: false,
      },
    ],
  },
};

/** A call as Bitbucket makes it; `signature: null` sends none. */
function call(event: string, body: unknown, options: { secret?: string; signature?: string | null; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', options.secret ?? SECRET)
          .update(text)
          .digest('hex')}`
      : options.signature;
  return new Request('https://hooks.example.com/webhook/bitbucket/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Bitbucket-Webhooks/2.0',
      'x-event-key': event,
      'x-hook-uuid': '{5b4f2b5e-3c86-4c3a-9f0a-1d2a6b0ce7a1}',
      'x-request-uuid': '6c1e8a33-5f1a-4c8f-9a1e-2f2d4a1b7c90',
      'x-attempt-number': '1',
      ...(signature === null ? {} : { 'x-hub-signature': signature }),
    },
    body: options.tamper ? text.replace('"main"', '"evil"') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [bitbucketTrigger],
  credentialTypes: [bitbucketWebhookSecret],
  credentials: [{ id: 'hook', type: 'bitbucketWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'bitbucket-pushes',
    nodes: [
      {
        id: 'trigger',
        type: bitbucketTrigger.type,
        parameters: { path: 'bitbucket/events', events: ['repo:push'] },
        credentials: { bitbucketWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Bitbucket trigger', () => {
  it('runs for a signed push, with the payload as the item', async () => {
    const { run } = await bed.runOnce(call('repo:push', push));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([push]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', () => [
    { call: call('repo:push', push, { tamper: true }), message: 'The call was refused: its Bitbucket signature does not match' },
    { call: call('repo:push', push, { secret: 'not-it' }) },
    { call: call('repo:push', push, { signature: null }), message: 'The call was refused: it has no X-Hub-Signature header' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    call('pullrequest:created', { pullrequest: { id: 1, title: 'Fix' } }),
  );

  itStartsNothingFor(bed, "answers the webhook's signed test call without a run", () => call('diagnostics:ping', { test: true }));
});
