// Slack, checked against Slack's own SDK (@slack/web-api): both make the same call to one recording server.
import { WebClient } from '@slack/web-api';
import type { Engine } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  outputOf,
  runNode,
  runThroughCli,
  runThroughRateLimit,
  serviceEngine,
  startVendorServer,
  type VendorServer,
} from '../../testing/service-harness.js';
import { slack, slackBotToken, slackOAuth2 } from './slack.js';

const TOKEN = 'xoxb-1111-good';
const channels = (ids: string[]) => ids.map((id) => ({ id, name: `chan-${id}`, is_channel: true }));
const pages: Record<string, { channels: ReturnType<typeof channels>; next: string }> = {
  '': { channels: channels(['C1', 'C2']), next: 'page2' },
  page2: { channels: channels(['C3', 'C4']), next: 'page3' },
  page3: { channels: channels(['C5']), next: '' },
};

/** Answers shaped like Slack's documented ones; `overrides` answer first when they match. */
const overrides: ((
  path: string,
  body: Record<string, string>,
  sdk: boolean,
) => { status?: number; headers?: Record<string, string>; body?: unknown } | undefined)[] = [];
let server: VendorServer;
let engine: Engine;
let sdk: WebClient;

beforeAll(async () => {
  server = await startVendorServer((request) => {
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
            request.headers.authorization === `Bearer ${TOKEN}`
              ? { ok: true, team: 'T', user: 'bot' }
              : { ok: false, error: 'invalid_auth' },
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
          body: { ok: true, upload_url: fromSdk ? `${server.url}/upload/v1/F1` : 'https://files.slack.com/upload/v1/F1', file_id: 'F1' },
        };
      case '/upload/v1/F1':
        return { body: 'OK - 11' };
      case '/api/files.completeUploadExternal':
        return { body: { ok: true, files: JSON.parse(body['files']!) as unknown[] } };
    }
    return undefined;
  });
  engine = await serviceEngine({
    nodeTypes: [slack.node],
    credentialTypes: [slackBotToken, slackOAuth2],
    routes: { 'slack.com': server.url, 'files.slack.com': server.url },
    credentials: [
      { id: 'bot', type: 'slackApi', data: { token: TOKEN } },
      { id: 'revoked', type: 'slackApi', data: { token: 'xoxb-revoked' } },
    ],
  });
  sdk = new WebClient(TOKEN, { slackApiUrl: `${server.url}/api/`, retryConfig: { retries: 0 } });
});

afterAll(async () => {
  await server.close();
});

/** The node's call, for the operation and parameters given. */
async function node(
  resource: string,
  operation: string,
  parameters: Record<string, unknown>,
  input?: { json: Record<string, unknown>; binary?: Record<string, { data: string; mimeType: string; fileName?: string }> }[],
) {
  const execution = await runNode(
    engine,
    { type: slack.node.type, name: 'Slack', parameters: { resource, operation, ...parameters }, credentials: { slackApi: 'bot' } },
    input,
  );
  return { execution, items: outputOf(execution), requests: await server.take() };
}

