// Airtable, checked against Airtable's own SDK (airtable.js): both make the same call to one recording server
// (the SDK through its `endpointUrl` option). The meta API (bases, table schemas) is reached with the SDK's own request
// layer (`base('meta').makeRequest`, whose URLs are /v0/meta/...); attachment uploads, which the SDK cannot make, are
// checked against Airtable's published API reference (Upload attachment).
import Airtable from 'airtable';
import type { Item } from '@flowloom/engine';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, runNode, serviceEngine, startVendorServer, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { airtable, airtableOAuth2 } from './airtable.js';

const TOKEN = 'patGood.0123456789abcdef';
const REVOKED = 'patRevoked.ffffffffffff';
const BASE = 'appBase0000000001';
const TABLE = 'Open Tasks';
const at = (path: string) => `/v0/${BASE}/${encodeURIComponent(TABLE)}${path}`;

/** The table as Airtable holds it: 250 tasks. */
const tasks = Array.from({ length: 250 }, (_, i) => ({
  id: `rec${String(i + 1).padStart(14, '0')}`,
  createdTime: '2026-05-01T00:00:00.000Z',
  fields: { Name: `Task ${i + 1}`, Status: 'Open' },
}));
const bases = Array.from({ length: 5 }, (_, i) => ({ id: `app${i + 1}`, name: `Base ${i + 1}`, permissionLevel: 'create' }));
const schema = {
  tables: [
    {
      id: 'tblTasks',
      name: TABLE,
      primaryFieldId: 'fldName',
      fields: [
        { id: 'fldName', name: 'Name', type: 'singleLineText' },
        {
          id: 'fldStatus',
          name: 'Status',
          type: 'singleSelect',
          options: { choices: [{ id: 'sel1', name: 'Open', color: 'blueLight2' }] },
        },
        { id: 'fldPhotos', name: 'Photos', type: 'multipleAttachments', options: { isReversed: false } },
      ],
      views: [{ id: 'viwGrid', name: 'Grid view', type: 'grid' }],
    },
  ],
};

let created = 0;
const written = (r: { id?: string; fields?: Record<string, unknown> }) => ({
  id: r.id ?? `recNew${String(++created).padStart(11, '0')}`,
  createdTime: '2026-06-01T00:00:00.000Z',
  fields: r.fields ?? {},
});
const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

