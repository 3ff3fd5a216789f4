// The Slack trigger, checked against Slack's published signing algorithm (computed here with node:crypto),
// and a whole workflow: a signed Events API call, Edit Fields, then a reply in the thread through the Slack node.
import { createHmac } from 'node:crypto';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';

import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { editFields } from '../../testing/workflows.js';
import { slack, slackBotToken } from './slack.js';
import { slackSigningSecret, slackTrigger } from './slack-trigger.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });

/** A call as Slack signs it: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, per Slack's documentation. */
function slackCall(body: unknown, options: { secret?: string; timestamp?: number; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(clock.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SECRET)
    .update(`v0:${timestamp}:${text}`)
    .digest('hex')}`;
  return new Request('https://hooks.example.com/webhook/slack/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
    body: options.tamper ? text.replace('hello', 'HELLO') : text,
  });
}

const event = (type: string, extra: Record<string, unknown> = {}) => ({
  type: 'event_callback',
  team_id: 'T1',
  event_id: 'Ev1',
  event_time: 1780315200,
  event: { type, channel: 'C1', user: 'U1', text: 'hello bot', ts: '1780315200.000200', ...extra },
});

const bed = webhookTestbed({
  answers: (request) => {
    const body = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    return {
      body: { ok: true, channel: body['channel'], ts: '1780315201.000300', message: { text: body['text'], thread_ts: body['thread_ts'] } },
    };
  },
  hosts: ['slack.com'],
  nodeTypes: [slack.node, slackTrigger],
  credentialTypes: [slackBotToken, slackSigningSecret],
  credentials: [
    { id: 'bot', type: 'slackApi', data: { token: 'xoxb-bot' } },
    { id: 'signing', type: 'slackSigningSecret', data: { signingSecret: SECRET } },
  ],
  clock,
  workflow: buildWorkflow({
    id: 'slack-echo',
    nodes: [
      {
        id: 'trigger',
        name: 'On mention',
        type: slackTrigger.type,
        parameters: { path: 'slack/events', events: ['app_mention'] },
        credentials: { slackSigningSecret: 'signing' },
      },
      editFields({ id: 'fields', name: 'Reply text' }, { reply: 'You said: {{ $json.text }}' }),
      {
        id: 'reply',
        name: 'Reply in thread',
        type: slack.node.type,
        parameters: {
          resource: 'message',
          operation: 'send',
          channel: '{{ $node("On mention").json.channel }}',
          text: '{{ $json.reply }}',
          threadTs: '{{ $node("On mention").json.ts }}',
        },
        credentials: { slackApi: 'bot' },
      },
    ],
    connections: [
      ['trigger', 'fields'],
      ['fields', 'reply'],
    ],
  }),
});

describe('Slack trigger', () => {
  it('answers the URL check with the challenge, after checking its signature', async () => {
    const { responses, runs } = await bed.deliver(slackCall({ type: 'url_verification', challenge: 'c-123', token: 'x' }));
    expect(responses[0]!.status).toBe(200);
    expect(await responses[0]!.json()).toEqual({ challenge: 'c-123' });
    expect(runs).toEqual([]);
  });

  it('runs the workflow for a signed mention and replies in its thread through the Slack node', async () => {
    const { run } = await bed.runOnce(slackCall(event('app_mention')));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      type: 'app_mention',
      text: 'hello bot',
      team_id: 'T1',
    });
    expect(await bed.take()).toEqual([
      {
        method: 'POST',
        path: '/api/chat.postMessage',
        query: {},
        auth: 'Bearer xoxb-bot',
        contentType: 'application/x-www-form-urlencoded',
        body: { channel: 'C1', text: 'You said: hello bot', thread_ts: '1780315200.000200' },
      },
    ]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and a stale timestamp with 401, starting nothing', () => [
    {
      call: slackCall(event('app_mention'), { tamper: true }),
      error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'The call was refused: its Slack signature does not match' },
    },
    { call: slackCall(event('app_mention'), { secret: 'not-the-secret' }) },
    {
      call: slackCall(event('app_mention'), { timestamp: Math.floor(clock.now() / 1000) - 6 * 60 }),
      message: 'The call was refused: its timestamp is outside the 5 minute window',
    },
    {
      call: new Request('https://hooks.example.com/webhook/slack/events', { method: 'POST', body: JSON.stringify(event('app_mention')) }),
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () => slackCall(event('reaction_added')));

  it('refuses to activate without a signing secret to check calls with', async () => {
    await expect(
      bed.engine.activate(
        buildWorkflow({ id: 'open', nodes: [{ id: 't', name: 'Open door', type: slackTrigger.type, parameters: { path: 'open' } }] }),
      ),
    ).rejects.toThrow("Node 'Open door': choose a credential (slackSigningSecret) to check that calls come from Slack Trigger.");
  });
});
