// Pipedrive, checked against Pipedrive's own SDK (pipedrive, its v2 and v1 clients): both make the same call to one
// recording server. The SDK takes its base URL as `basePath`, so it is aimed at the server directly; the node still
// addresses api.pipedrive.com, which the engine's fetch relays to the same server.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { v1, v2 } from 'pipedrive';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { serviceEngine, type Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { pipedrive, pipedriveOAuth2 } from './pipedrive.js';

const HOST = 'api.pipedrive.com';
const TOKEN = '0123456789abcdef0123456789abcdef01234567';
const ACCESS = 'v1:oauth-access-token';
const CLIENT = { clientId: 'b3e1c7a9d2f4', clientSecret: 'app-secret' };

const failure = (status: number, error: string, code?: string, errorInfo?: string) => ({
  status,
  body: { success: false, error, ...(code ? { code } : {}), error_info: errorInfo ?? 'Please check developers.pipedrive.com', data: null },
});
/** 250 deals, answered a `limit` at a time with `additional_data.next_cursor`, as Pipedrive's v2 lists do. */
const DEALS = Array.from({ length: 250 }, (_, i) => ({
  id: i + 1,
  title: `Deal ${i + 1}`,
  value: (i + 1) * 10,
  currency: 'EUR',
  status: 'open',
}));
const MAIN: Record<string, string> = {
  deals: 'title',
  persons: 'name',
  organizations: 'name',
  activities: 'subject',
  pipelines: 'name',
  stages: 'name',
};

const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