describe('Slack, against @slack/web-api', () => {
  it('sends a message with blocks in a thread as the SDK does, and makes an item of the answer', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hi*' } }];
    await sdk.chat.postMessage({ channel: 'C1', text: 'Hi', blocks, thread_ts: '1.1' });
    const expected = await server.take();
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

  it('updates and deletes a message as the SDK does', async () => {
    await sdk.chat.update({ channel: 'C1', ts: '1.2', text: 'Edited' });
    await sdk.chat.delete({ channel: 'C1', ts: '1.2' });
    const expected = await server.take();
    const updated = await node('message', 'update', { channel: 'C1', ts: '1.2', text: 'Edited' });
    const deleted = await node('message', 'delete', { channel: 'C1', ts: '1.2' });
    expect([...updated.requests, ...deleted.requests]).toEqual(expected);
    expect(deleted.items[0]!.json).toEqual({ ok: true, channel: 'C1', ts: '1.2' });
  });

  it('gets user info and adds a reaction as the SDK does', async () => {
    await sdk.users.info({ user: 'U1' });
    await sdk.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'tada' });
    const expected = await server.take();
    const user = await node('user', 'get', { user: 'U1' });
    const reaction = await node('reaction', 'add', { channel: 'C1', ts: '1.2', name: 'tada' });
    expect([...user.requests, ...reaction.requests]).toEqual(expected);
    expect(user.items[0]!.json).toEqual({ id: 'U1', name: 'ada', real_name: 'Ada Lovelace' });
  });

  it('lists channels over three pages with the same cursors as the SDK, and returns every channel', async () => {
    for await (const page of sdk.paginate('conversations.list', { types: 'public_channel', exclude_archived: true, limit: 200 })) void page;
    const expected = await server.take();
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
    const expected = await server.take();
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

  it('waits as Retry-After says on a 429 and then succeeds, on the engine clock', async () => {
    const clock = createTestClock();
    const timed = await serviceEngine({
      nodeTypes: [slack.node],
      credentialTypes: [slackBotToken],
      routes: { 'slack.com': server.url },
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      clock,
    });
    let limited = 0;
    overrides.push((path) =>
      path === '/api/chat.postMessage' && limited++ === 0
        ? { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } }
        : undefined,
    );
    const {
      execution,
      limited: firstCalls,
      retried,
    } = await runThroughRateLimit(
      () =>
        runNode(timed, {
          type: slack.node.type,
          parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'later' },
          credentials: { slackApi: 'bot' },
        }),
      clock,
      server,
      30_000,
    );
    overrides.pop();
    expect(execution.status).toBe('success');
    expect(firstCalls.map((r) => r.path)).toEqual(['/api/chat.postMessage']);
    expect(retried.map((r) => r.path)).toEqual(['/api/chat.postMessage']);
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

  it('tests a credential with auth.test: a good token passes, a revoked one fails as the SDK sees it', async () => {
    const bad = new WebClient('xoxb-revoked', { slackApiUrl: `${server.url}/api/`, retryConfig: { retries: 0 } });
    const sdkError = await bad.auth.test().catch((e: { data: { error: string } }) => e.data.error);
    expect(sdkError).toBe('invalid_auth');
    expect(await engine.credentials.test('bot')).toMatchObject({ ok: true });
    expect(await engine.credentials.test('revoked')).toMatchObject({
      ok: false,
      message: 'The test request was refused: Slack says invalid_auth.',
    });
    expect((await server.take()).map((r) => r.auth)).toEqual(['Bearer xoxb-revoked', `Bearer ${TOKEN}`, 'Bearer xoxb-revoked']);
  });
});

describe('Slack in a workflow', () => {
  it('posts each incoming order to a thread: Webhook \u2192 Edit Fields \u2192 Slack, in engine.run and the CLI, as the SDK does', async () => {
    await server.take();
    const workflow = buildWorkflow({
      nodes: [
        { id: 'hook', name: 'Incoming order', type: 'core.webhook', parameters: { path: 'orders', httpMethod: 'POST' } },
        {
          id: 'shape',
          name: 'Shape message',
          type: 'core.set',
          parameters: {
            include: 'none',
            fields: [
              {
                name: 'text',
                value: 'Order {{ $json.body.order }}: {{ $json.body.customer }} paid {{ $formatNumber($json.body.total, "0.00") }} EUR',
              },
              { name: 'thread', value: '{{ $json.body.thread }}' },
            ],
          },
        },
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
    const expected = await server.take();

    const execution = await engine.run(workflow, { input, mode: 'webhook' });
    expect(execution.status).toBe('success');
    expect(await server.take()).toEqual(expected);
    const posted = execution.nodes['post']![0]!.output['main']!;
    expect(posted.map((i) => i.json)).toEqual([
      { ok: true, channel: 'C1', ts: '1712345678.000100', message: { text: 'Order A-17: Ada paid 42.00 EUR', type: 'message' } },
    ]);

    const cli = await runThroughCli(workflow, {
      routes: { 'slack.com': server.url },
      credentials: [{ id: 'bot', type: 'slackApi', data: { token: TOKEN } }],
      input,
      mode: 'webhook',
    });
    expect(cli.code).toBe(0);
    expect(cli.execution.mode).toBe('webhook');
    expect(cli.execution.nodes['post']![0]!.output['main']).toEqual(posted);
    expect(await server.take()).toEqual(expected);
  });
});

describe('Slack node: bad input', () => {
  it('names the service and the missing credential', async () => {
    await server.take();
    const execution = await runNode(engine, {
      type: slack.node.type,
      name: 'Notify',
      parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'x' },
    });
    expect(execution.error?.message).toBe(
      "Node 'Notify': Slack message.send needs a credential: choose a Slack bot token or Slack OAuth2 credential.",
    );
    expect(await server.take()).toEqual([]);
  });

  it('names the node, the service and the parameter of the wrong type or left out', async () => {
    const notify = (parameters: Record<string, unknown>) =>
      runNode(engine, { type: slack.node.type, name: 'Notify', parameters, credentials: { slackApi: 'bot' } });
    await expect(notify({ resource: 'channel', operation: 'list', limit: 'many' })).rejects.toThrow(
      "node 'Notify' (Slack): parameter 'limit' expected a number",
    );
    const computed = await notify({ resource: 'channel', operation: 'list', limit: '{{ "many" }}' });
    expect(computed.error?.message).toMatch(/^Node 'Notify' \(Slack\): parameter 'limit' expected a number, got "many" \(item 0\)/);
    const missing = await notify({ resource: 'message', operation: 'send', text: 'x' });
    expect(missing.error?.message).toBe("Node 'Notify': Slack message.send: parameter 'channel' is required.");
    expect(await server.take()).toEqual([]);
  });

  it('names an unknown resource or operation with the real ones', async () => {
    const notify = (parameters: Record<string, unknown>) =>
      runNode(engine, { type: slack.node.type, name: 'Notify', parameters, credentials: { slackApi: 'bot' } });
    await expect(notify({ resource: 'emoji', operation: 'send' })).rejects.toThrow(
      `node 'Notify' (Slack): parameter 'resource' expected one of "message", "file", "channel", "user", "reaction", "custom", got "emoji"`,
    );
    await expect(notify({ resource: 'message', operation: 'explode' })).rejects.toThrow(
      /node 'Notify' \(Slack\): parameter 'operation' expected one of "send", .*got "explode"/,
    );
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

  it('signs a custom API call on the base URL with the credential', async () => {
    const ok = await node('custom', 'apiCall', { method: 'POST', path: '/users.info', body: '{"user":"U7"}' });
    expect(ok.requests).toMatchObject([{ method: 'POST', path: '/api/users.info', auth: `Bearer ${TOKEN}`, body: { user: 'U7' } }]);
    expect(ok.items[0]!.json).toMatchObject({ statusCode: 200, body: { ok: true } });
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
    await new WebClient(undefined, { slackApiUrl: `${server.url}/api/`, retryConfig: { retries: 0 } }).oauth.v2.access({
      client_id: 'cid',
      client_secret: 'csecret',
      code: 'code-1',
      redirect_uri: 'https://app.example.com/callback',
    });
    const [fromSdk] = await server.take();
    const connected = await serviceEngine({
      nodeTypes: [slack.node],
      credentialTypes: [slackOAuth2],
      routes: { 'slack.com': server.url },
      credentials: [{ id: 'ws', type: 'slackOAuth2Api', data: { clientId: 'cid', clientSecret: 'csecret' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('ws', { redirectUri: 'https://app.example.com/callback' });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('scope')).toContain('chat:write');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    const [exchange] = await server.take();
    // The engine adds PKCE and the grant type; every field the SDK sends, it sends alike.
    expect(exchange).toMatchObject({ method: fromSdk!.method, path: fromSdk!.path, body: fromSdk!.body as Record<string, unknown> });
    expect(exchange!.body).toMatchObject({ grant_type: 'authorization_code' });
    const run = await runNode(connected, {
      type: slack.node.type,
      parameters: { resource: 'message', operation: 'send', channel: 'C1', text: 'connected' },
      credentials: { slackOAuth2Api: 'ws' },
    });
    overrides.pop();
    expect(run.status).toBe('success');
    expect((await server.take()).map((r) => r.auth)).toEqual(['Bearer xoxb-from-code-1']);
  });
});
