// Slack, checked against Slack's own SDK (@slack/web-api): both make the same call to one recording server.
import { WebClient } from '@slack/web-api';
import type { Item } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';

import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import type { Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { editFields } from '../../testing/workflows.js';
import { slack } from './slack.js';

const TOKEN = 'xoxb-1111-good';
const channels = (ids: string[]) => ids.map((id) => ({ id, name: `chan-${id}`, is_channel: true }));
const pages: Record<string, { channels: ReturnType<typeof channels>; next: string }> = {
  '': { channels: channels(['C1', 'C2']), next: 'page2' },
  page2: { channels: channels(['C3', 'C4']), next: 'page3' },
  page3: { channels: channels(['C5']), next: '' },
};

/** Answers shaped like Slack's documented ones; `overrides` answer first when they match. */
const overrides: ((path: string, body: Record<string, string>, sdk: boolean) => Answer | undefined)[] = [];

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const body = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
  const fromSdk = String(request.headers['user-agent'] ?? '').includes('web-api');
  for (const override of overrides) {
    const answer = override(url.pathname, body, fromSdk);
    if (answer) return answer;
  }
  switch (url.pathname) {
    case '/api/auth.test':
      return {
        body:
          request.headers.authorization === `Bearer ${TOKEN}` ? { ok: true, team: 'T', user: 'bot' } : { ok: false, error: 'invalid_auth' },
      };
    case '/api/chat.postMessage':
      return { body: { ok: true, channel: body['channel'], ts: '1712345678.000100', message: { text: body['text'], type: 'message' } } };
    case '/api/chat.update':
      return { body: { ok: true, channel: body['channel'], ts: body['ts'], text: body['text'] } };
    case '/api/chat.delete':
      return { body: { ok: true, channel: body['channel'], ts: body['ts'] } };
    case '/api/conversations.list': {
      const page = pages[body['cursor'] ?? '']!;
      return { body: { ok: true, channels: page.channels, response_metadata: { next_cursor: page.next } } };
    }
    case '/api/users.info':
      return { body: { ok: true, user: { id: body['user'], name: 'ada', real_name: 'Ada Lovelace' } } };
    case '/api/reactions.add':
      return { body: { ok: true } };
    case '/api/files.getUploadURLExternal':
      // The SDK gets the server's own URL; the node gets Slack's host, which the test's relay sends here.
      return {
        body: { ok: true, upload_url: fromSdk ? `${bed.server.url}/upload/v1/F1` : 'https://files.slack.com/upload/v1/F1', file_id: 'F1' },
      };
    case '/upload/v1/F1':
      return { body: 'OK - 11' };
    case '/api/files.completeUploadExternal':
      return { body: { ok: true, files: JSON.parse(body['files']!) as unknown[] } };
  }
  return undefined;
}

