// Mailchimp, checked against Mailchimp's own SDK (@mailchimp/mailchimp_marketing): both make the same call to one recording server.
// The SDK has no base-URL option; its ApiClient's `basePath` (https://server.api.mailchimp.com/3.0) is overwritten to aim it at the
// server, the way its own `setConfig({ server })` rewrites the host.
import { createHash } from 'node:crypto';
import mailchimpSdk from '@mailchimp/mailchimp_marketing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, runNode, serviceEngine, startVendorServer, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { mailchimp, mailchimpOAuth2 } from './mailchimp.js';
import { md5Hex } from './md5.js';

const KEY = '0123456789abcdef0123456789abcdef-us21';
const REVOKED = 'ffffffffffffffffffffffffffffffff-us21';
const HOST = 'us21.api.mailchimp.com';
const hash = (email: string) => createHash('md5').update(email.toLowerCase()).digest('hex');
const PROBLEM = { 'content-type': 'application/problem+json' };
const problem = (status: number, title: string, detail: string, errors?: { field: string; message: string }[]) => ({
  status,
  headers: PROBLEM,
  body: {
    type: 'https://mailchimp.com/developer/marketing/docs/errors/',
    title,
    status,
    detail,
    instance: '4c3b7a5e-8d1f-4a6b-9e2c-1f0d3b5a7c9e',
    ...(errors ? { errors } : {}),
  },
});

/** A collection of `total` records, answered a page at a time as Mailchimp does. */
const collection = (key: string, prefix: string, total: number) => (query: URLSearchParams) => {
  const offset = Number(query.get('offset') ?? 0);
  const count = Number(query.get('count') ?? 10);
  const ids = Array.from({ length: Math.max(0, Math.min(count, total - offset)) }, (_, i) => `${prefix}${offset + i + 1}`);
  return { body: { [key]: ids.map((id) => ({ id, name: `Name ${id}` })), total_items: total, _links: [] } };
};
const campaigns = collection('campaigns', 'c', 450);
const lists = collection('lists', 'L', 3);
const templates = collection('templates', 't', 2);

const member = (listId: string, body: Record<string, unknown>, subscriberHash: string) => ({
  id: subscriberHash,
  email_address: body['email_address'] ?? 'ada@example.com',
  unique_email_id: 'a1b2c3',
  status: body['status'] ?? body['status_if_new'] ?? 'subscribed',
  merge_fields: body['merge_fields'] ?? {},
  list_id: listId,
  tags_count: 0,
  tags: [],
});

/** Answers shaped like Mailchimp's documented ones; `overrides` answer first when they match. */
const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (request.headers.authorization !== `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`) {
    return problem(401, 'API Key Invalid', 'Your API key may be invalid, or you\u2019ve attempted to access the wrong datacenter.');
  }
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  const memberAt = /^\/3\.0\/lists\/(\w+)\/members\/([0-9a-f]{32})(\/tags)?$/.exec(path);
  if (memberAt) {
    if (memberAt[3]) return { status: 204 };
    return { body: member(memberAt[1]!, body, memberAt[2]!) };
  }
  const campaignAt = /^\/3\.0\/campaigns\/(\w+)(\/actions\/send)?$/.exec(path);
  if (campaignAt) return campaignAt[2] ? { status: 204 } : { body: { id: campaignAt[1], type: 'regular', status: 'save' } };
  switch (`${request.method} ${path}`) {
    case 'GET /3.0/ping':
      return { body: { health_status: 'Everything\u2019s Chimpy!' } };
    case 'POST /3.0/campaigns':
      return {
        body: { id: '42694e9e57', web_id: 1234, status: 'save', emails_sent: 0, ...body, create_time: '2026-01-01T00:00:00+00:00' },
      };
    case 'GET /3.0/campaigns':
      return campaigns(url.searchParams);
    case 'GET /3.0/lists':
      return lists(url.searchParams);
    case 'GET /3.0/templates':
      return templates(url.searchParams);
  }
  return undefined;
}

