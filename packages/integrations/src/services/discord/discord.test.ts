// Discord, checked against Discord's own SDK (@discordjs/rest, with routes from discord-api-types): both make the same
// call to one recording server. The SDK is pointed there with its `api` option (it sends through undici's `request`).
import { makeURLSearchParams, REST, type DiscordAPIError } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { discord } from './discord.js';

const TOKEN = 'MTEx.good-bot-token';
const CHANNEL = '1100000000000000001';
const GUILD = '1100000000000000002';
const USER = '1100000000000000003';
const ROLE = '1100000000000000004';
const HOOK = { id: '1100000000000000005', token: 'hook-Token_42' };
const HOOK_URL = `https://discord.com/api/webhooks/${HOOK.id}/${HOOK.token}`;

/** The channel's 203 messages, newest first, with snowflake ids counting down. */
const history = Array.from({ length: 203 }, (_, i) => ({
  id: String(1200000000000000300n - BigInt(i)),
  channel_id: CHANNEL,
  type: 0,
  content: `message ${203 - i}`,
  author: { id: USER, username: 'ada' },
}));

const message = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: '1200000000000000999',
  channel_id: CHANNEL,
  type: body['message_reference'] ? 19 : 0,
  content: body['content'] ?? '',
  embeds: body['embeds'] ?? [],
  tts: body['tts'] ?? false,
  author: { id: '1100000000000000009', username: 'flowloom-bot', bot: true },
  timestamp: '2025-01-02T03:04:05.000000+00:00',
  ...(body['message_reference'] ? { message_reference: body['message_reference'] } : {}),
  ...extra,
});

/** Answers shaped like Discord's documented ones; `overrides` answer first when they match. */
const overrides: ((method: string, path: string, fromSdk: boolean) => Answer | undefined)[] = [];

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
  const body = request.body.length ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  const fromSdk = String(request.headers['user-agent'] ?? '').startsWith('DiscordBot');
  for (const override of overrides) {
    const answer = override(request.method, path, fromSdk);
    if (answer) return answer;
  }
  const route = `${request.method} ${path}`;
  if (route === 'GET /users/@me') {
    return request.headers.authorization === `Bot ${TOKEN}`
      ? { body: { id: '1100000000000000009', username: 'flowloom-bot', bot: true } }
      : { status: 401, body: { message: '401: Unauthorized', code: 0 } };
  }
  if (route === `POST /channels/${CHANNEL}/messages`) return { body: message(body) };
  if (route === `GET /channels/${CHANNEL}/messages`) {
    const before = url.searchParams.get('before');
    const older = before ? history.filter((m) => BigInt(m.id) < BigInt(before)) : history;
    return { body: older.slice(0, Number(url.searchParams.get('limit') ?? 50)) };
  }
  if (route === `DELETE /channels/${CHANNEL}/messages/${history[0]!.id}`) return { status: 204, body: '' };
  if (route === `POST /webhooks/${HOOK.id}/${HOOK.token}`) {
    return url.searchParams.get('wait') === 'true' ? { body: message(body, { webhook_id: HOOK.id }) } : { status: 204, body: '' };
  }
  if (route === `POST /guilds/${GUILD}/channels`) {
    return { status: 201, body: { id: '1100000000000000010', guild_id: GUILD, position: 3, permission_overwrites: [], ...body } };
  }
  if (path === `/guilds/${GUILD}/members/${USER}/roles/${ROLE}` && ['PUT', 'DELETE'].includes(request.method))
    return { status: 204, body: '' };
  return undefined;
}

const bed = serviceTestbed(discord, {
  name: 'Discord',
  answers: vendor,
  hosts: ['discord.com'],
  credentials: [
    { id: 'bot', type: 'discordBotApi', data: { token: TOKEN } },
    { id: 'revoked', type: 'discordBotApi', data: { token: 'MTEx.revoked' } },
  ],
});
const { take, node } = bed;
/** The SDK aimed at the recording server, as a bot with `token`. */
const rest = (token: string) => new REST({ api: `${bed.server.url}/api`, version: '10', retries: 0 }).setToken(token);
let sdk: REST;
beforeAll(() => {
  sdk = rest(TOKEN);
});
afterAll(() => {
  sdk.clearHashSweeper();
  sdk.clearHandlerSweeper();
});

