// The Postmark trigger, with calls shaped as Postmark's webhook docs show them (a JSON body naming its RecordType);
// Postmark signs nothing, so the HTTP Basic user name and password its webhook URL carries are what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { postmarkTrigger, postmarkWebhookAuth } from './postmark-trigger.js';

const USER = 'postmark';
const PASSWORD = 'pm-hook-8d1f0c2b7e';
const HOOK = 'https://hooks.example.com/webhook/postmark/events';

/** A bounce as Postmark's bounce webhook documents it. */
const bounce = {
  RecordType: 'Bounce',
  MessageStream: 'outbound',
  ID: 4323372036854775807,
  Type: 'HardBounce',
  TypeCode: 1,
  Name: 'Hard bounce',
  Tag: 'Test',
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Metadata: { a_key: 'a_value' },
  ServerID: 23,
  Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
  Details: 'Test bounce details',
  Email: 'john@example.com',
  From: 'sender@example.com',
  BouncedAt: '2019-11-05T16:33:54.9070259Z',
  DumpAvailable: true,
  Inactive: true,
  CanActivate: true,
  Subject: 'Test subject',
};
/** An open, as Postmark's open tracking webhook documents it. */
const open = {
  RecordType: 'Open',
  MessageStream: 'outbound',
  FirstOpen: true,
  Recipient: 'john@example.com',
  MessageID: '00000000-0000-0000-0000-000000000000',
  ReceivedAt: '2019-11-05T16:33:54.9070259Z',
  Platform: 'WebMail',
  ReadSeconds: 5,
  Tag: 'welcome-email',
};
const delivery = { RecordType: 'Delivery', MessageStream: 'outbound', MessageID: '883953f4', Recipient: 'john@example.com' };

/** A call as Postmark makes it to `https://<user>:<password>@...`: the pair as HTTP Basic. */
const post = (body: unknown, auth: string | null = `${USER}:${PASSWORD}`) =>
  new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth === null ? {} : { authorization: `Basic ${Buffer.from(auth).toString('base64')}` }),
    },
    body: JSON.stringify(body),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [postmarkTrigger],
  credentialTypes: [postmarkWebhookAuth],
  credentials: [{ id: 'hook', type: 'postmarkWebhookAuth', data: { user: USER, password: PASSWORD } }],
  workflow: buildWorkflow({
    id: 'bounces',
    nodes: [
      {
        id: 'pm',
        name: 'Bounces and opens',
        type: postmarkTrigger.type,
        parameters: { path: 'postmark/events', events: ['bounce', 'open'] },
        credentials: { postmarkWebhookAuth: 'hook' },
      },
    ],
  }),
});

describe('Postmark trigger', () => {
  it('runs for a bounce sent with the webhook URL\u2019s user and password, and puts out the bounce', async () => {
    const { run } = await bed.runOnce(post(bounce));
    expect(run.nodes['pm']![0]!.output['main']!.map((i) => i.json)).toEqual([bounce]);
    // The engine keeps the password out of the run it records (the call's Authorization header).
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
    expect(JSON.stringify(run)).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
  });

  it('runs for an open, the other event chosen', async () => {
    const { run } = await bed.runOnce(post(open));
    expect(run.nodes['pm']![0]!.output['main']![0]!.json).toMatchObject({
      RecordType: 'Open',
      FirstOpen: true,
      Recipient: 'john@example.com',
    });
  });

  itRefusesCalls(bed, 'refuses a wrong password, a wrong user and a call without credentials with 401, starting nothing', () => [
    { call: post(bounce, `${USER}:not-the-password`), message: 'The call was refused: its HTTP Basic credentials do not match' },
    { call: post(bounce, `someone:${PASSWORD}`) },
    { call: post(bounce, null), message: 'The call was refused: it has no HTTP Basic credentials' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a delivery, an event the node does not listen to', () => post(delivery));
});
