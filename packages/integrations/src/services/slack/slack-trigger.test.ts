// The Slack trigger, checked against Slack's published signing algorithm (computed here with node:crypto),
// and a whole workflow: a signed Events API call, Edit Fields, then a reply in the thread through the Slack node.
import { createHmac } from 'node:crypto';
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceEngine, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { slack, slackBotToken } from './slack.js';
import { slackSigningSecret, slackTrigger } from './slack-trigger.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
let server: VendorServer;
let engine: Engine;
const finished: Execution[] = [];

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

beforeAll(async () => {
  server = await startVendorServer((request) => {
    const body = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    return {
      body: { ok: true, channel: body['channel'], ts: '1780315201.000300', message: { text: body['text'], thread_ts: body['thread_ts'] } },
    };
  });
  engine = await serviceEngine({
    nodeTypes: [slack.node, slackTrigger],
    credentialTypes: [slackBotToken, slackSigningSecret],
    routes: { 'slack.com': server.url },
    clock,
    credentials: [
      { id: 'bot', type: 'slackApi', data: { token: 'xoxb-bot' } },
      { id: 'signing', type: 'slackSigningSecret', data: { signingSecret: SECRET } },
    ],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(
    buildWorkflow({
      id: 'slack-echo',
      nodes: [
        {
          id: 'trigger',
          name: 'On mention',
          type: slackTrigger.type,
          parameters: { path: 'slack/events', events: ['app_mention'] },
          credentials: { slackSigningSecret: 'signing' },
        },
        {
          id: 'fields',
          name: 'Reply text',
          type: 'core.set',
          parameters: { fields: [{ name: 'reply', type: 'string', value: 'You said: {{ $json.text }}' }] },
        },
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
  );
});

afterAll(async () => {
  await server.close();
});

describe('Slack trigger', () => {
  it('answers the URL check with the challenge, after checking its signature', async () => {
    const response = await engine.handleWebhook(slackCall({ type: 'url_verification', challenge: 'c-123', token: 'x' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('runs the workflow for a signed mention and replies in its thread through the Slack node', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(slackCall(event('app_mention')));
    expect(response.status).toBe(200);
    await engine.idle();
    const run = finished.slice(before);
    expect(run.map((e) => e.status)).toEqual(['success']);
    expect(run[0]!.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ type: 'app_mention', text: 'hello bot', team_id: 'T1' });
    expect(await server.take()).toEqual([
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

  it('refuses a tampered body, a wrong secret and a stale timestamp with 401, starting nothing', async () => {
    const before = finished.length;
    const tampered = await engine.handleWebhook(slackCall(event('app_mention'), { tamper: true }));
    const wrongSecret = await engine.handleWebhook(slackCall(event('app_mention'), { secret: 'not-the-secret' }));
    const stale = await engine.handleWebhook(slackCall(event('app_mention'), { timestamp: Math.floor(clock.now() / 1000) - 6 * 60 }));
    const unsigned = await engine.handleWebhook(
      new Request('https://hooks.example.com/webhook/slack/events', { method: 'POST', body: JSON.stringify(event('app_mention')) }),
    );
    expect([tampered.status, wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    expect(((await tampered.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      message: 'The call was refused: its Slack signature does not match',
    });
    expect(((await stale.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its timestamp is outside the 5 minute window',
    );
    await engine.idle();
    expect(finished.length).toBe(before);
    expect(await server.take()).toEqual([]);
  });

  it('starts nothing for an event the node does not listen to', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(slackCall(event('reaction_added')));
    expect(response.status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });

  it('refuses to activate without a signing secret to check calls with', async () => {
    await expect(
      engine.activate(
        buildWorkflow({ id: 'open', nodes: [{ id: 't', name: 'Open door', type: slackTrigger.type, parameters: { path: 'open' } }] }),
      ),
    ).rejects.toThrow("Node 'Open door': choose a credential (slackSigningSecret) to check that calls come from Slack Trigger.");
  });
});