const bed = serviceTestbed(slack, {
  name: 'Slack',
  answers: vendor,
  hosts: ['slack.com', 'files.slack.com'],
  credentials: [
    { id: 'bot', type: 'slackApi', data: { token: TOKEN } },
    { id: 'revoked', type: 'slackApi', data: { token: 'xoxb-revoked' } },
  ],
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, parameters, { input });
/** Slack's SDK aimed at the recording server, with `token` (none for the OAuth exchange). */
const webClient = (token?: string) => new WebClient(token, { slackApiUrl: `${bed.server.url}/api/`, retryConfig: { retries: 0 } });
let sdk: WebClient;
beforeAll(() => {
  sdk = webClient(TOKEN);
});

describe('Slack, against @slack/web-api', () => {
  it('sends a message with blocks in a thread as the SDK does, and makes an item of the answer', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hi*' } }];
    await sdk.chat.postMessage({ channel: 'C1', text: 'Hi', blocks, thread_ts: '1.1' });
    const expected = await take();
    const { items, requests } = await node('message', 'send', { channel: 'C1', text: 'Hi', blocks, threadTs: '1.1' });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/chat.postMessage',
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(items).toEqual([
      { json: { ok: true, channel: 'C1', ts: '1712345678.000100', message: { text: 'Hi', type: 'message' } }, pairedItem: { item: 0 } },
    ]);
  });

  it('sends a message with legacy attachments as the SDK does', async () => {
    const attachments = [{ color: '#66FF00', fields: [{ title: 'Price', value: '12', short: true }], footer: 'Added today' }];
    await sdk.chat.postMessage({ channel: 'C1', text: 'New product', attachments });
    const expected = await take();
    const { requests } = await node('message', 'send', { channel: 'C1', text: 'New product', attachments });
    expect(requests).toEqual(expected);
  });

  it('updates and deletes a message as the SDK does', async () => {
    await sdk.chat.update({ channel: 'C1', ts: '1.2', text: 'Edited' });
    await sdk.chat.delete({ channel: 'C1', ts: '1.2' });
    const expected = await take();
    const updated = await node('message', 'update', { channel: 'C1', ts: '1.2', text: 'Edited' });
    const deleted = await node('message', 'delete', { channel: 'C1', ts: '1.2' });
    expect([...updated.requests, ...deleted.requests]).toEqual(expected);
    expect(deleted.items[0]!.json).toEqual({ ok: true, channel: 'C1', ts: '1.2' });
  });

  it('gets user info and adds a reaction as the SDK does', async () => {
    await sdk.users.info({ user: 'U1' });
    await sdk.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'tada' });
    const expected = await take();
    const user = await node('user', 'get', { user: 'U1' });
    const reaction = await node('reaction', 'add', { channel: 'C1', ts: '1.2', name: 'tada' });
    expect([...user.requests, ...reaction.requests]).toEqual(expected);
    expect(user.items[0]!.json).toEqual({ id: 'U1', name: 'ada', real_name: 'Ada Lovelace' });
  });

  it('lists channels over three pages with the same cursors as the SDK, and returns every channel', async () => {
    for await (const page of sdk.paginate('conversations.list', { types: 'public_channel', exclude_archived: true, limit: 200 })) void page;
    const expected = await take();
    const { items, requests } = await node('channel', 'list', { types: ['public_channel'], returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('channel', 'list', { limit: 3 });
    expect(items.map((i) => i.json['id'])).toEqual(['C1', 'C2', 'C3']);
    expect(requests).toHaveLength(2);
  });

  it('uploads a file in the same three steps as the SDK, and shares it in a thread', async () => {
    await sdk.filesUploadV2({
      file: Buffer.from('hello slack'),
      filename: 'hello.txt',
      channel_id: 'C1',
      initial_comment: 'Here',
      thread_ts: '1.1',
    });
    const expected = await take();
    const file = { data: Buffer.from('hello slack').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' };
    const { items, requests } = await node('file', 'upload', { channelId: 'C1', initialComment: 'Here', threadTs: '1.1' }, [
      { json: {}, binary: { data: file } },
    ]);
    expect(expected.map((r) => r.path)).toEqual(['/api/files.getUploadURLExternal', '/upload/v1/F1', '/api/files.completeUploadExternal']);
    // The upload URL's file part is named by each client on its own; the bytes and the field must agree.
    const fileField = (r: (typeof requests)[number]) => ({
      ...r,
      body: { body: { file: (r.body as { body: { file: string } }).body.file } },
    });
    expect([requests[0], fileField(requests[1]!), requests[2]]).toEqual([expected[0], fileField(expected[1]!), expected[2]]);
    expect(items).toEqual([{ json: { id: 'F1', title: 'hello.txt' }, pairedItem: { item: 0 } }]);
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'later' },
    limits: (request, path) => path === '/api/chat.postMessage',
    answer: { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } },
    waitMs: 30_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.path)).toEqual(['/api/chat.postMessage']);
      expect(retried.map((r) => r.path)).toEqual(['/api/chat.postMessage']);
    },
  });

  it("turns Slack's ok: false into a node error naming the service, the vendor code and the parameter, as the SDK reports it", async () => {
    overrides.push((path) => (path === '/api/chat.postMessage' ? { body: { ok: false, error: 'channel_not_found' } } : undefined));
    const sdkError = await sdk.chat.postMessage({ channel: 'C404', text: 'x' }).catch((e: { data: { error: string } }) => e.data.error);
    const { execution } = await node('message', 'send', { channel: 'C404', text: 'x' });
    overrides.pop();
    expect(sdkError).toBe('channel_not_found');
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Slack': Slack message.send failed: HTTP 200 channel_not_found: channel not found (parameter 'channel')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'slack', vendorCode: 'channel_not_found', parameter: 'channel' });
  });

  itTestsCredential(
    bed,
    'tests a credential with auth.test: a good token passes, a revoked one fails as the SDK sees it',
    [
      { id: 'bot', calls: [{ auth: `Bearer ${TOKEN}` }] },
      {
        id: 'revoked',
        sdk: async () =>
          expect(
            await webClient('xoxb-revoked')
              .auth.test()
              .catch((e: { data: { error: string } }) => e.data.error),
          ).toBe('invalid_auth'),
        outcome: { ok: false, message: 'The test request was refused: Slack says invalid_auth.' },
        calls: [{ auth: 'Bearer xoxb-revoked' }],
      },
    ],
    withoutBodilessContentType,
  );
});