/** Answers as Airtable's Web API documents them; `overrides` answer first when they match. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  // airtable.js ends write paths with a slash (/v0/app/table/); the API takes both.
  const path = url.pathname.replace(/\/$/, '');
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return { status: 401, body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } } };
  }
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  const records = (body['records'] ?? []) as { id?: string; fields?: Record<string, unknown> }[];
  switch (`${request.method} ${path}`) {
    case 'GET /v0/meta/whoami':
      return { body: { id: 'usrAda', scopes: ['data.records:read'] } };
    case 'GET /v0/meta/bases': {
      const start = Number(url.searchParams.get('offset') ?? 0);
      return { body: { bases: bases.slice(start, start + 2), ...(start + 2 < bases.length ? { offset: String(start + 2) } : {}) } };
    }
    case `GET /v0/meta/bases/${BASE}/tables`:
      return { body: schema };
    case `GET ${at('')}`: {
      const start = Number(url.searchParams.get('offset')?.replace('itr', '') ?? 0);
      const size = Number(url.searchParams.get('pageSize') ?? 100);
      const page = tasks.slice(start, start + size);
      return { body: { records: page, ...(start + size < tasks.length ? { offset: `itr${start + size}` } : {}) } };
    }
    case `GET ${at(`/${tasks[0]!.id}`)}`:
      return { body: tasks[0] };
    case `POST ${at('')}`:
      return { body: { records: records.map(written) } };
    case `PATCH ${at('')}`: {
      if (!body['performUpsert']) return { body: { records: records.map(written) } };
      const out = records.map((r, i) => written(i === 0 ? { ...r, id: tasks[0]!.id } : r));
      return { body: { records: out, updatedRecords: [out[0]!.id], createdRecords: out.slice(1).map((r) => r.id) } };
    }
    case `DELETE ${at('')}`:
      return { body: { records: url.searchParams.getAll('records[]').map((id) => ({ id, deleted: true })) } };
  }
  const upload = /^\/v0\/(app\w+)\/(rec\w+)\/([^/]+)\/uploadAttachment$/.exec(path);
  if (upload && request.method === 'POST') {
    return {
      body: {
        id: upload[2],
        createdTime: '2026-05-01T00:00:00.000Z',
        fields: {
          fldPhotos: [{ id: 'att1', url: 'https://v5.airtableusercontent.com/a1', filename: body['filename'], type: body['contentType'] }],
        },
      },
    };
  }
  return undefined;
}

const bed = serviceTestbed(airtable, {
  name: 'Airtable',
  answers: vendor,
  hosts: ['api.airtable.com', 'content.airtable.com'],
  credentials: [
    { id: 'pat', type: 'airtableTokenApi', data: { accessToken: TOKEN } },
    { id: 'revoked', type: 'airtableTokenApi', data: { accessToken: REVOKED } },
  ],
  // Compared the way the API reads them: airtable.js labels every request JSON and ends write paths with a slash.
  read: (r) => ({ ...r, path: r.path.replace(/\/$/, ''), contentType: r.body === undefined ? undefined : r.contentType }),
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, parameters, { input });
let sdk: Airtable;
beforeAll(() => {
  sdk = new Airtable({ apiKey: TOKEN, endpointUrl: bed.server.url, noRetryIfRateLimited: true });
});
const table = () => sdk.base(BASE).table(TABLE);
const where = { baseId: BASE, table: TABLE };

describe('Airtable records, against airtable.js', () => {
  it('lists records over three pages with the view, formula, sort and fields the SDK sends, following `offset`', async () => {
    const query = {
      view: 'Grid view',
      filterByFormula: "{Status} = 'Open'",
      sort: [
        { field: 'Due', direction: 'desc' as const },
        { field: 'Name', direction: 'asc' as const },
      ],
      fields: ['Name', 'Status'],
      pageSize: 100,
    };
    const fromSdk = await table().select(query).all();
    const expected = await take();
    const { items, requests } = await node('record', 'list', {
      ...where,
      view: 'Grid view',
      filterByFormula: "{Status} = 'Open'",
      sort: [{ field: 'Due', direction: 'desc' }, { field: 'Name' }],
      returnFields: ['Name', 'Status'],
      returnAll: true,
    });
    expect(expected.map((r) => r.query['offset'])).toEqual([undefined, 'itr100', 'itr200']);
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ method: 'GET', path: at(''), auth: `Bearer ${TOKEN}` });
    expect(items.map((i) => i.json)).toEqual(fromSdk.map((r) => r._rawJson));
    expect(items).toHaveLength(250);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('record', 'list', { ...where, limit: 120 });
    expect(items).toHaveLength(120);
    expect(requests.map((r) => r.query)).toEqual([{ pageSize: '100' }, { pageSize: '100', offset: 'itr100' }]);
  });

  it('gets a record as the SDK does', async () => {
    const fromSdk = await table().find(tasks[0]!.id);
    const expected = await take();
    const { items, requests } = await node('record', 'get', { ...where, recordId: tasks[0]!.id });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toEqual(fromSdk._rawJson);
  });

  it('creates one record per item, ten to a request as the SDK sends them, each paired with its item', async () => {
    const input = Array.from({ length: 12 }, (_, i) => ({ json: { name: `New ${i + 1}` } }));
    const records = input.map((item) => ({ fields: { Name: item.json.name, Status: 'Open' } }));
    await table().create(records.slice(0, 10), { typecast: true });
    await table().create(records.slice(10), { typecast: true });
    const expected = await take();
    const { items, requests } = await node(
      'record',
      'create',
      { ...where, fields: { Name: '{{ $json.name }}', Status: 'Open' }, typecast: true },
      input,
    );
    expect(requests).toEqual(expected);
    expect(requests.map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([10, 2]);
    expect(items.map((i) => [i.json['fields'], i.pairedItem])).toEqual(
      input.map((item, i) => [{ Name: item.json.name, Status: 'Open' }, { item: i }]),
    );
  });

  it('updates and upserts records as the SDK does, with performUpsert and the fields to match on', async () => {
    const ids = tasks.slice(0, 3).map((t) => t.id);
    await table().update(ids.map((id) => ({ id, fields: { Status: 'Done' } })));
    await table().update(
      [{ fields: { Email: 'ada@example.com', Name: 'Ada' } }, { fields: { Email: 'grace@example.com', Name: 'Grace' } }] as never,
      { performUpsert: { fieldsToMergeOn: ['Email'] }, typecast: false } as never,
    );
    const expected = await take();
    const updated = await node(
      'record',
      'update',
      { ...where, recordId: '{{ $json.id }}', fields: { Status: 'Done' } },
      ids.map((id) => ({ json: { id } })),
    );
    const people = [{ json: { email: 'ada@example.com', name: 'Ada' } }, { json: { email: 'grace@example.com', name: 'Grace' } }];
    const upserted = await node(
      'record',
      'upsert',
      { ...where, fieldsToMergeOn: ['Email'], fields: { Email: '{{ $json.email }}', Name: '{{ $json.name }}' }, typecast: false },
      people,
    );
    expect([...updated.requests, ...upserted.requests]).toEqual(expected);
    expect(updated.items.map((i) => i.json['id'])).toEqual(ids);
    expect(upserted.items.map((i) => [i.json['id'], i.pairedItem])).toEqual([
      [tasks[0]!.id, { item: 0 }],
      [expect.stringMatching(/^recNew/), { item: 1 }],
    ]);
  });

  it('deletes records ten to a request as the SDK does, and sends items for other tables apart', async () => {
    const ids = tasks.slice(0, 3).map((t) => t.id);
    await table().destroy(ids);
    const expected = await take();
    const { items, requests } = await node(
      'record',
      'delete',
      { ...where, recordId: '{{ $json.id }}' },
      ids.map((id) => ({ json: { id } })),
    );
    expect(requests).toEqual(expected);
    expect(requests[0]!.query).toEqual({ 'records[]': ids });
    expect(items.map((i) => i.json)).toEqual(ids.map((id) => ({ id, deleted: true })));

    const mixed = await node('record', 'delete', { baseId: BASE, table: '{{ $json.table }}', recordId: '{{ $json.id }}' }, [
      { json: { table: TABLE, id: 'rec1' } },
      { json: { table: 'Archive', id: 'rec2' } },
      { json: { table: 'Archive', id: 'rec3' } },
    ]);
    expect(mixed.requests.map((r) => [r.path, r.query])).toEqual([
      [at(''), { 'records[]': 'rec1' }],
      [`/v0/${BASE}/Archive`, { 'records[]': ['rec2', 'rec3'] }],
    ]);
  });
});

describe('Airtable bases and schemas, against airtable.js\u2019s request layer', () => {
  it('lists bases over three pages with `offset`, as the SDK asks for them', async () => {
    const meta = sdk.base('meta');
    for (let offset: string | undefined; ;) {
      const page = (await meta.makeRequest({ path: '/bases', qs: offset ? { offset } : {} })).body as { offset?: string };
      if (!page.offset) break;
      offset = page.offset;
    }
    const expected = await take();
    const { items, requests } = await node('base', 'list', { returnAll: true });
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query)).toEqual([{}, { offset: '2' }, { offset: '4' }]);
    expect(items.map((i) => i.json['id'])).toEqual(['app1', 'app2', 'app3', 'app4', 'app5']);
  });

  it('lists a base\u2019s tables with their fields, for choosing fields', async () => {
    await sdk.base('meta').makeRequest({ path: `/bases/${BASE}/tables` });
    const expected = await take();
    const { items, requests } = await node('table', 'list', { baseId: BASE });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(schema.tables);
  });
});

describe('Airtable choices for the editor (load options)', () => {
  it('offers the bases (every page) and a base’s tables, with the node’s credential', async () => {
    await take();
    const list = (parameters: Record<string, unknown> = {}) => ({ resource: 'record', operation: 'list', ...parameters });
    const offered = await bed.choices('bases', list());
    expect(offered).toEqual(bases.map((b) => ({ value: b.id, label: b.name })));
    const tables = await bed.choices('tables', list({ baseId: BASE }));
    expect(tables).toEqual([{ value: 'tblTasks', label: TABLE }]);
    expect((await take()).map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/v0/meta/bases', {}, `Bearer ${TOKEN}`],
      ['/v0/meta/bases', { offset: '2' }, `Bearer ${TOKEN}`],
      ['/v0/meta/bases', { offset: '4' }, `Bearer ${TOKEN}`],
      [`/v0/meta/bases/${BASE}/tables`, {}, `Bearer ${TOKEN}`],
    ]);
    await expect(bed.choices('tables', list())).rejects.toThrow(
      "Node 'Airtable': Airtable: fill in parameter 'baseId' first, to list the choices.",
    );
  });
});

describe('Airtable attachments', () => {
  it('uploads the item\u2019s file to the content host as the API reference describes', async () => {
    const data = Buffer.from('%PDF-1.7 invoice').toString('base64');
    const { items, requests } = await node('attachment', 'upload', { baseId: BASE, recordId: tasks[0]!.id, attachmentField: 'Photos' }, [
      { json: {}, binary: { data: { data, mimeType: 'application/pdf', fileName: 'invoice.pdf' } } },
    ]);
    // POST https://content.airtable.com/v0/{baseId}/{recordId}/{attachmentFieldIdOrName}/uploadAttachment,
    // JSON { contentType, file (base64), filename }.
    expect(requests).toEqual([
      {
        method: 'POST',
        path: `/v0/${BASE}/${tasks[0]!.id}/Photos/uploadAttachment`,
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: { contentType: 'application/pdf', file: data, filename: 'invoice.pdf' },
      },
    ]);
    expect(items[0]!.json['fields']).toEqual({
      fldPhotos: [{ id: 'att1', url: 'https://v5.airtableusercontent.com/a1', filename: 'invoice.pdf', type: 'application/pdf' }],
    });
  });

  it('adds a file from a URL after the files already there, as find then update with the SDK', async () => {
    const id = tasks[0]!.id;
    const withPhoto = {
      ...tasks[0]!,
      fields: { ...tasks[0]!.fields, Photos: [{ id: 'attOld', url: 'https://v5.airtableusercontent.com/old', filename: 'old.png' }] },
    };
    overrides.push((method, path) =>
      path === at(`/${id}`) ? (method === 'GET' ? { body: withPhoto } : method === 'PATCH' ? { body: withPhoto } : undefined) : undefined,
    );
    await table().find(id);
    await table().update(id, { Photos: [{ id: 'attOld' }, { url: 'https://example.com/new.png', filename: 'new.png' }] } as never);
    const expected = await take();
    const { requests } = await node('attachment', 'addFromUrl', {
      ...where,
      recordId: id,
      attachmentField: 'Photos',
      url: 'https://example.com/new.png',
      fileName: 'new.png',
    });
    overrides.pop();
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
  });

  it('names the binary property when the item has no file', async () => {
    const { execution, requests } = await node('attachment', 'upload', { baseId: BASE, recordId: 'rec1', attachmentField: 'Photos' });
    expect(execution.error?.message).toBe(
      "Node 'Airtable': Airtable attachment.upload: parameter 'binaryProperty': the item has no binary 'data' with data.",
    );
    expect(requests).toEqual([]);
  });
});

describe('Airtable answers', () => {
  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'record', operation: 'get', ...where, recordId: tasks[0]!.id },
    limits: (request) => request.method === 'GET',
    answer: {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded.' }] },
    },
    waitMs: 30_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.method)).toEqual(['GET']);
      expect(retried.map((r) => r.path)).toEqual([at(`/${tasks[0]!.id}`)]);
    },
  });

  it('turns an Airtable error into a node error naming its type and the parameter, as the SDK receives it', async () => {
    overrides.push((method) =>
      method === 'POST'
        ? {
            status: 422,
            body: { error: { type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Due" cannot accept the provided value' } },
          }
        : undefined,
    );
    const sdkError = await table()
      .create([{ fields: { Due: 'soon' } }])
      .catch((e: { error: string; message: string; statusCode: number }) => e);
    const expected = await take();
    const { execution, requests } = await node('record', 'create', { ...where, fields: { Due: 'soon' } });
    overrides.pop();
    expect(sdkError).toMatchObject({ error: 'INVALID_VALUE_FOR_COLUMN', statusCode: 422 });
    expect(requests).toEqual(expected);
    expect(execution.error?.message).toBe(
      `Node 'Airtable': Airtable record.create failed: HTTP 422 INVALID_VALUE_FOR_COLUMN: Field "Due" cannot accept the provided value (parameter 'fields')`,
    );
    expect(execution.error?.details).toMatchObject({ service: 'airtable', status: 422, parameter: 'fields' });
  });

  itTestsCredential(bed, 'tests a credential with GET /v0/meta/whoami: a good token passes, a revoked one fails', [
    { id: 'pat', calls: [{ path: '/v0/meta/whoami', auth: `Bearer ${TOKEN}` }] },
    {
      id: 'revoked',
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ path: '/v0/meta/whoami', auth: `Bearer ${REVOKED}` }],
    },
  ]);
});

describe('Airtable node: bad input', () => {
  itRejectsBadInput(bed, 'refuses an upsert whose record lacks a value to match on, naming the parameters, before sending', {
    name: 'Airtable',
    cases: [
      {
        parameters: { resource: 'record', operation: 'upsert', ...where, fieldsToMergeOn: ['Email'], fields: { Name: 'Ada' } },
        fails:
          "Node 'Airtable': Airtable record.upsert: parameter 'fields' has no value for 'Email', named in parameter 'fieldsToMergeOn'; a record is matched on those values.",
      },
      {
        parameters: { resource: 'record', operation: 'upsert', ...where, fieldsToMergeOn: [], fields: { Name: 'Ada' } },
        throws: "node 'Airtable': parameter 'fieldsToMergeOn' must have at least 1 items",
      },
    ],
  });

  itRejectsBadInput(bed, 'names the item whose parameters are wrong in a batch, before sending any of it', {
    name: 'Airtable',
    cases: [
      {
        parameters: { resource: 'record', operation: 'create', ...where, fields: '{{ $json.fields }}' },
        input: [{ json: { fields: { Name: 'a' } } }, { json: { fields: 'not a record' } }],
        fails: `Node 'Airtable': Airtable record.create: parameter 'fields' expected an object, got "not a record" (item 1).`,
      },
    ],
  });

  itNamesMissingCredential(bed, {
    name: 'Save',
    parameters: { resource: 'record', operation: 'get', ...where, recordId: 'rec1' },
    message: "Node 'Save': Airtable record.get needs a credential: choose a Airtable personal access token or Airtable OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node and the parameter of the wrong type, an unknown resource or operation', {
    name: 'Save',
    cases: [
      {
        parameters: { resource: 'record', operation: 'list', ...where, limit: 'many' },
        throws: "node 'Save' (Airtable): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'record', operation: 'get', ...where },
        fails: "Node 'Save': Airtable record.get: parameter 'recordId' is required.",
      },
    ],
    unknown: { service: 'Airtable', resources: ['record', 'attachment', 'base', 'table', 'custom'], operation: ['record', 'list'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the base URL, signed with the token', {
    parameters: { method: 'GET', path: '/meta/whoami' },
    request: { method: 'GET', path: '/v0/meta/whoami', auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200, body: { id: 'usrAda', scopes: ['data.records:read'] } },
    exact: true,
  });
});

describe('Airtable in a workflow', () => {
  it('closes open tasks: Manual Trigger \u2192 Airtable list \u2192 Edit Fields \u2192 Airtable update, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'open',
        name: 'Open tasks',
        type: airtable.node.type,
        parameters: { resource: 'record', operation: 'list', ...where, filterByFormula: "{Status} = 'Open'", limit: 12 },
        credentials: { airtableTokenApi: 'pat' },
      },
      editFields({ id: 'note', name: 'Closing note' }, { id: '{{ $json.id }}', note: 'Closed: {{ $json.fields.Name }}' }, { only: true }),
      {
        id: 'close',
        name: 'Close',
        type: airtable.node.type,
        parameters: {
          resource: 'record',
          operation: 'update',
          ...where,
          recordId: '{{ $json.id }}',
          fields: { Status: 'Done', Note: '{{ $json.note }}' },
        },
        credentials: { airtableTokenApi: 'pat' },
      },
    ]);
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'pat', type: 'airtableTokenApi', data: { accessToken: TOKEN } }],
      compare: 'close',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${at('')}`, `PATCH ${at('')}`, `PATCH ${at('')}`]);
    expect((requests[1]!.body as { records: unknown[] }).records[0]).toEqual({
      id: tasks[0]!.id,
      fields: { Status: 'Done', Note: 'Closed: Task 1' },
    });
    expect(requests.slice(1).map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([10, 2]);
    const closed = execution.nodes['close']![0]!.output['main']!;
    expect(closed.map((i) => i.json['id'])).toEqual(tasks.slice(0, 12).map((t) => t.id));
  });
});

describe('Airtable OAuth2', () => {
  it('connects with PKCE and the client\u2019s Basic credentials at Airtable\u2019s token endpoint, then signs with the token', async () => {
    // Per Airtable's OAuth reference: authorize at airtable.com/oauth2/v1/authorize with an S256 code challenge; exchange the
    // code at airtable.com/oauth2/v1/token (form body with code_verifier; a confidential client authenticates with Basic).
    const oauth = await startVendorServer((request) => {
      if (request.url === '/oauth2/v1/token')
        return {
          body: { access_token: 'oat-1', refresh_token: 'ort-1', token_type: 'Bearer', expires_in: 3600, scope: 'data.records:read' },
        };
      if (request.url.startsWith('/v0/meta/bases')) return { body: { bases: [{ id: 'app1', name: 'CRM' }] } };
      return undefined;
    });
    const connected = await serviceEngine({
      nodeTypes: [airtable.node],
      credentialTypes: [airtableOAuth2],
      routes: { 'airtable.com': oauth.url, 'api.airtable.com': oauth.url },
      credentials: [{ id: 'at', type: 'airtableOAuth2Api', data: { clientId: 'client-1', clientSecret: 'shh' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('at', { redirectUri: 'https://app.example.com/callback' });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://airtable.com/oauth2/v1/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    const exchange = (await oauth.take())[0]!;
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/oauth2/v1/token',
      auth: 'Basic client-1:shh',
      body: { grant_type: 'authorization_code', code: 'code-1', redirect_uri: 'https://app.example.com/callback' },
    });
    expect((exchange.body as Record<string, string>)['code_verifier']).toMatch(/^[\w-]{43}$/);
    const run = await runNode(connected, {
      type: airtable.node.type,
      parameters: { resource: 'base', operation: 'list' },
      credentials: { airtableOAuth2Api: 'at' },
    });
    expect(outputOf(run).map((i) => i.json['id'])).toEqual(['app1']);
    expect((await oauth.take()).map((r) => [r.path, r.auth])).toEqual([['/v0/meta/bases', 'Bearer oat-1']]);
    await oauth.close();
  });
});
