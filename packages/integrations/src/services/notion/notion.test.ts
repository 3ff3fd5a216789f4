// Notion, checked against Notion's own SDK (@notionhq/client): both make the same call to one recording server (the SDK
// through its `baseUrl` option), with the same Notion-Version. Typed properties are checked against the property values
// Notion's API reference documents, as the SDK sends them.
import { APIResponseError, Client } from '@notionhq/client';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, runNode, serviceEngine, startVendorServer, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { notion, notionOAuth2 } from './notion.js';

const TOKEN = 'ntn_good_0123456789';
const REVOKED = 'ntn_revoked_ffff';
const SOURCE = '248104cd-477e-80af-bc30-000bd1b3ae4c';
const DATABASE = '248104cd-477e-80fd-b757-e945d38000bd';
const PAGE = '59833787-2cf9-4fdf-8782-e53db20768a5';

const page = (id: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  object: 'page',
  id,
  created_time: '2026-05-01T00:00:00.000Z',
  last_edited_time: '2026-05-01T00:00:00.000Z',
  archived: false,
  in_trash: false,
  parent: { type: 'data_source_id', data_source_id: SOURCE, database_id: DATABASE },
  properties,
  url: `https://www.notion.so/${id.replace(/-/g, '')}`,
  ...extra,
});
const rows = Array.from({ length: 250 }, (_, i) =>
  page(`row-${i + 1}`, {
    Name: { id: 'title', type: 'title', title: [{ type: 'text', text: { content: `Task ${i + 1}` }, plain_text: `Task ${i + 1}` }] },
  }),
);
/** Notion's list answer: a page of `all` from `start_cursor`. */
const listOf = (all: unknown[], cursor: string | null | undefined, size: number) => {
  const start = cursor ? Number(cursor.replace('cur-', '')) : 0;
  const more = start + size < all.length;
  return {
    object: 'list',
    results: all.slice(start, start + size),
    next_cursor: more ? `cur-${start + size}` : null,
    has_more: more,
    type: 'page_or_data_source',
  };
};
const schema = {
  object: 'data_source',
  id: SOURCE,
  title: [{ type: 'text', text: { content: 'Tasks' }, plain_text: 'Tasks' }],
  parent: { type: 'database_id', database_id: DATABASE },
  properties: {
    Name: { id: 'title', name: 'Name', type: 'title', title: {} },
    Status: { id: 'a%3Fb', name: 'Status', type: 'status', status: { options: [{ id: 's1', name: 'Open', color: 'blue' }] } },
    Due: { id: 'c%40d', name: 'Due', type: 'date', date: {} },
  },
};
const error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { object: 'error', status, code, message, request_id: 'req-1' },
});

const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