/** The `X-Audit-Log-Reason` headers of the last `count` requests received. */
const auditReasons = (count: number) => bed.server.requests.slice(-count).map((r) => r.headers['x-audit-log-reason']);

describe('Discord, against @discordjs/rest', () => {
  it('sends a message with embeds as a reply as the SDK does, and makes an item of the answer', async () => {
    const embeds = [{ title: 'Order 42', description: 'Paid', color: 0x5865f2 }];
    await sdk.post(Routes.channelMessages(CHANNEL), {
      body: { content: 'New order', embeds, tts: false, message_reference: { message_id: history[0]!.id } },
    });
    const expected = await take();
    const { items, requests } = await node('message', 'send', {
      channelId: CHANNEL,
      content: 'New order',
      embeds,
      tts: false,
      replyTo: history[0]!.id,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/api/v10/channels/${CHANNEL}/messages`,
      auth: `Bot ${TOKEN}`,
      contentType: 'application/json',
    });
    expect(items).toEqual([
      {
        json: message({ content: 'New order', embeds, tts: false, message_reference: { message_id: history[0]!.id } }),
        pairedItem: { item: 0 },
      },
    ]);
  });

  it('sends no message_reference when the message replies to nothing', async () => {
    const { requests } = await node('message', 'send', { channelId: CHANNEL, content: 'Hello' });
    expect(requests[0]!.body).toEqual({ content: 'Hello' });
  });

  it('lists messages over three pages with the same before ids as the SDK, and returns every message', async () => {
    let before: string | undefined;
    for (;;) {
      const page = (await sdk.get(Routes.channelMessages(CHANNEL), {
        query: makeURLSearchParams({ limit: 100, before }),
      })) as { id: string }[];
      if (page.length < 100) break;
      before = page.at(-1)!.id;
    }
    const expected = await take();
    const { items, requests } = await node('message', 'list', { channelId: CHANNEL, returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query['before'])).toEqual([undefined, history[99]!.id, history[199]!.id]);
    expect(items.map((i) => i.json['id'])).toEqual(history.map((m) => m.id));
  });

  it('stops at the limit without asking for pages it does not need, starting before a given message', async () => {
    const { items, requests } = await node('message', 'list', { channelId: CHANNEL, before: history[9]!.id, limit: 5 });
    expect(items.map((i) => i.json['content'])).toEqual(['message 193', 'message 192', 'message 191', 'message 190', 'message 189']);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.query).toEqual({ before: history[9]!.id, limit: '100' });
  });

  it('deletes a message with an audit log reason as the SDK does', async () => {
    const reason = 'Spam: «buy now» & more';
    await sdk.delete(Routes.channelMessage(CHANNEL, history[0]!.id), { reason });
    const expected = await take();
    const sdkReason = auditReasons(1);
    const { items, requests } = await node('message', 'delete', { channelId: CHANNEL, messageId: history[0]!.id, reason });
    expect(requests).toEqual(expected);
    expect(auditReasons(1)).toEqual(sdkReason);
    expect(decodeURIComponent(String(sdkReason[0]))).toBe(reason);
    expect(items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
  });

  it('sends through a webhook unsigned, as the SDK does with auth: false, and returns the message', async () => {
    const body = { content: 'Deployed', username: 'CI', avatar_url: 'https://example.com/ci.png', embeds: [{ title: 'v1.2.3' }] };
    await sdk.post(Routes.webhook(HOOK.id, HOOK.token), { body, auth: false, query: makeURLSearchParams({ wait: true }) });
    const expected = await take();
    const { items, requests } = await node('webhook', 'send', {
      webhookUrl: HOOK_URL,
      content: 'Deployed',
      username: 'CI',
      avatarUrl: 'https://example.com/ci.png',
      embeds: [{ title: 'v1.2.3' }],
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ path: `/api/v10/webhooks/${HOOK.id}/${HOOK.token}`, auth: undefined, query: { wait: 'true' } });
    expect(items[0]!.json).toMatchObject({ content: 'Deployed', webhook_id: HOOK.id });
  });

  it('sends through a webhook with no credential chosen on the node, since the URL carries its own token', async () => {
    const execution = await bed.run(
      { resource: 'webhook', operation: 'send', webhookUrl: HOOK_URL, content: 'No bot needed' },
      { name: 'Announce', credentials: {} },
    );
    expect(execution.status).toBe('success');
    expect((await take()).map((r) => [r.path, r.auth])).toEqual([[`/api/v10/webhooks/${HOOK.id}/${HOOK.token}`, undefined]]);
  });

  it('posts to a webhook thread without waiting, as the SDK does, from a canary URL', async () => {
    const thread = '1100000000000000011';
    await sdk.post(Routes.webhook(HOOK.id, HOOK.token), {
      body: { content: 'In thread' },
      auth: false,
      query: makeURLSearchParams({ thread_id: thread }),
    });
    const expected = await take();
    const { items, requests } = await node('webhook', 'send', {
      webhookUrl: `https://canary.discord.com/api/v10/webhooks/${HOOK.id}/${HOOK.token}`,
      content: 'In thread',
      threadId: thread,
      wait: false,
    });
    expect(requests).toEqual(expected);
    expect(items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
  });

  it('creates a channel in a server with a reason as the SDK does', async () => {
    await sdk.post(Routes.guildChannels(GUILD), {
      body: { name: 'orders', type: 0, topic: 'New orders', parent_id: '1100000000000000012' },
      reason: 'Shop opened',
    });
    const expected = await take();
    const sdkReason = auditReasons(1);
    const { items, requests } = await node('channel', 'create', {
      guildId: GUILD,
      name: 'orders',
      topic: 'New orders',
      parentId: '1100000000000000012',
      reason: 'Shop opened',
    });
    expect(requests).toEqual(expected);
    expect(auditReasons(1)).toEqual(sdkReason);
    expect(items[0]!.json).toMatchObject({ id: '1100000000000000010', guild_id: GUILD, name: 'orders', type: 0 });
  });

  it('creates a forum channel with its type number', async () => {
    const { requests } = await node('channel', 'create', { guildId: GUILD, name: 'help', channelType: 'forum' });
    expect(requests[0]!.body).toEqual({ name: 'help', type: 15 });
  });

  it('adds and removes a member role as the SDK does', async () => {
    await sdk.put(Routes.guildMemberRole(GUILD, USER, ROLE), { reason: 'Verified' });
    await sdk.delete(Routes.guildMemberRole(GUILD, USER, ROLE));
    const expected = await take();
    const sdkReasons = auditReasons(2);
    const added = await node('member', 'addRole', { guildId: GUILD, userId: USER, roleId: ROLE, reason: 'Verified' });
    const removed = await node('member', 'removeRole', { guildId: GUILD, userId: USER, roleId: ROLE });
    expect([...added.requests, ...removed.requests]).toEqual(expected);
    expect(auditReasons(2)).toEqual(sdkReasons);
    expect(sdkReasons).toEqual(['Verified', undefined]);
    expect(removed.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'message', operation: 'send', channelId: CHANNEL, content: 'later' },
    limits: (request, path) => request.method === 'POST' && path.endsWith(`/channels/${CHANNEL}/messages`),
    answer: {
      status: 429,
      headers: { 'retry-after': '2', 'x-ratelimit-reset-after': '1.337', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 1.337, global: false },
    },
    waitMs: 2_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.path)).toEqual([`/api/v10/channels/${CHANNEL}/messages`]);
      expect(retried.map((r) => r.path)).toEqual([`/api/v10/channels/${CHANNEL}/messages`]);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as X-RateLimit-Reset-After says on a webhook 429 without Retry-After',
    parameters: { resource: 'webhook', operation: 'send', webhookUrl: HOOK_URL, content: 'later' },
    limits: (request, path) => path.startsWith('/api/v10/webhooks/'),
    answer: {
      status: 429,
      headers: { 'x-ratelimit-reset-after': '1.5' },
      body: { message: 'You are being rate limited.', retry_after: 1.5, global: false },
    },
    waitMs: 1_500,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(outputOf(execution)[0]!.json).toMatchObject({ content: 'later' });
      expect([limited.length, retried.length]).toEqual([1, 1]);
    },
  });

  it("turns Discord's Invalid Form Body into a node error naming the service, the code and the parameter, as the SDK reports it", async () => {
    const invalid = {
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: { '0': { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }] } } },
      },
    };
    overrides.push((method, path) =>
      method === 'POST' && path === `/channels/${CHANNEL}/messages` ? { status: 400, body: invalid } : undefined,
    );
    const embeds = [{ description: 'x'.repeat(5000) }];
    const sdkError = await sdk.post(Routes.channelMessages(CHANNEL), { body: { embeds } }).catch((e: DiscordAPIError) => e);
    const { execution } = await node('message', 'send', { channelId: CHANNEL, embeds });
    overrides.pop();
    expect(sdkError).toMatchObject({ code: 50035, status: 400 });
    expect((sdkError as DiscordAPIError).message).toBe(
      'Invalid Form Body\nembeds[0].description[BASE_TYPE_MAX_LENGTH]: Must be 4096 or fewer in length.',
    );
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Discord': Discord message.send failed: HTTP 400 50035: Invalid Form Body: embeds.0.description: Must be 4096 or fewer in length. (parameter 'embeds')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'discord', status: 400, vendorCode: '50035', parameter: 'embeds' });
  });

  it('names the id Discord did not find, for the bot and for a webhook', async () => {
    overrides.push((method, path) =>
      path.includes('/roles/') ? { status: 404, body: { message: 'Unknown Role', code: 10011 } } : undefined,
    );
    overrides.push((method, path) =>
      path.startsWith('/webhooks/') ? { status: 404, body: { message: 'Unknown Webhook', code: 10015 } } : undefined,
    );
    const sdkError = await sdk.put(Routes.guildMemberRole(GUILD, USER, '1100000000000000404')).catch((e: DiscordAPIError) => e);
    await take();
    const role = await node('member', 'addRole', { guildId: GUILD, userId: USER, roleId: '1100000000000000404' });
    const hook = await node('webhook', 'send', { webhookUrl: HOOK_URL, content: 'x' });
    overrides.splice(0);
    expect(sdkError).toMatchObject({ code: 10011, status: 404, message: 'Unknown Role' });
    expect(role.execution.error?.message).toBe(
      "Node 'Discord': Discord member.addRole failed: HTTP 404 10011: Unknown Role (parameter 'roleId')",
    );
    expect(hook.execution.error?.message).toBe(
      "Node 'Discord': Discord webhook.send failed: HTTP 404 10015: Unknown Webhook (parameter 'webhookUrl')",
    );
    expect(hook.execution.error?.details).toMatchObject({ service: 'discord', vendorCode: '10015', parameter: 'webhookUrl' });
  });

  // The SDK writes `@me` as `%40me`; Discord reads both alike.
  itTestsCredential(
    bed,
    'tests a credential with GET /users/@me: a good token passes, a revoked one fails as the SDK sees it',
    [
      { id: 'bot', calls: [{ method: 'GET', path: '/api/v10/users/@me', auth: `Bot ${TOKEN}` }] },
      {
        id: 'revoked',
        sdk: async () => {
          const bad = rest('MTEx.revoked');
          const sdkError = await bad.get(Routes.user('@me')).catch((e: DiscordAPIError) => e);
          bad.clearHashSweeper();
          bad.clearHandlerSweeper();
          expect(sdkError).toMatchObject({ code: 0, status: 401 });
        },
        outcome: { ok: false, status: 401, message: 'The test request was refused with HTTP 401 Unauthorized.' },
        calls: [{ method: 'GET', path: '/api/v10/users/@me', auth: 'Bot MTEx.revoked' }],
      },
    ],
    (r) => `${r.method} ${decodeURIComponent(r.path)} ${r.auth}`,
  );
});