/** Answers as Pipedrive's API documents them; `overrides` answer first when they match. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  if (path === '/oauth/token') {
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('code') !== 'code-good')
      return { status: 400, body: { success: false, message: 'Invalid grant: authorization code is invalid' } };
    return {
      body: {
        access_token: ACCESS,
        token_type: 'Bearer',
        refresh_token: 'rt-1',
        scope: 'base,deals:full',
        expires_in: 3599,
        api_domain: 'https://acme.pipedrive.com',
      },
    };
  }
  if (request.headers['x-api-token'] !== TOKEN && request.headers.authorization !== `Bearer ${ACCESS}`) {
    return {
      status: 401,
      body: { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' },
    };
  }
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (path === '/v1/users/me') return { body: { success: true, data: { id: 1, name: 'Ada Lovelace', company_domain: 'acme' } } };
  const fieldsOf = /^\/api\/v2\/(\w+)Fields$/.exec(path);
  if (fieldsOf) {
    return {
      body: {
        success: true,
        data: [
          { field_code: 'title', field_name: 'Title', field_type: 'varchar' },
          { field_code: 'd4de1c1518b4531717c676029a45911c340390a6', field_name: 'Region', field_type: 'enum', is_custom_field: true },
        ],
        additional_data: { next_cursor: null },
      },
    };
  }
  const at = /^\/api\/v2\/(\w+)(?:\/(\w+))?$/.exec(path);
  if (!at || !MAIN[at[1]!]) return undefined;
  const [, entity, second] = at as unknown as [string, string, string | undefined];
  if (second === 'search') {
    return {
      body: {
        success: true,
        data: {
          items: [{ result_score: 0.91, item: { id: 7, title: `Deal matching ${url.searchParams.get('term')}`, type: 'deal' } }],
        },
        additional_data: { next_cursor: null },
      },
    };
  }
  if (second === undefined && request.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const from = Number((url.searchParams.get('cursor') ?? 'c0').slice(1));
    const more = from + limit < DEALS.length;
    return {
      body: {
        success: true,
        data: DEALS.slice(from, from + limit),
        additional_data: { next_cursor: more ? `c${from + limit}` : null },
      },
    };
  }
  if (second === undefined && request.method === 'POST') {
    if (!(MAIN[entity]! in body)) {
      return failure(
        400,
        `Validation failed: ${MAIN[entity]}: Required`,
        'ERR_SCHEMA_VALIDATION_FAILED',
        'Please check developers.pipedrive.com',
      );
    }
    return { status: 201, body: { success: true, data: { id: 42, ...body, add_time: '2026-06-01T12:00:00Z' } } };
  }
  if (second === '404') return failure(404, 'Deal not found', 'ERR_NOT_FOUND');
  if (request.method === 'GET') return { body: { success: true, data: { id: Number(second), [MAIN[entity]!]: 'Existing' } } };
  if (request.method === 'PATCH' && typeof body['value'] === 'string') {
    return failure(400, 'Validation failed: value: Expected number, received string', 'ERR_SCHEMA_VALIDATION_FAILED');
  }
  if (request.method === 'PATCH') return { body: { success: true, data: { id: Number(second), ...body } } };
  if (request.method === 'DELETE') return { body: { success: true, data: { id: Number(second) } } };
  return undefined;
}

const bed = serviceTestbed(pipedrive, {
  name: 'Pipedrive',
  answers: vendor,
  authHeaders: ['x-api-token'],
  hosts: [HOST, 'oauth.pipedrive.com'],
  credentials: [
    { id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } },
    { id: 'revoked', type: 'pipedriveApi', data: { apiToken: 'revoked-token' } },
  ],
  // The SDK labels some bodiless requests JSON.
  read: withoutBodilessContentType,
});
const { take, node } = bed;
let config: v2.Configuration;
beforeAll(() => {
  config = new v2.Configuration({ apiKey: TOKEN, basePath: `${bed.server.url}/api/v2` });
});

describe('Pipedrive, against the pipedrive SDK', () => {
  it('creates, gets, updates and deletes a deal as the SDK does, and makes items of the data', async () => {
    const deals = new v2.DealsApi(config);
    await deals.addDeal({ AddDealRequest: { title: 'Big one', value: 5000, currency: 'EUR', person_id: 3 } });
    await deals.getDeal({ id: 42 });
    await deals.updateDeal({ id: 42, UpdateDealRequest: { title: 'Bigger one', status: 'won' } });
    await deals.deleteDeal({ id: 42 });
    const expected = await take();
    const created = await node('deal', 'create', { title: 'Big one', fields: { value: 5000, currency: 'EUR', person_id: 3 } });
    const got = await node('deal', 'get', { id: 42 });
    const updated = await node('deal', 'update', { id: '42', title: 'Bigger one', fields: { status: 'won' } });
    const deleted = await node('deal', 'delete', { id: 42 });
    expect([...created.requests, ...got.requests, ...updated.requests, ...deleted.requests]).toEqual(expected);
    expect(expected[0]).toMatchObject({
      method: 'POST',
      path: '/api/v2/deals',
      auth: `x-api-token: ${TOKEN}`,
      contentType: 'application/json',
    });
    expect(expected.map((r) => r.method)).toEqual(['POST', 'GET', 'PATCH', 'DELETE']);
    expect(created.items[0]!.json).toEqual({
      id: 42,
      title: 'Big one',
      value: 5000,
      currency: 'EUR',
      person_id: 3,
      add_time: '2026-06-01T12:00:00Z',
    });
    expect(deleted.items[0]!.json).toEqual({ id: 42 });
  });

  it('creates and updates persons, organizations, activities, pipelines and stages as the SDK does', async () => {
    await new v2.PersonsApi(config).addPerson({ AddPersonRequest: { name: 'Ada', emails: [{ value: 'ada@example.com', primary: true }] } });
    await new v2.PersonsApi(config).updatePerson({ id: 3, UpdatePersonRequest: { org_id: 9 } });
    await new v2.OrganizationsApi(config).addOrganization({ AddOrganizationRequest: { name: 'Analytical Engines' } });
    await new v2.OrganizationsApi(config).updateOrganization({ id: 9, UpdateOrganizationRequest: { name: 'AE Ltd' } });
    await new v2.ActivitiesApi(config).addActivity({ AddActivityRequest: { subject: 'Call Ada', type: 'call', deal_id: 42 } });
    await new v2.ActivitiesApi(config).updateActivity({ id: 8, AddActivityRequest: { done: true } });
    await new v2.PipelinesApi(config).addPipeline({ AddPipelineRequest: { name: 'Partners' } });
    await new v2.PipelinesApi(config).updatePipeline({ id: 2, UpdatePipelineRequest: { name: 'Resellers' } });
    await new v2.StagesApi(config).addStage({ AddStageRequest: { name: 'Qualified', pipeline_id: 2 } });
    await new v2.StagesApi(config).updateStage({ id: 5, UpdateStageRequest: { deal_probability: 40 } });
    const expected = await take();
    const runs = [
      await node('person', 'create', { name: 'Ada', fields: { emails: [{ value: 'ada@example.com', primary: true }] } }),
      await node('person', 'update', { id: 3, fields: { org_id: 9 } }),
      await node('organization', 'create', { name: 'Analytical Engines' }),
      await node('organization', 'update', { id: 9, name: 'AE Ltd' }),
      await node('activity', 'create', { subject: 'Call Ada', fields: { type: 'call', deal_id: 42 } }),
      await node('activity', 'update', { id: 8, fields: { done: true } }),
      await node('pipeline', 'create', { name: 'Partners' }),
      await node('pipeline', 'update', { id: 2, name: 'Resellers' }),
      await node('stage', 'create', { name: 'Qualified', fields: { pipeline_id: 2 } }),
      await node('stage', 'update', { id: 5, fields: { deal_probability: 40 } }),
    ];
    expect(runs.flatMap((r) => r.requests)).toEqual(expected);
    expect(runs.map((r) => r.items[0]!.json['id'])).toEqual([42, 3, 42, 9, 42, 8, 42, 2, 42, 5]);
  });

  it('lists deals over three pages with the SDK\u2019s cursors and filters, and returns every deal', async () => {
    const deals = new v2.DealsApi(config);
    for (let cursor: string | undefined = undefined; ;) {
      const page = await deals.getDeals({
        status: 'open',
        pipeline_id: 1,
        sort_by: 'update_time',
        sort_direction: 'desc',
        limit: 100,
        cursor,
      });
      cursor = page.additional_data?.next_cursor ?? undefined;
      if (!cursor) break;
    }
    const expected = await take();
    const { items, requests } = await node('deal', 'list', {
      status: 'open',
      pipeline_id: 1,
      sortBy: 'update_time',
      sortDirection: 'desc',
      returnAll: true,
    });
    expect(expected.map((r) => r.query['cursor'])).toEqual([undefined, 'c100', 'c200']);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(DEALS.map((d) => d.id));
  });

  it('lists the other entities and searches deals and persons as the SDK does', async () => {
    await new v2.PersonsApi(config).getPersons({ org_id: 9, limit: 100 });
    await new v2.ActivitiesApi(config).getActivities({ deal_id: 42, done: false, limit: 100 });
    await new v2.StagesApi(config).getStages({ pipeline_id: 2, limit: 100 });
    await new v2.DealsApi(config).searchDeals({ term: 'big', fields: 'title', exact_match: true, limit: 100 });
    await new v2.PersonsApi(config).searchPersons({ term: 'ada', limit: 100 });
    const expected = await take();
    const runs = [
      await node('person', 'list', { org_id: 9, limit: 3 }),
      await node('activity', 'list', { deal_id: 42, done: false, limit: 3 }),
      await node('stage', 'list', { pipeline_id: 2, limit: 3 }),
      await node('deal', 'search', { term: 'big', searchFields: ['title'], exactMatch: true }),
      await node('person', 'search', { term: 'ada' }),
    ];
    expect(runs.flatMap((r) => r.requests)).toEqual(expected);
    expect(runs[0]!.items).toHaveLength(3);
    expect(runs[3]!.items[0]!.json).toEqual({ result_score: 0.91, item: { id: 7, title: 'Deal matching big', type: 'deal' } });
  });

  it('lists the fields of deals and persons as the SDK does', async () => {
    await new v2.DealFieldsApi(config).getDealFields({ limit: 100 });
    await new v2.PersonFieldsApi(config).getPersonFields({ limit: 100 });
    const expected = await take();
    const deal = await node('field', 'list', { objectType: 'deal', returnAll: true });
    const person = await node('field', 'list', { objectType: 'person', returnAll: true });
    expect([...deal.requests, ...person.requests]).toEqual(expected);
    expect(deal.items.map((i) => i.json['field_name'])).toEqual(['Title', 'Region']);
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'deal', operation: 'create', title: 'Retry me' },
    limits: (request, path) => request.method === 'POST' && path === '/api/v2/deals',
    answer: { ...failure(429, 'Request over limit', 'ERR_RATE_LIMIT'), headers: { 'retry-after': '2', 'x-ratelimit-reset': '2' } },
    waitMs: 2_000,
    check: (result) => {
      expect(result.execution.status).toBe('success');
      expect(result.limited.map((r) => r.body)).toEqual([{ title: 'Retry me' }]);
      expect(result.retried.map((r) => r.body)).toEqual([{ title: 'Retry me' }]);
    },
  });

  it('turns a Pipedrive error into a node error naming the parameter, as the SDK receives it', async () => {
    const sdkError = await new v2.DealsApi(config)
      .updateDeal({ id: 42, UpdateDealRequest: { value: 'lots' as never } })
      .catch((e: { code: string }) => e);
    const expected = await take();
    const invalid = await node('deal', 'update', { id: 42, fields: { value: 'lots' } });
    const missing = await node('deal', 'get', { id: 404 });
    expect(sdkError).toMatchObject({ success: false, code: 'ERR_SCHEMA_VALIDATION_FAILED' });
    expect(invalid.requests).toEqual(expected);
    expect(invalid.execution.error?.message).toBe(
      "Node 'Pipedrive': Pipedrive deal.update failed: HTTP 400 ERR_SCHEMA_VALIDATION_FAILED: Validation failed: value: Expected number, received string " +
        "(Please check developers.pipedrive.com) (parameter 'fields')",
    );
    expect(missing.execution.error?.message).toBe(
      "Node 'Pipedrive': Pipedrive deal.get failed: HTTP 404 ERR_NOT_FOUND: Deal not found (Please check developers.pipedrive.com)",
    );
    expect(missing.execution.error?.details).toMatchObject({ service: 'pipedrive', status: 404, vendorCode: 'ERR_NOT_FOUND' });
    // A title left empty by an expression is caught before anything is sent.
    const untitled = await node('deal', 'create', { title: '{{ undefined }}', fields: { value: 10 } });
    expect(untitled.execution.error?.message).toMatch(/^Node 'Pipedrive'.*parameter 'title'/);
    expect(untitled.requests).toEqual([]);
  });

  itTestsCredential(bed, 'tests a credential with GET /v1/users/me: a good token passes, a revoked one fails, as the v1 SDK sees them', [
    { id: 'token', sdk: () => new v1.UsersApi(new v1.Configuration({ apiKey: TOKEN, basePath: `${bed.server.url}/v1` })).getCurrentUser() },
    {
      id: 'revoked',
      sdk: async () => {
        const refused = await new v1.UsersApi(new v1.Configuration({ apiKey: 'revoked-token', basePath: `${bed.server.url}/v1` }))
          .getCurrentUser()
          .catch((e: { error: string }) => e);
        expect(refused).toMatchObject({ success: false, error: 'unauthorized access' });
      },
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ auth: 'x-api-token: revoked-token' }],
    },
  ]);

  itKeepsCustomCall(bed, 'keeps the custom API call on api.pipedrive.com, for v1 and v2 paths, signed with the token', {
    parameters: { method: 'GET', path: '/v1/users/me' },
    request: { method: 'GET', path: '/v1/users/me', auth: `x-api-token: ${TOKEN}` },
    item: { statusCode: 200, body: { data: { company_domain: 'acme' } } },
  });
});

describe('Pipedrive OAuth2', () => {
  it('connects through Pipedrive\u2019s OAuth server (client as HTTP Basic), then sends the bearer token to the company\u2019s api_domain', async () => {
    // Per https://pipedrive.readme.io/docs/marketplace-oauth-authorization: the code is exchanged at
    // oauth.pipedrive.com/oauth/token with the client's id and secret as HTTP Basic (the SDK's OAuth2 helper is
    // not made to be aimed at another host, so the call is checked against that reference).
    const connected = await serviceEngine({
      nodeTypes: [pipedrive.node],
      credentialTypes: [pipedriveOAuth2],
      // No route to api.pipedrive.com: the calls must go to the api_domain of the token answer.
      routes: { 'acme.pipedrive.com': bed.server.url, 'oauth.pipedrive.com': bed.server.url },
      credentials: [{ id: 'oauth', type: 'pipedriveOAuth2Api', data: CLIENT }],
    });
    const redirect = 'https://flowloom.example/oauth2/callback';
    const { url, state } = await connected.credentials.oauth2.startAuthorization('oauth', { redirectUri: redirect });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://oauth.pipedrive.com/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(redirect);
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    const [exchange] = await take();
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      auth: `Basic ${CLIENT.clientId}:${CLIENT.clientSecret}`,
      contentType: 'application/x-www-form-urlencoded',
      body: { grant_type: 'authorization_code', code: 'code-good', redirect_uri: redirect },
    });
    const { items, requests } = await node('deal', 'get', { id: 7 }, { engine: connected, credentials: { pipedriveOAuth2Api: 'oauth' } });
    expect(items[0]!.json).toEqual({ id: 7, title: 'Existing' });
    expect(requests.map((r) => [r.method, r.path, r.auth])).toEqual([['GET', '/api/v2/deals/7', `Bearer ${ACCESS}`]]);
  });
});

describe('Pipedrive choices for the editor (load options)', () => {
  it('offers the pipelines, and a pipeline’s stages, with the node’s credential', async () => {
    await take();
    const named: Record<string, { id: number; name: string; pipeline_id?: number }[]> = {
      '/api/v2/pipelines': [
        { id: 1, name: 'Sales' },
        { id: 2, name: 'Partners' },
      ],
      '/api/v2/stages': [
        { id: 11, name: 'Qualified', pipeline_id: 1 },
        { id: 12, name: 'Won', pipeline_id: 1 },
      ],
    };
    overrides.push((method, path) =>
      method === 'GET' && named[path] ? { body: { success: true, data: named[path], additional_data: { next_cursor: null } } } : undefined,
    );
    try {
      const deal = (parameters: Record<string, unknown> = {}) => ({ resource: 'deal', operation: 'list', ...parameters });
      expect(await bed.choices('pipelines', deal())).toEqual([
        { value: 1, label: 'Sales' },
        { value: 2, label: 'Partners' },
      ]);
      expect(await bed.choices('stages', deal({ pipeline_id: 1 }))).toEqual([
        { value: 11, label: 'Qualified' },
        { value: 12, label: 'Won' },
      ]);
      expect((await take()).map((r) => [r.path, r.query])).toEqual([
        ['/api/v2/pipelines', {}],
        ['/api/v2/stages', { pipeline_id: '1' }],
      ]);
    } finally {
      overrides.pop();
    }
  });
});

describe('Pipedrive node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'New deal',
    parameters: { resource: 'deal', operation: 'create', title: 'x' },
    message: "Node 'New deal': Pipedrive deal.create needs a credential: choose a Pipedrive API token or Pipedrive OAuth2 credential.",
  });

  itRejectsBadInput(
    bed,
    'names the node, the service and the parameter of the wrong type or left out, and unknown resources and operations',
    {
      name: 'New deal',
      cases: [
        { parameters: { resource: 'deal', operation: 'get', id: 'forty-two' }, throws: /node 'New deal' \(Pipedrive\): parameter 'id'/ },
        {
          parameters: { resource: 'deal', operation: 'create', fields: { value: 1 } },
          fails: "Node 'New deal': Pipedrive deal.create: parameter 'title' is required.",
        },
      ],
      unknown: {
        service: 'Pipedrive',
        resources: ['deal', 'person', 'organization', 'activity', 'pipeline', 'stage', 'field', 'custom'],
        operation: ['deal', 'create'],
      },
    },
  );
});