/** Answers as Notion's API documents them; `overrides` answer first when they match. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (request.headers.authorization !== `Bearer ${TOKEN}`) return error(401, 'unauthorized', 'API token is invalid.');
  if (request.headers['notion-version'] !== '2025-09-03') return error(400, 'missing_version', 'Notion-Version header failed validation.');
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  switch (`${request.method} ${path}`) {
    case 'GET /v1/users/me':
      return {
        body: { object: 'user', id: 'bot-1', type: 'bot', name: 'Flowloom', bot: { owner: { type: 'workspace', workspace: true } } },
      };
    case 'POST /v1/pages':
      return { body: page('new-page', body['properties'] as Record<string, unknown>) };
    case `PATCH /v1/pages/${PAGE}`:
      return {
        body: page(PAGE, (body['properties'] as Record<string, unknown>) ?? {}, body['archived'] ? { archived: true, in_trash: true } : {}),
      };
    case `GET /v1/pages/${PAGE}`:
      return { body: page(PAGE) };
    case `POST /v1/data_sources/${SOURCE}/query`:
      return { body: listOf(rows, body['start_cursor'] as string, Number(body['page_size'] ?? 100)) };
    case `GET /v1/databases/${DATABASE}`:
      return { body: { object: 'database', id: DATABASE, title: schema.title, data_sources: [{ id: SOURCE, name: 'Tasks' }] } };
    case `GET /v1/data_sources/${SOURCE}`:
      return { body: schema };
    case `PATCH /v1/blocks/${PAGE}/children`:
      return {
        body: {
          object: 'list',
          results: (body['children'] as object[]).map((b, i) => ({ id: `block-${i}`, ...b })),
          next_cursor: null,
          has_more: false,
        },
      };
    case `GET /v1/blocks/${PAGE}/children`: {
      const blocks = Array.from({ length: 120 }, (_, i) => ({ object: 'block', id: `b${i + 1}`, type: 'paragraph' }));
      return { body: listOf(blocks, url.searchParams.get('start_cursor'), Number(url.searchParams.get('page_size') ?? 100) / 2) };
    }
    case 'POST /v1/search': {
      const filter = body['filter'] as { value?: string } | undefined;
      // Search for data sources answers the workspace's three, two to a page.
      const found =
        filter?.value === 'data_source'
          ? ['Tasks', 'Projects', 'Notes'].map((title, i) => ({
              ...schema,
              id: `ds-${i + 1}`,
              title: [{ type: 'text', plain_text: title }],
            }))
          : rows.slice(0, 5);
      return { body: listOf(found, body['start_cursor'] as string, 2) };
    }
  }
  return undefined;
}

const bed = serviceTestbed(notion, {
  name: 'Notion',
  answers: vendor,
  hosts: ['api.notion.com'],
  credentials: [
    { id: 'token', type: 'notionApi', data: { token: TOKEN } },
    { id: 'revoked', type: 'notionApi', data: { token: REVOKED } },
  ],
  // With the Notion-Version each carried (the SDK sends its default, 2025-09-03).
  read: (r, raw) => ({ ...r, version: raw.headers['notion-version'] }),
});
const { take, node } = bed;
let sdk: Client;
beforeAll(() => {
  sdk = new Client({ auth: TOKEN, baseUrl: bed.server.url, retry: false });
});

describe('Notion pages, against @notionhq/client', () => {
  it('creates a page in a data source with typed properties, sending the values Notion documents, as the SDK does', async () => {
    await sdk.pages.create({
      parent: { type: 'data_source_id', data_source_id: SOURCE },
      icon: { type: 'emoji', emoji: '\u2705' },
      properties: {
        Name: { title: [{ type: 'text', text: { content: 'Ship v2' } }] },
        Notes: { rich_text: [{ type: 'text', text: { content: 'Before June' } }] },
        Points: { number: 5 },
        Done: { checkbox: false },
        Status: { status: { name: 'Open' } },
        Area: { select: { name: 'Web' } },
        Tags: { multi_select: [{ name: 'launch' }, { name: 'web' }] },
        Due: { date: { start: '2026-06-01', end: '2026-06-05' } },
        Link: { url: 'https://example.com/v2' },
        Owner: { email: 'ada@example.com' },
        Phone: { phone_number: '+1 555 0100' },
        Assignee: { people: [{ id: 'user-1' }] },
        Epic: { relation: [{ id: 'page-9' }] },
        Spec: { files: [{ name: 'spec.pdf', external: { url: 'https://example.com/spec.pdf' } }] },
      },
      children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'First step' } }] } }],
    });
    const expected = await take();
    const { items, requests } = await node('page', 'create', {
      dataSourceId: SOURCE,
      icon: '\u2705',
      properties: [
        { name: 'Name', type: 'title', value: 'Ship v2' },
        { name: 'Notes', type: 'rich_text', value: 'Before June' },
        { name: 'Points', type: 'number', value: '5' },
        { name: 'Done', type: 'checkbox', value: false },
        { name: 'Status', type: 'status', value: 'Open' },
        { name: 'Area', type: 'select', value: 'Web' },
        { name: 'Tags', type: 'multi_select', value: 'launch, web' },
        { name: 'Due', type: 'date', value: { start: '2026-06-01', end: '2026-06-05' } },
        { name: 'Link', type: 'url', value: 'https://example.com/v2' },
        { name: 'Owner', type: 'email', value: 'ada@example.com' },
        { name: 'Phone', type: 'phone_number', value: '+1 555 0100' },
        { name: 'Assignee', type: 'people', value: ['user-1'] },
        { name: 'Epic', type: 'relation', value: 'page-9' },
        { name: 'Spec', type: 'files', value: ['https://example.com/spec.pdf'] },
      ],
      text: 'First step',
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/v1/pages', auth: `Bearer ${TOKEN}`, version: '2025-09-03' });
    expect(items[0]!.json).toMatchObject({ object: 'page', id: 'new-page', properties: { Points: { number: 5 } } });
  });

  it('updates, gets and archives a page as the SDK does; Notion JSON properties win over typed ones', async () => {
    await sdk.pages.update({ page_id: PAGE, properties: { Status: { status: { name: 'Done' } }, Due: { date: null } } });
    await sdk.pages.retrieve({ page_id: PAGE });
    await sdk.pages.update({ page_id: PAGE, archived: true });
    const expected = await take();
    const updated = await node('page', 'update', {
      pageId: PAGE,
      properties: [
        { name: 'Status', type: 'status', value: 'Open' },
        { name: 'Due', type: 'date', value: '' },
      ],
      propertiesJson: { Status: { status: { name: 'Done' } } },
    });
    const got = await node('page', 'get', { pageId: PAGE });
    const archived = await node('page', 'archive', { pageId: PAGE });
    expect([...updated.requests, ...got.requests, ...archived.requests]).toEqual(expected);
    expect(archived.items[0]!.json).toMatchObject({ id: PAGE, archived: true });
  });
});

describe('Notion databases, against @notionhq/client', () => {
  it('queries a data source over three pages with the filter and sorts the SDK sends, following next_cursor', async () => {
    const filter = { property: 'Status', status: { equals: 'Open' } };
    const sorts = [{ property: 'Due', direction: 'ascending' as const }];
    const fromSdk: unknown[] = [];
    for (let cursor: string | undefined; ;) {
      const answer = await sdk.dataSources.query({
        data_source_id: SOURCE,
        filter,
        sorts,
        page_size: 100,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      fromSdk.push(...answer.results);
      if (!answer.has_more || !answer.next_cursor) break;
      cursor = answer.next_cursor;
    }
    const expected = await take();
    const { items, requests } = await node('database', 'query', { dataSourceId: SOURCE, filter, sorts, returnAll: true });
    expect(expected.map((r) => (r.body as { start_cursor?: string }).start_cursor)).toEqual([undefined, 'cur-100', 'cur-200']);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(fromSdk);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('database', 'query', { dataSourceId: SOURCE, limit: 150 });
    expect(items).toHaveLength(150);
    expect(requests.map((r) => r.body)).toEqual([{ page_size: 100 }, { page_size: 100, start_cursor: 'cur-100' }]);
  });

  it('gets a database with its data sources, and a data source\u2019s schema (its properties), as the SDK does', async () => {
    await sdk.databases.retrieve({ database_id: DATABASE });
    await sdk.dataSources.retrieve({ data_source_id: SOURCE });
    const expected = await take();
    const database = await node('database', 'get', { databaseId: DATABASE });
    const described = await node('database', 'getSchema', { dataSourceId: SOURCE });
    expect([...database.requests, ...described.requests]).toEqual(expected);
    expect(database.items[0]!.json['data_sources']).toEqual([{ id: SOURCE, name: 'Tasks' }]);
    expect(Object.keys(described.items[0]!.json['properties'] as object)).toEqual(['Name', 'Status', 'Due']);
  });
});

describe('Notion blocks and search, against @notionhq/client', () => {
  it('appends paragraphs of text and blocks as the SDK does', async () => {
    const heading = { object: 'block', type: 'heading_2', heading_2: { rich_text: [{ type: 'text', text: { content: 'Notes' } }] } };
    const paragraph = (content: string) => ({
      object: 'block',
      type: 'paragraph',
      paragraph: { rich_text: [{ type: 'text', text: { content } }] },
    });
    await sdk.blocks.children.append({ block_id: PAGE, children: [paragraph('One'), paragraph('Two'), heading] as never });
    const expected = await take();
    const { items, requests } = await node('block', 'append', { blockId: PAGE, text: 'One\n\nTwo\n', blocks: [heading] });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(['block-0', 'block-1', 'block-2']);
  });

  it('lists a page\u2019s blocks over three pages, with the cursor in the query as the SDK sends it', async () => {
    for (let cursor: string | undefined; ;) {
      const answer = await sdk.blocks.children.list({ block_id: PAGE, page_size: 100, ...(cursor ? { start_cursor: cursor } : {}) });
      if (!answer.next_cursor) break;
      cursor = answer.next_cursor;
    }
    const expected = await take();
    const { items, requests } = await node('block', 'list', { blockId: PAGE, returnAll: true });
    expect(requests.map((r) => r.query)).toEqual([
      { page_size: '100' },
      { page_size: '100', start_cursor: 'cur-50' },
      { page_size: '100', start_cursor: 'cur-100' },
    ]);
    expect(requests).toEqual(expected);
    expect(items).toHaveLength(120);
  });

  it('searches with the text, object filter and sort the SDK sends, over three pages', async () => {
    for (let cursor: string | undefined; ;) {
      const answer = await sdk.search({
        query: 'Task',
        filter: { property: 'object', value: 'page' },
        sort: { direction: 'descending', timestamp: 'last_edited_time' },
        page_size: 100,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      if (!answer.next_cursor) break;
      cursor = answer.next_cursor;
    }
    const expected = await take();
    const { items, requests } = await node('search', 'search', {
      searchText: 'Task',
      objectType: 'page',
      sortDirection: 'descending',
      returnAll: true,
    });
    expect(requests).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(['row-1', 'row-2', 'row-3', 'row-4', 'row-5']);
  });
});

describe('Notion answers', () => {
  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'page', operation: 'get', pageId: PAGE },
    limits: (request) => request.method === 'GET',
    answer: {
      ...error(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'),
      headers: { 'retry-after': '2' },
    },
    waitMs: 2_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.path)).toEqual([`/v1/pages/${PAGE}`]);
      expect(retried.map((r) => r.path)).toEqual([`/v1/pages/${PAGE}`]);
    },
  });

  it('turns a validation error into a node error naming its code and the parameter, as the SDK receives it', async () => {
    const message = 'body failed validation: body.properties.Due.date.start should be a valid ISO 8601 date string, instead was `"soon"`.';
    overrides.push((method, path) => (method === 'POST' && path === '/v1/pages' ? error(400, 'validation_error', message) : undefined));
    const sdkError = await sdk.pages
      .create({ parent: { type: 'data_source_id', data_source_id: SOURCE }, properties: { Due: { date: { start: 'soon' } } } })
      .catch((e: unknown) => e);
    const expected = await take();
    const { execution, requests } = await node('page', 'create', {
      dataSourceId: SOURCE,
      properties: [{ name: 'Due', type: 'date', value: 'soon' }],
    });
    overrides.pop();
    expect(sdkError).toBeInstanceOf(APIResponseError);
    expect(sdkError).toMatchObject({ code: 'validation_error', status: 400 });
    expect(requests).toEqual(expected);
    expect(execution.error?.message).toBe(
      `Node 'Notion': Notion page.create failed: HTTP 400 validation_error: ${message} (parameter 'properties')`,
    );
    expect(execution.error?.details).toMatchObject({ service: 'notion', vendorCode: 'validation_error', parameter: 'properties' });
  });

  itTestsCredential(bed, 'tests a credential with GET /v1/users/me: a good token passes, a revoked one fails, as the SDK sees them', [
    { id: 'token', sdk: () => sdk.users.me({}) },
    {
      id: 'revoked',
      sdk: async () => {
        const refused = await new Client({ auth: REVOKED, baseUrl: bed.server.url, retry: false }).users
          .me({})
          .catch((e: APIResponseError) => e.code);
        expect(refused).toBe('unauthorized');
      },
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ path: '/v1/users/me', auth: `Bearer ${REVOKED}`, version: '2025-09-03' }],
    },
  ]);
});

describe('Notion choices for the editor (load options)', () => {
  it('offers the data sources shared with the integration, over every page of search, by title', async () => {
    await take();
    const choices = await bed.choices('dataSources', { resource: 'page', operation: 'create' });
    expect(choices).toEqual([
      { value: 'ds-1', label: 'Tasks' },
      { value: 'ds-2', label: 'Projects' },
      { value: 'ds-3', label: 'Notes' },
    ]);
    expect((await take()).map((r) => [r.path, r.body])).toEqual([
      ['/v1/search', { filter: { property: 'object', value: 'data_source' } }],
      ['/v1/search', { filter: { property: 'object', value: 'data_source' }, start_cursor: 'cur-2' }],
    ]);
  });
});

describe('Notion node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Log',
    parameters: { resource: 'page', operation: 'get', pageId: PAGE },
    message: "Node 'Log': Notion page.get needs a credential: choose a Notion internal integration token or Notion OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node and the parameter that is wrong, missing, or unknown', {
    name: 'Log',
    cases: [
      {
        parameters: { resource: 'database', operation: 'query', dataSourceId: SOURCE, limit: 'many' },
        throws: "node 'Log' (Notion): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'page', operation: 'create', dataSourceId: SOURCE, properties: [{ name: 'Due', type: 'when', value: 1 }] },
        throws: /node 'Log' \(Notion\): parameter 'properties\.0\.type' expected one of "title", .*got "when"/,
      },
      {
        parameters: { resource: 'block', operation: 'append', blockId: PAGE },
        fails: "Node 'Log': Notion block.append: parameter 'text' or parameter 'blocks' must give something to append.",
      },
      { parameters: { resource: 'page', operation: 'get' }, fails: "Node 'Log': Notion page.get: parameter 'pageId' is required." },
    ],
    unknown: { service: 'Notion', resources: ['page', 'database', 'block', 'search', 'custom'], operation: ['page', 'create'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the base URL, signed with the token and the Notion-Version', {
    parameters: { method: 'GET', path: '/users/me' },
    request: { method: 'GET', path: '/v1/users/me', auth: `Bearer ${TOKEN}`, version: '2025-09-03' },
    item: { statusCode: 200 },
  });
});

describe('Notion in a workflow', () => {
  it('marks open tasks as doing: Manual Trigger \u2192 Notion query \u2192 Edit Fields \u2192 Notion update, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'open',
        name: 'Open tasks',
        type: notion.node.type,
        parameters: {
          resource: 'database',
          operation: 'query',
          dataSourceId: SOURCE,
          filter: { property: 'Status', status: { equals: 'Open' } },
          limit: 3,
        },
        credentials: { notionApi: 'token' },
      },
      editFields(
        { id: 'name', name: 'Title' },
        { id: '{{ $json.id }}', title: '{{ $json.properties.Name.title[0].plain_text }}' },
        { only: true },
      ),
      {
        id: 'doing',
        name: 'Mark doing',
        type: notion.node.type,
        parameters: {
          resource: 'page',
          operation: 'update',
          pageId: '{{ $json.id }}',
          properties: [
            { name: 'Status', type: 'status', value: 'Doing' },
            { name: 'Notes', type: 'rich_text', value: 'Picked up: {{ $json.title }}' },
          ],
        },
        credentials: { notionApi: 'token' },
      },
    ]);
    overrides.push((method, path) =>
      method === 'PATCH' && path.startsWith('/v1/pages/row-') ? { body: page(path.slice(10)) } : undefined,
    );
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'token', type: 'notionApi', data: { token: TOKEN } }],
      compare: 'doing',
    });
    overrides.pop();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1/data_sources/${SOURCE}/query`,
      'PATCH /v1/pages/row-1',
      'PATCH /v1/pages/row-2',
      'PATCH /v1/pages/row-3',
    ]);
    expect(requests[1]!.body).toEqual({
      properties: {
        Status: { status: { name: 'Doing' } },
        Notes: { rich_text: [{ type: 'text', text: { content: 'Picked up: Task 1' } }] },
      },
    });
    expect(execution.nodes['doing']![0]!.output['main']!.map((i) => i.json['id'])).toEqual(['row-1', 'row-2', 'row-3']);
  });
});

describe('Notion OAuth2', () => {
  it('connects with the client\u2019s Basic credentials at Notion\u2019s token endpoint, as the SDK\u2019s oauth.token does, then signs with the token and the version', async () => {
    const oauth = await startVendorServer((request) => {
      if (request.url === '/v1/oauth/token')
        return {
          body: { access_token: 'ntn-oauth-1', token_type: 'bearer', bot_id: 'bot-2', workspace_id: 'ws-1', workspace_name: 'Acme' },
        };
      if (request.url === '/v1/users/me') return { body: { object: 'user', id: 'bot-2', type: 'bot' } };
      return undefined;
    });
    await new Client({ baseUrl: oauth.url, retry: false }).oauth.token({
      client_id: 'client-1',
      client_secret: 'shh',
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://app.example.com/callback',
    });
    const [fromSdk] = await oauth.take();
    const connected = await serviceEngine({
      nodeTypes: [notion.node],
      credentialTypes: [notionOAuth2],
      routes: { 'api.notion.com': oauth.url },
      credentials: [{ id: 'ws', type: 'notionOAuth2Api', data: { clientId: 'client-1', clientSecret: 'shh' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('ws', { redirectUri: 'https://app.example.com/callback' });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://api.notion.com/v1/oauth/authorize');
    expect(authorize.searchParams.get('owner')).toBe('user');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    const [exchange] = await oauth.take();
    // The same client authentication and grant fields; the engine posts them as a form, the SDK as JSON (Notion takes both).
    expect({ ...exchange, contentType: undefined }).toEqual({ ...fromSdk, contentType: undefined });
    expect(exchange!.auth).toBe('Basic client-1:shh');
    const run = await runNode(connected, {
      type: notion.node.type,
      parameters: { resource: 'custom', operation: 'apiCall', path: '/users/me' },
      credentials: { notionOAuth2Api: 'ws' },
    });
    expect(outputOf(run)[0]!.json['statusCode']).toBe(200);
    const call = oauth.requests.at(-1)!;
    expect([call.headers.authorization, call.headers['notion-version']]).toEqual(['Bearer ntn-oauth-1', '2025-09-03']);
    await oauth.close();
  });
});