describe('Slack in a workflow', () => {
  it('posts each incoming order to a thread: Webhook \u2192 Edit Fields \u2192 Slack, in engine.run and the CLI, as the SDK does', async () => {
    await take();
    const workflow = buildWorkflow({
      nodes: [
        { id: 'hook', name: 'Incoming order', type: 'core.webhook', parameters: { path: 'orders', httpMethod: 'POST' } },
        editFields(
          { id: 'shape', name: 'Shape message' },
          {
            text: 'Order {{ $json.body.order }}: {{ $json.body.customer }} paid {{ $formatNumber($json.body.total, "0.00") }} EUR',
            thread: '{{ $json.body.thread }}',
          },
          { only: true },
        ),
        {
          id: 'post',
          name: 'Post to #orders',
          type: slack.node.type,
          parameters: { resource: 'message', operation: 'send', channel: 'C1', text: '{{ $json.text }}', threadTs: '{{ $json.thread }}' },
          credentials: { slackApi: 'bot' },
        },
      ],
      connections: [
        ['hook', 'shape'],
        ['shape', 'post'],
      ],
    });
    const input = [
      { json: { headers: {}, params: {}, query: {}, body: { order: 'A-17', customer: 'Ada', total: 42, thread: '1712000000.000100' } } },
    ];
    await sdk.chat.postMessage({ channel: 'C1', text: 'Order A-17: Ada paid 42.00 EUR', thread_ts: '1712000000.000100' });
    const expected = await take();

    const { execution, requests, cli } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      input,
      mode: 'webhook',
      compare: 'post',
    });
    expect(requests).toEqual(expected);
    expect(cli.execution.mode).toBe('webhook');
    const posted = execution.nodes['post']![0]!.output['main']!;
    expect(posted.map((i) => i.json)).toEqual([
      { ok: true, channel: 'C1', ts: '1712345678.000100', message: { text: 'Order A-17: Ada paid 42.00 EUR', type: 'message' } },
    ]);
  });
});

describe('Slack node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Notify',
    parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'x' },
    message: "Node 'Notify': Slack message.send needs a credential: choose a Slack bot token or Slack OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong type or left out', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'channel', operation: 'list', limit: 'many' },
        throws: "node 'Notify' (Slack): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'channel', operation: 'list', limit: '{{ "many" }}' },
        fails: /^Node 'Notify' \(Slack\): parameter 'limit' expected a number, got "many" \(item 0\)/,
      },
      {
        parameters: { resource: 'message', operation: 'send', text: 'x' },
        fails: "Node 'Notify': Slack message.send: parameter 'channel' is required.",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Notify',
    unknown: { service: 'Slack', resources: ['message', 'file', 'channel', 'user', 'reaction', 'custom'], operation: ['message', 'send'] },
  });

  it('never sends a file to a host Slack does not own, even when an answer names one', async () => {
    overrides.push((path) =>
      path === '/api/files.getUploadURLExternal'
        ? { body: { ok: true, upload_url: 'https://uploads.example.net/steal', file_id: 'F9' } }
        : undefined,
    );
    const file = { data: Buffer.from('secret').toString('base64'), mimeType: 'text/plain', fileName: 's.txt' };
    const { execution, requests } = await node('file', 'upload', {}, [{ json: {}, binary: { data: file } }]);
    overrides.pop();
    expect(execution.error?.message).toContain('uploads.example.net');
    expect(execution.error?.code).toBe('CREDENTIAL_HOST_REFUSED');
    expect(requests.map((r) => r.path)).toEqual(['/api/files.getUploadURLExternal']);
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the base URL with the credential', {
    parameters: { method: 'POST', path: '/users.info', body: '{"user":"U7"}' },
    request: { method: 'POST', path: '/api/users.info', auth: `Bearer ${TOKEN}`, body: { user: 'U7' } },
    item: { statusCode: 200, body: { ok: true } },
  });
});

describe('Slack OAuth2', () => {
  it("connects through oauth.v2.access with the fields the SDK sends, then signs with the workspace's bot token", async () => {
    // Slack answers the exchange with the bot token at the top level and ok: true (oauth.v2.access).
    overrides.push((path, body) =>
      path === '/api/oauth.v2.access'
        ? {
            body: {
              ok: true,
              access_token: `xoxb-from-${body['code']}`,
              token_type: 'bot',
              scope: 'chat:write',
              bot_user_id: 'U0BOT',
              team: { id: 'T1' },
            },
          }
        : undefined,
    );
    await webClient().oauth.v2.access({
      client_id: 'cid',
      client_secret: 'csecret',
      code: 'code-1',
      redirect_uri: 'https://app.example.com/callback',
    });
    const [fromSdk] = await take();
    const connected = await bed.startEngine({
      credentials: [{ id: 'ws', type: 'slackOAuth2Api', data: { clientId: 'cid', clientSecret: 'csecret' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('ws', { redirectUri: 'https://app.example.com/callback' });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('scope')).toContain('chat:write');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    const [exchange] = await take();
    // The engine adds PKCE and the grant type; every field the SDK sends, it sends alike.
    expect(exchange).toMatchObject({ method: fromSdk!.method, path: fromSdk!.path, body: fromSdk!.body as Record<string, unknown> });
    expect(exchange!.body).toMatchObject({ grant_type: 'authorization_code' });
    const { execution, requests } = await bed.node(
      'message',
      'send',
      { channel: 'C1', text: 'connected' },
      { engine: connected, credentials: { slackOAuth2Api: 'ws' } },
    );
    overrides.pop();
    expect(execution.status).toBe('success');
    expect(requests.map((r) => r.auth)).toEqual(['Bearer xoxb-from-code-1']);
  });
});