const bed = serviceTestbed(mailchimp, {
  name: 'Mailchimp',
  answers: vendor,
  // Only the key's data center is routed: a request left on the SDK's placeholder host would fail.
  hosts: [HOST],
  credentials: [
    { id: 'key', type: 'mailchimpApi', data: { apiKey: KEY } },
    { id: 'revoked', type: 'mailchimpApi', data: { apiKey: REVOKED } },
    { id: 'elsewhere', type: 'mailchimpApi', data: { apiKey: '0123456789abcdef0123456789abcdef-us6' } },
  ],
  // The SDK labels every request JSON, a GET or a bodiless POST included; the node sends a type only with a body.
  read: withoutBodilessContentType,
});
const { take, node } = bed;
beforeAll(() => {
  mailchimpSdk.setConfig({ apiKey: KEY, server: 'us21' });
  mailchimpSdk.basePath = `${bed.server.url}/3.0`;
});

describe('Mailchimp, against @mailchimp/mailchimp_marketing', () => {
  it('creates a campaign as the SDK does, at the key\u2019s data center, and makes an item of the answer', async () => {
    await mailchimpSdk.campaigns.create({
      type: 'regular',
      recipients: { list_id: 'L1' },
      settings: { subject_line: 'June news', preview_text: 'Inside', title: 'June', from_name: 'Acme', reply_to: 'news@acme.test' },
    });
    const expected = await take();
    const { items, requests } = await node('campaign', 'create', {
      listId: 'L1',
      subjectLine: 'June news',
      previewText: 'Inside',
      title: 'June',
      fromName: 'Acme',
      replyTo: 'news@acme.test',
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/3.0/campaigns',
      auth: `Basic user:${KEY}`,
      contentType: 'application/json',
    });
    expect(items).toEqual([
      {
        json: {
          id: '42694e9e57',
          web_id: 1234,
          status: 'save',
          emails_sent: 0,
          type: 'regular',
          recipients: { list_id: 'L1' },
          settings: { subject_line: 'June news', preview_text: 'Inside', title: 'June', from_name: 'Acme', reply_to: 'news@acme.test' },
          create_time: '2026-01-01T00:00:00+00:00',
        },
        pairedItem: { item: 0 },
      },
    ]);
  });

  it('sends and gets a campaign as the SDK does; the empty 204 answer becomes a success item', async () => {
    await mailchimpSdk.campaigns.send('42694e9e57');
    await mailchimpSdk.campaigns.get('42694e9e57');
    const expected = await take();
    const sent = await node('campaign', 'send', { campaignId: '42694e9e57' });
    const got = await node('campaign', 'get', { campaignId: '42694e9e57' });
    expect([...sent.requests, ...got.requests]).toEqual(expected);
    expect(expected[0]).toMatchObject({ method: 'POST', path: '/3.0/campaigns/42694e9e57/actions/send', body: undefined });
    expect(sent.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
    expect(got.items[0]!.json).toEqual({ id: '42694e9e57', type: 'regular', status: 'save' });
  });

  it('lists campaigns over three pages with the same offsets and filters as the SDK, and returns every campaign', async () => {
    const filters = { status: 'sent', type: 'regular', listId: 'L1', sortField: 'send_time', sortDir: 'DESC' };
    for (let offset = 0; ; offset += 200) {
      const page = await mailchimpSdk.campaigns.list({ ...filters, count: 200, offset });
      if (page.campaigns.length < 200) break;
    }
    const expected = await take();
    const { items, requests } = await node('campaign', 'list', {
      filterStatus: 'sent',
      filterType: 'regular',
      listId: 'L1',
      sortField: 'send_time',
      sortDir: 'DESC',
      returnAll: true,
    });
    expect(expected.map((r) => r.query['offset'])).toEqual(['0', '200', '400']);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(Array.from({ length: 450 }, (_, i) => `c${i + 1}`));
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('campaign', 'list', { limit: 250 });
    expect(items).toHaveLength(250);
    expect(requests.map((r) => r.query)).toEqual([
      { offset: '0', count: '200' },
      { offset: '200', count: '200' },
    ]);
  });

  it('lists audiences and templates as the SDK does', async () => {
    await mailchimpSdk.lists.getAllLists({ count: 200, offset: 0 });
    await mailchimpSdk.templates.list({ type: 'user', count: 200, offset: 0 });
    const expected = await take();
    const audiences = await node('list', 'list', {});
    const userTemplates = await node('template', 'list', { templateType: 'user' });
    expect([...audiences.requests, ...userTemplates.requests]).toEqual(expected);
    expect(audiences.items.map((i) => i.json['id'])).toEqual(['L1', 'L2', 'L3']);
    expect(userTemplates.items.map((i) => i.json)).toEqual([
      { id: 't1', name: 'Name t1' },
      { id: 't2', name: 'Name t2' },
    ]);
  });

  it('adds or updates a member at the MD5 of the lower-cased address, as the SDK does with that hash', async () => {
    const body = { email_address: 'Ada@Example.com', status_if_new: 'pending', merge_fields: { FNAME: 'Ada' }, vip: true };
    await mailchimpSdk.lists.setListMember('L1', hash('Ada@Example.com'), body, { skipMergeValidation: true });
    const expected = await take();
    const { items, requests } = await node('member', 'add', {
      listId: 'L1',
      email: ' Ada@Example.com ',
      statusIfNew: 'pending',
      mergeFields: { FNAME: 'Ada' },
      vip: true,
      skipMergeValidation: true,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ method: 'PUT', path: `/3.0/lists/L1/members/${hash('ada@example.com')}` });
    expect(items[0]!.json).toMatchObject({ id: hash('ada@example.com'), email_address: 'Ada@Example.com', status: 'pending' });
  });

  it('updates, gets, tags and unsubscribes a member as the SDK does', async () => {
    const id = hash('ada@example.com');
    await mailchimpSdk.lists.updateListMember('L1', id, { email_address: 'ada@new.example', merge_fields: { LNAME: 'Lovelace' } });
    await mailchimpSdk.lists.getListMember('L1', id);
    await mailchimpSdk.lists.updateListMemberTags('L1', id, {
      tags: [
        { name: 'VIP', status: 'active' },
        { name: 'Trial', status: 'inactive' },
      ],
      is_syncing: true,
    });
    await mailchimpSdk.lists.updateListMember('L1', id, { status: 'unsubscribed' });
    const expected = await take();
    const email = 'ada@example.com';
    const updated = await node('member', 'update', {
      listId: 'L1',
      email,
      newEmail: 'ada@new.example',
      mergeFields: { LNAME: 'Lovelace' },
    });
    const got = await node('member', 'get', { listId: 'L1', email });
    const tagged = await node('member', 'updateTags', {
      listId: 'L1',
      email,
      tags: [{ name: 'VIP' }, { name: 'Trial', status: 'inactive' }],
      isSyncing: true,
    });
    const unsubscribed = await node('member', 'unsubscribe', { listId: 'L1', email });
    expect([...updated.requests, ...got.requests, ...tagged.requests, ...unsubscribed.requests]).toEqual(expected);
    expect(expected.map((r) => r.method)).toEqual(['PATCH', 'GET', 'POST', 'PATCH']);
    expect(tagged.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
    expect(unsubscribed.items[0]!.json).toMatchObject({ id, status: 'unsubscribed' });
  });

  it('names members by the same MD5 as node:crypto, for any address', () => {
    const addresses = [
      '',
      'ada@example.com',
      'x'.repeat(55),
      'x'.repeat(56),
      'y'.repeat(64),
      'z'.repeat(119),
      'j\u00f6rg+\u6f22\u5b57\ud83d\ude00@example.com',
    ];
    for (const address of addresses) expect(md5Hex(address)).toBe(createHash('md5').update(address).digest('hex'));
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'member', operation: 'add', listId: 'L1', email: 'ada@example.com' },
    limits: (request, path) => request.method === 'PUT' && path.startsWith('/3.0/lists/'),
    answer: {
      ...problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.'),
      headers: { ...PROBLEM, 'retry-after': '10' },
    },
    waitMs: 10_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.method)).toEqual(['PUT']);
      expect(retried.map((r) => r.method)).toEqual(['PUT']);
    },
  });

  it('turns a problem answer into a node error naming the service, the vendor title and the parameter, as the SDK receives it', async () => {
    overrides.push((method, path) =>
      method === 'POST' && path === '/3.0/campaigns'
        ? problem(400, 'Invalid Resource', 'The resource submitted could not be validated.', [
            { field: 'settings.reply_to', message: 'This value should be a valid email.' },
          ])
        : method === 'GET' && path.startsWith('/3.0/lists/L9/')
          ? problem(404, 'Resource Not Found', 'The requested resource could not be found.')
          : undefined,
    );
    const settings = { subject_line: 'Hi', from_name: 'Acme', reply_to: 'nobody' };
    const sdkError = await mailchimpSdk.campaigns
      .create({ type: 'regular', recipients: { list_id: 'L1' }, settings })
      .catch((e: { response: { body: { title: string; errors: unknown[] } } }) => e.response.body);
    const expected = await take();
    const invalid = await node('campaign', 'create', { listId: 'L1', subjectLine: 'Hi', fromName: 'Acme', replyTo: 'nobody' });
    const missing = await node('member', 'get', { listId: 'L9', email: 'ada@example.com' });
    overrides.pop();
    expect(sdkError).toMatchObject({ title: 'Invalid Resource', errors: [{ field: 'settings.reply_to' }] });
    expect(invalid.requests).toEqual(expected);
    expect(invalid.execution.error?.message).toBe(
      "Node 'Mailchimp': Mailchimp campaign.create failed: HTTP 400 Invalid Resource: The resource submitted could not be validated. " +
        "(settings.reply_to: This value should be a valid email.) (parameter 'replyTo')",
    );
    expect(invalid.execution.error?.details).toMatchObject({ service: 'mailchimp', vendorCode: 'Invalid Resource', parameter: 'replyTo' });
    expect(missing.execution.error?.message).toBe(
      "Node 'Mailchimp': Mailchimp member.get failed: HTTP 404 Resource Not Found: The requested resource could not be found.",
    );
  });

  itTestsCredential(bed, 'tests a credential with GET /ping: a good key passes, a revoked one fails, as the SDK sees them', [
    { id: 'key', sdk: () => mailchimpSdk.ping.get() },
    {
      id: 'revoked',
      sdk: async () => {
        mailchimpSdk.setConfig({ apiKey: REVOKED, server: 'us21' });
        const sdkStatus = await mailchimpSdk.ping.get().catch((e: { status: number }) => e.status);
        mailchimpSdk.setConfig({ apiKey: KEY, server: 'us21' });
        expect(sdkStatus).toBe(401);
      },
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ auth: `Basic user:${REVOKED}` }],
    },
  ]);

  it('sends each key to its own data center, and refuses a key that does not name one', async () => {
    const { execution, requests } = await node('list', 'list', {}, { credentials: { mailchimpApi: 'elsewhere' } });
    // The relay routes only us21, so the request reaching for us6 shows where the signer sent it.
    expect(execution.error?.message).toBe("Node 'Mailchimp' failed: the relay has no route for us6.api.mailchimp.com");
    expect(requests).toEqual([]);
    await expect(
      bed.engine.credentials.create({ name: 'no dc', type: 'mailchimpApi', data: { apiKey: '0123456789abcdef' } }),
    ).rejects.toThrow(/must end with the data center/);
  });
});