describe('Discord node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Notify',
    parameters: { resource: 'message', operation: 'send', channelId: CHANNEL, content: 'x' },
    message: "Node 'Notify': Discord message.send needs a credential: choose a Discord bot token credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter that is wrong or left out', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'message', operation: 'send', content: 'x' },
        fails: "Node 'Notify': Discord message.send: parameter 'channelId' is required.",
      },
      {
        parameters: { resource: 'message', operation: 'send', channelId: '#general', content: 'x' },
        throws: "node 'Notify' (Discord): parameter 'channelId' must be a Discord id (digits)",
      },
      {
        parameters: { resource: 'message', operation: 'send', channelId: '{{ "#general" }}', content: 'x' },
        fails: /^Node 'Notify' \(Discord\): parameter 'channelId' must be a Discord id \(digits\)/,
      },
      {
        parameters: { resource: 'message', operation: 'send', channelId: CHANNEL, content: 'x'.repeat(2001) },
        throws: /node 'Notify' \(Discord\): parameter 'content' .*2000/,
      },
      {
        parameters: { resource: 'message', operation: 'list', channelId: CHANNEL, limit: 'many' },
        throws: "node 'Notify' (Discord): parameter 'limit' expected a number",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'member', operation: 'send' },
        fails: "Node 'Notify': Discord member has no operation 'send' (parameter 'operation'); it has: addRole, removeRole.",
      },
    ],
    unknown: { service: 'Discord', resources: ['message', 'webhook', 'channel', 'member', 'custom'], operation: ['message', 'send'] },
  });

  it('sends a webhook message only to Discord, whatever URL it is given', async () => {
    for (const webhookUrl of [
      `https://evil.example/api/webhooks/${HOOK.id}/${HOOK.token}`,
      `https://discord.com.evil.example/api/webhooks/${HOOK.id}/${HOOK.token}`,
      `https://discord.com@evil.example/api/webhooks/${HOOK.id}/${HOOK.token}`,
      `https://discord.com:8443/api/webhooks/${HOOK.id}/${HOOK.token}`,
      `http://discord.com/api/webhooks/${HOOK.id}/${HOOK.token}`,
      `https://discord.com/api/webhooks/${HOOK.id}/${HOOK.token}/../../../users/@me`,
      `https://discord.com/api/v10/channels/${CHANNEL}/messages`,
      'not a url',
    ]) {
      const { execution, requests } = await node('webhook', 'send', { webhookUrl, content: 'x' });
      expect(execution.error?.message).toBe(
        "Node 'Discord': Discord webhook.send: parameter 'webhookUrl' must be a Discord webhook URL, https://discord.com/api/webhooks/<id>/<token>.",
      );
      expect(execution.error?.code).toBe('PARAMETER_INVALID');
      expect(requests).toEqual([]);
    }
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the base URL and signs it with the bot token', {
    parameters: { method: 'GET', path: '/users/@me' },
    request: { method: 'GET', path: '/api/v10/users/@me', auth: `Bot ${TOKEN}` },
    item: { statusCode: 200, body: { username: 'flowloom-bot' } },
  });
});

