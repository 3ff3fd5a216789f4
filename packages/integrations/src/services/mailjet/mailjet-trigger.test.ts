// The Mailjet trigger, with calls shaped as Mailjet's Event API documents them (one event as a JSON object, or a
// callback URL's grouped events as an array); Mailjet signs nothing, so the HTTP Basic user name and password its
// callback URL carries are what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { mailjetTrigger, mailjetWebhookAuth } from './mailjet-trigger.js';

const USER = 'mailjet';
const PASSWORD = 'mj-hook-5c0e9a1d3f';
const HOOK = 'https://hooks.example.com/webhook/mailjet/sent';

/** A sent event as Mailjet's Event API documents it. */
const sent = (email: string) => ({
  event: 'sent',
  time: 1433333949,
  MessageID: 19421777835146490,
  Message_GUID: '1ab23cd4-e567-8901-2345-6789f0gh1i2j',
  email,
  mj_campaign_id: 7257,
  mj_contact_id: 4,
  customcampaign: '',
  mj_message_id: '19421777835146490',
  smtp_reply: 'sent (250 2.0.0 OK 1433333948 fa5si855896wjc.199 - gsmtp)',
  CustomID: 'helloworld',
  Payload: '',
});
const opened = { event: 'open', time: 1433103519, MessageID: 19421777396190490, email: 'api@mailjet.com', ip: '127.0.0.1', geo: 'US' };

/** A call as Mailjet makes it to `https://<user>:<password>@...`: the pair as HTTP Basic. */
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
  nodeTypes: [mailjetTrigger],
  credentialTypes: [mailjetWebhookAuth],
  credentials: [{ id: 'hook', type: 'mailjetWebhookAuth', data: { user: USER, password: PASSWORD } }],
  workflow: buildWorkflow({
    id: 'sent-mail',
    nodes: [
      {
        id: 'mj',
        name: 'Mail sent',
        type: mailjetTrigger.type,
        parameters: { path: 'mailjet/sent', events: ['sent'] },
        credentials: { mailjetWebhookAuth: 'hook' },
      },
    ],
  }),
});

describe('Mailjet trigger', () => {
  it('runs for a sent event with the callback URL\u2019s user and password, and puts out the event', async () => {
    const { run } = await bed.runOnce(post(sent('api@mailjet.com')));
    expect(run.nodes['mj']![0]!.output['main']!.map((i) => i.json)).toEqual([sent('api@mailjet.com')]);
    // The engine keeps the password out of the run it records (the call's Authorization header).
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
    expect(JSON.stringify(run)).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
  });

  it('puts out each event of a grouped call as an item', async () => {
    const { run } = await bed.runOnce(post([sent('ada@example.com'), sent('grace@example.com')]));
    expect(run.nodes['mj']![0]!.output['main']!.map((i) => i.json['email'])).toEqual(['ada@example.com', 'grace@example.com']);
  });

  itRefusesCalls(bed, 'refuses a wrong password and a call without credentials with 401, starting nothing', () => [
    {
      call: post(sent('api@mailjet.com'), `${USER}:guessed-password`),
      message: 'The call was refused: its HTTP Basic credentials do not match',
    },
    { call: post(sent('api@mailjet.com'), null), message: 'The call was refused: it has no HTTP Basic credentials' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an open, an event the node does not listen to', () => post(opened));
});