describe('Mailchimp node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Subscribe',
    parameters: { resource: 'member', operation: 'add', listId: 'L1', email: 'ada@example.com' },
    message: "Node 'Subscribe': Mailchimp member.add needs a credential: choose a Mailchimp API key or Mailchimp OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong type or left out', {
    name: 'Subscribe',
    cases: [
      {
        parameters: { resource: 'campaign', operation: 'list', limit: 'many' },
        throws: "node 'Subscribe' (Mailchimp): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'member', operation: 'add', listId: 'L1' },
        fails: "Node 'Subscribe': Mailchimp member.add: parameter 'email' is required.",
      },
      {
        parameters: { resource: 'member', operation: 'update', listId: 'L1', email: 'a@b.c', status: '{{ "gone" }}' },
        fails: /^Node 'Subscribe' \(Mailchimp\): parameter 'status' .*"gone"/,
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Subscribe',
    unknown: { service: 'Mailchimp', resources: ['campaign', 'member', 'list', 'template', 'custom'], operation: ['member', 'create'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the base URL, at the key\u2019s data center, signed with the key', {
    parameters: { method: 'GET', path: '/ping' },
    request: { method: 'GET', path: '/3.0/ping', auth: `Basic user:${KEY}` },
    item: { statusCode: 200, body: { health_status: 'Everything\u2019s Chimpy!' } },
    exact: true,
  });
});

describe('Mailchimp in a workflow', () => {
  it('subscribes sign-ups from a form and tags them: Manual Trigger \u2192 Edit Fields \u2192 Mailchimp \u2192 Mailchimp, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      editFields(
        { id: 'clean', name: 'Clean sign-up' },
        { email: '{{ $lowercase($trim($json.form.email)) }}', firstName: '{{ $json.form.name }}' },
        { only: true },
      ),
      {
        id: 'subscribe',
        name: 'Subscribe',
        type: mailchimp.node.type,
        parameters: {
          resource: 'member',
          operation: 'add',
          listId: 'L1',
          email: '{{ $json.email }}',
          mergeFields: { FNAME: '{{ $json.firstName }}' },
        },
        credentials: { mailchimpApi: 'key' },
      },
      {
        id: 'tag',
        name: 'Tag as web sign-up',
        type: mailchimp.node.type,
        parameters: {
          resource: 'member',
          operation: 'updateTags',
          listId: '{{ $json.list_id }}',
          email: '{{ $json.email_address }}',
          tags: [{ name: 'web-signup' }],
        },
        credentials: { mailchimpApi: 'key' },
      },
    ]);
    const input = [
      { json: { form: { email: ' Ada@Example.com', name: 'Ada' } } },
      { json: { form: { email: 'grace@example.com ', name: 'Grace' } } },
    ];
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'key', type: 'mailchimpApi', data: { apiKey: KEY } }],
      input,
      compare: 'tag',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /3.0/lists/L1/members/${hash('ada@example.com')}`,
      `PUT /3.0/lists/L1/members/${hash('grace@example.com')}`,
      `POST /3.0/lists/L1/members/${hash('ada@example.com')}/tags`,
      `POST /3.0/lists/L1/members/${hash('grace@example.com')}/tags`,
    ]);
    expect(requests.map((r) => r.body)).toEqual([
      { email_address: 'ada@example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'Ada' } },
      { email_address: 'grace@example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'Grace' } },
      { tags: [{ name: 'web-signup', status: 'active' }] },
      { tags: [{ name: 'web-signup', status: 'active' }] },
    ]);
    expect(execution.nodes['subscribe']?.[0]?.output['main']?.map((i) => i.json['status'])).toEqual(['subscribed', 'subscribed']);
    expect(execution.nodes['tag']?.[0]?.output['main']).toEqual([
      { json: { success: true }, pairedItem: { item: 0 } },
      { json: { success: true }, pairedItem: { item: 1 } },
    ]);
  });
});

describe('Mailchimp OAuth2', () => {
  it("connects with Mailchimp's token endpoint and sends every request to the account's data center with the token", async () => {
    // Per Mailchimp's OAuth2 guide: the code is exchanged at login.mailchimp.com/oauth2/token (form body with the client's
    // id and secret); the token never expires and works only on the data center that /oauth2/metadata names.
    const oauth = await startVendorServer((request) => {
      if (request.url === '/oauth2/token')
        return { body: { access_token: 'mc-token-1', token_type: 'bearer', expires_in: 0, scope: null } };
      if (request.url.startsWith('/3.0/lists')) return { body: { lists: [{ id: 'L1', name: 'Customers' }], total_items: 1 } };
      return undefined;
    });
    const connected = await serviceEngine({
      nodeTypes: [mailchimp.node],
      credentialTypes: [mailchimpOAuth2],
      routes: { 'login.mailchimp.com': oauth.url, 'us19.api.mailchimp.com': oauth.url },
      credentials: [{ id: 'mc', type: 'mailchimpOAuth2Api', data: { clientId: 'client-1', clientSecret: 'shh', dataCenter: 'us19' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('mc', { redirectUri: 'https://app.example.com/callback' });
    expect(new URL(url).origin + new URL(url).pathname).toBe('https://login.mailchimp.com/oauth2/authorize');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    const exchange = (await oauth.take())[0]!;
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/oauth2/token',
      body: { grant_type: 'authorization_code', code: 'code-1', client_id: 'client-1', client_secret: 'shh' },
    });
    const run = await runNode(connected, {
      type: mailchimp.node.type,
      name: 'Audiences',
      parameters: { resource: 'list', operation: 'list' },
      credentials: { mailchimpOAuth2Api: 'mc' },
    });
    expect(outputOf(run).map((i) => i.json['id'])).toEqual(['L1']);
    expect((await oauth.take()).map((r) => [r.method, r.path, r.auth])).toEqual([['GET', '/3.0/lists', 'Bearer mc-token-1']]);
    await oauth.close();
  });
});
