// The Trello trigger, checked against Trello's documented webhook signing: X-Trello-Webhook is the base64 HMAC-SHA1,
// keyed with the app's secret, of the body followed by the webhook's callbackURL (computed here with node:crypto as
// Trello's guide does), the HEAD request that checks the URL, and a card comment as Trello's guide shows the payload.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { trelloTrigger, trelloWebhookSecret } from './trello-trigger.js';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** The URL the webhook was created with; calls reach the engine through a proxy at another address. */
const CALLBACK = 'https://flows.example.com/webhook/trello/events';
const REACHED = 'https://hooks.example.com/webhook/trello/events';

const payload = (type: string) => ({
  model: { id: '4d5ea62fd76aa1136000000c', name: 'Café roadmap' },
  action: {
    id: '5f3c9f9c2b3a1d4e8a7b6c5d',
    idMemberCreator: '4ee7deffe582acdec80000ac',
    type,
    date: '2026-03-26T21:35:57.000Z',
    data: {
      text: 'Looks good to me',
      card: { id: '5f3c9f9c2b3a1d4e8a7b6c00', name: 'Ship it' },
      board: { id: '4d5ea62fd76aa1136000000c' },
    },
    memberCreator: { username: 'ada' },
  },
  webhook: { id: '5f3c9f9c2b3a1d4e8a7b6caa', idModel: '4d5ea62fd76aa1136000000c', callbackURL: CALLBACK, active: true },
});

/** A call as Trello makes it, signed over the body and `signedUrl`; `signature: null` sends none. */
function call(body: unknown, options: { signedUrl?: string; secret?: string; signature?: string | null; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? createHmac('sha1', options.secret ?? SECRET)
          .update(text + (options.signedUrl ?? CALLBACK))
          .digest('base64')
      : options.signature;
  return new Request(REACHED, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-trello-webhook': signature }) },
    body: options.tamper ? text.replace('Looks good', 'Looks bad') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [trelloTrigger],
  credentialTypes: [trelloWebhookSecret],
  credentials: [{ id: 'app', type: 'trelloWebhookSecret', data: { secret: SECRET, callbackUrl: CALLBACK } }],
  workflow: buildWorkflow({
    id: 'trello-comments',
    nodes: [
      {
        id: 'trigger',
        type: trelloTrigger.type,
        parameters: { path: 'trello/events', events: ['commentCard', 'otherAction'] },
        credentials: { trelloWebhookSecret: 'app' },
      },
    ],
  }),
});

describe('Trello trigger', () => {
  it('runs for a signed card comment, with the payload as the item', async () => {
    const { run } = await bed.runOnce(call(payload('commentCard')));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([payload('commentCard')]);
  });

  it('runs for an action type the node does not name when it listens to any other action', async () => {
    const { run } = await bed.runOnce(call(payload('enablePlugin')));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ action: { type: 'enablePlugin' } });
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret, a signature over another URL and an unsigned call with 401', () => [
    { call: call(payload('commentCard'), { tamper: true }), message: 'The call was refused: its Trello signature does not match' },
    { call: call(payload('commentCard'), { secret: 'not-it' }) },
    { call: call(payload('commentCard'), { signedUrl: REACHED }) },
    { call: call(payload('commentCard'), { signature: null }), message: 'The call was refused: it has no X-Trello-Webhook header' },
  ]);

  itStartsNothingFor(
    bed,
    'answers the HEAD request Trello checks the URL with, without a run',
    () => new Request(REACHED, { method: 'HEAD' }),
  );

  itStartsNothingFor(bed, 'starts nothing for an action type the node does not listen to', () => call(payload('createCard')));
});