describe('Discord in a workflow', () => {
  it('announces each new order from a trigger, shaped by Edit Fields, in a channel, in engine.run and the CLI', async () => {
    await take();
    const workflow = lineAfterTrigger([
      editFields(
        { id: 'shape', name: 'Shape announcement' },
        {
          content: 'New order {{ $json.orderId }} from {{ $json.customer }}',
          embeds: { type: 'array', value: '[{"title":"Order {{ $json.orderId }}","description":"Total: {{ $json.total }} EUR"}]' },
        },
      ),
      {
        id: 'announce',
        name: 'Announce',
        type: discord.node.type,
        parameters: {
          resource: 'message',
          operation: 'send',
          channelId: CHANNEL,
          content: '{{ $json.content }}',
          embeds: '{{ $json.embeds }}',
        },
        credentials: { discordBotApi: 'bot' },
      },
    ]);
    const input = [{ json: { orderId: 'A-1', customer: 'Ada', total: 42 } }, { json: { orderId: 'A-2', customer: 'Grace', total: 7 } }];
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'bot', type: 'discordBotApi', data: { token: TOKEN } }],
      input,
      compare: 'announce',
    });
    expect(execution.error).toBeUndefined();
    expect(requests.map((r) => r.body)).toEqual([
      { content: 'New order A-1 from Ada', embeds: [{ title: 'Order A-1', description: 'Total: 42 EUR' }] },
      { content: 'New order A-2 from Grace', embeds: [{ title: 'Order A-2', description: 'Total: 7 EUR' }] },
    ]);
    expect(requests.every((r) => r.auth === `Bot ${TOKEN}` && r.path === `/api/v10/channels/${CHANNEL}/messages`)).toBe(true);
    const announced = execution.nodes['announce']![0]!.output['main']!;
    expect(announced.map((i) => [i.json['content'], i.pairedItem])).toEqual([
      ['New order A-1 from Ada', { item: 0 }],
      ['New order A-2 from Grace', { item: 1 }],
    ]);
  });
});
