// HubSpot, checked against HubSpot's own SDK (@hubspot/api-client): both make the same call to one recording server.
// The SDK takes its base URL as `basePath`, so it is aimed at the server directly; the node still addresses
// api.hubapi.com, which the engine's fetch relays to the same server.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Client } from '@hubspot/api-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import type { Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { hubspot } from './hubspot.js';

const HOST = 'api.hubapi.com';
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const TYPES = ['contacts', 'companies', 'deals', 'tickets'] as const;
const RESOURCE = { contacts: 'contact', companies: 'company', deals: 'deal', tickets: 'ticket' } as const;

const failure = (status: number, category: string, message: string, errors?: unknown[]) => ({
  status,
  body: { status: 'error', message, correlationId: 'b8d2c4a0-5f1e-4c1e-9a2b-3c4d5e6f7a8b', category, ...(errors ? { errors } : {}) },
});
const record = (id: string, properties: Record<string, unknown> = {}) => ({
  id,
  properties: { hs_object_id: id, createdate: '2026-06-01T12:00:00.000Z', ...properties },
  createdAt: '2026-06-01T12:00:00.000Z',
  updatedAt: '2026-06-01T12:00:00.000Z',
  archived: false,
});
/** 250 contacts for search, answered `limit` at a time with `paging.next.after`, as HubSpot's search does. */
const PEOPLE = Array.from({ length: 250 }, (_, i) => record(String(i + 1), { email: `person${i + 1}@example.com` }));

/** Answers as HubSpot's API documents them. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  if (path === '/oauth/v1/token') {
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('code') !== 'code-good')
      return { status: 400, body: { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' } };
    return { body: { token_type: 'bearer', refresh_token: 'rt-1', access_token: TOKEN, expires_in: 1800 } };
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return failure(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
  }
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (path === '/account-info/v3/details') return { body: { portalId: 62515, accountType: 'STANDARD', timeZone: 'US/Eastern' } };
  if (path === '/marketing/v3/transactional/single-email/send') {
    return { body: { status: 'PENDING', statusId: 'a1b2c3', requestedAt: '2026-06-01T12:00:00.000Z', sendResult: 'SENT' } };
  }
  const properties = /^\/crm\/v3\/properties\/(\w+)$/.exec(path);
  if (properties) {
    return {
      body: {
        results: [
          { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
          { name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', fieldType: 'radio', groupName: 'contactinformation' },
          { name: 'member_number', label: 'Member number', type: 'string', fieldType: 'text', hasUniqueValue: true, groupName: 'x' },
        ],
      },
    };
  }
  const assoc = /^\/crm\/v4\/objects\/(\w+)\/(\w+)\/associations\/(default\/)?(\w+)\/(\w+)$/.exec(path);
  if (assoc) {
    if (assoc[3]) {
      return {
        body: {
          status: 'COMPLETE',
          results: [
            {
              from: { id: assoc[2] },
              to: { id: assoc[5] },
              associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
            },
          ],
          startedAt: '2026-06-01T12:00:00.000Z',
          completedAt: '2026-06-01T12:00:00.100Z',
        },
      };
    }
    return {
      status: 201,
      body: {
        fromObjectTypeId: '0-1',
        fromObjectId: Number(assoc[2]),
        toObjectTypeId: '0-2',
        toObjectId: Number(assoc[5]),
        labels: ['Primary'],
      },
    };
  }
  const at = /^\/crm\/v3\/objects\/(\w+)(?:\/([^/]+))?$/.exec(decodeURIComponent(path));
  if (!at || !(TYPES as readonly string[]).includes(at[1]!)) return undefined;
  const id = at[2];
  if (id === 'search') {
    const limit = Number(body['limit'] ?? 10);
    const after = Number(body['after'] ?? 0);
    const results = PEOPLE.slice(after, after + limit);
    const more = after + limit < PEOPLE.length;
    return { body: { total: PEOPLE.length, results, ...(more ? { paging: { next: { after: String(after + limit) } } } : {}) } };
  }
  const props = (body['properties'] ?? {}) as Record<string, unknown>;
  if (props['email'] === 'not-an-email') {
    return failure(
      400,
      'VALIDATION_ERROR',
      'Property values were not valid: [{"isValid":false,"message":"Email address not-an-email is invalid"}]',
      [{ message: 'Email address not-an-email is invalid', code: 'INVALID_EMAIL', context: { propertyName: ['email'] } }],
    );
  }
  if (id === undefined && request.method === 'POST') return { status: 201, body: record('51', props) };
  if (id === '404') return failure(404, 'OBJECT_NOT_FOUND', 'resource not found');
  if (request.method === 'PATCH') return { body: record(id!, props) };
  if (request.method === 'GET') return { body: record(id!, { email: 'ada@example.com' }) };
  return undefined;
}

const bed = serviceTestbed(hubspot, {
  name: 'HubSpot',
  answers: vendor,
  hosts: [HOST],
  credentials: [
    { id: 'app', type: 'hubspotAppToken', data: { accessToken: TOKEN } },
    { id: 'revoked', type: 'hubspotAppToken', data: { accessToken: 'pat-na1-revoked' } },
  ],
  // The SDK labels some bodiless requests JSON.
  read: withoutBodilessContentType,
});
const { take, node } = bed;
let sdk: Client;
beforeAll(() => {
  sdk = new Client({ accessToken: TOKEN, basePath: bed.server.url, numberOfApiCallRetries: 0 });
});

/** The SDK's API for one object type. */
const api = (type: (typeof TYPES)[number]) => sdk.crm[type];

describe('HubSpot, against @hubspot/api-client', () => {
  it('creates, updates and gets a record of each object type as the SDK does, and makes items of the answers', async () => {
    for (const type of TYPES) {
      const associations = [{ to: { id: '7' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }];
      await api(type).basicApi.create({ properties: { name: 'Ada' }, associations } as never);
      await api(type).basicApi.update('51', { properties: { name: 'Ada L.' } });
      await api(type).basicApi.getById('51', ['email', 'name'], undefined, ['companies'], undefined, 'hs_object_id');
      await api(type).basicApi.update('ada@example.com', { properties: { name: 'Ada' } }, 'email');
      const expected = await take();
      const resource = RESOURCE[type];
      const created = await node(resource, 'create', { properties: { name: 'Ada' }, associations });
      const updated = await node(resource, 'update', { objectId: '51', properties: { name: 'Ada L.' } });
      const got = await node(resource, 'get', {
        objectId: '51',
        returnProperties: ['email', 'name'],
        withAssociations: ['companies'],
        idProperty: 'hs_object_id',
      });
      const byEmail = await node(resource, 'update', { objectId: 'ada@example.com', idProperty: 'email', properties: { name: 'Ada' } });
      expect([...created.requests, ...updated.requests, ...got.requests, ...byEmail.requests]).toEqual(expected);
      expect(expected[0]).toMatchObject({ method: 'POST', path: `/crm/v3/objects/${type}`, auth: `Bearer ${TOKEN}` });
      expect(created.items[0]!.json).toEqual(record('51', { name: 'Ada' }));
      expect(got.items[0]!.json).toMatchObject({ id: '51', properties: { email: 'ada@example.com' } });
    }
  });

  it('searches with filter groups over three pages as the SDK does, and returns every result', async () => {
    const filterGroups = [
      { filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@example.com' }] },
      { filters: [{ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] }] },
    ];
    const sorts = [{ propertyName: 'createdate', direction: 'DESCENDING' }];
    for (let after: string | undefined = undefined; ;) {
      const page = await sdk.crm.contacts.searchApi.doSearch({
        filterGroups,
        sorts,
        query: 'ada',
        properties: ['email'],
        limit: 100,
        ...(after ? { after } : {}),
      } as never);
      after = page.paging?.next?.after;
      if (!after) break;
    }
    const expected = await take();
    const { items, requests } = await node('contact', 'search', {
      filterGroups,
      sorts,
      searchText: 'ada',
      returnProperties: ['email'],
      returnAll: true,
    });
    expect(expected.map((r) => (r.body as { after?: string }).after)).toEqual([undefined, '100', '200']);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(PEOPLE.map((p) => p.id));
  });

  it('associates records with the default association and with a label, as the SDK does', async () => {
    await sdk.crm.associations.v4.basicApi.createDefault('contacts', '51', 'companies', '7');
    await sdk.crm.associations.v4.basicApi.create('deals', '51', 'companies', '7', [
      { associationCategory: 'USER_DEFINED' as never, associationTypeId: 12 },
    ]);
    const expected = await take();
    const plain = await node('contact', 'associate', { objectId: '51', toObjectType: 'companies', toObjectId: '7' });
    const labelled = await node('deal', 'associate', {
      objectId: '51',
      toObjectType: 'companies',
      toObjectId: '7',
      associationTypeId: 12,
      associationCategory: 'USER_DEFINED',
    });
    expect([...plain.requests, ...labelled.requests]).toEqual(expected);
    expect(expected.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /crm/v4/objects/contacts/51/associations/default/companies/7',
      'PUT /crm/v4/objects/deals/51/associations/companies/7',
    ]);
    expect(plain.items[0]!.json).toMatchObject({ status: 'COMPLETE' });
    expect(labelled.items[0]!.json).toMatchObject({ labels: ['Primary'] });
  });

  it('sends an email and lists an object\u2019s properties as the SDK does', async () => {
    await sdk.marketing.transactional.singleSendApi.sendEmail({
      emailId: 4126643121,
      message: { to: 'ada@example.com', _from: 'Acme <news@acme.test>', replyTo: ['help@acme.test'], sendId: 'order-1' },
      contactProperties: { firstname: 'Ada' },
      customProperties: { order: 'A-1' },
    } as never);
    await sdk.crm.properties.coreApi.getAll('deals');
    const expected = await take();
    const sent = await node('email', 'send', {
      emailId: 4126643121,
      to: 'ada@example.com',
      from: 'Acme <news@acme.test>',
      replyTo: ['help@acme.test'],
      sendId: 'order-1',
      contactProperties: { firstname: 'Ada' },
      customProperties: { order: 'A-1' },
    });
    const listed = await node('property', 'list', { objectType: 'deals' });
    expect([...sent.requests, ...listed.requests]).toEqual(expected);
    expect(sent.items[0]!.json).toMatchObject({ status: 'PENDING', statusId: 'a1b2c3' });
    expect(listed.items.map((i) => i.json['name'])).toEqual(['email', 'lifecyclestage', 'member_number']);
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'deal', operation: 'create', properties: { dealname: 'Big one', amount: '5000' } },
    limits: (request, path) => request.method === 'POST' && path === '/crm/v3/objects/deals',
    answer: {
      ...failure(429, 'RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.'),
      headers: { 'retry-after': '3', 'x-hubspot-ratelimit-interval-milliseconds': '10000' },
    },
    waitMs: 3_000,
    check: (result) => {
      expect(result.execution.status).toBe('success');
      expect(result.limited.map((r) => r.path)).toEqual(['/crm/v3/objects/deals']);
      expect(result.retried.map((r) => r.body)).toEqual([{ properties: { dealname: 'Big one', amount: '5000' } }]);
    },
  });

  it('turns a HubSpot error into a node error naming the category and the parameter, as the SDK receives it', async () => {
    const sdkError = await sdk.crm.contacts.basicApi
      .create({ properties: { email: 'not-an-email' }, associations: [] })
      .catch((e: { code: number; body: { category: string } }) => e);
    const expected = await take();
    const invalid = await node('contact', 'create', { properties: { email: 'not-an-email' }, associations: [] });
    const missing = await node('ticket', 'get', { objectId: '404' });
    expect(sdkError).toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    expect(invalid.requests).toEqual(expected);
    expect(invalid.execution.error?.message).toBe(
      "Node 'HubSpot': HubSpot contact.create failed: HTTP 400 VALIDATION_ERROR: Property values were not valid: " +
        '[{"isValid":false,"message":"Email address not-an-email is invalid"}] (parameter \'properties\')',
    );
    expect(invalid.execution.error?.details).toMatchObject({ service: 'hubspot', vendorCode: 'VALIDATION_ERROR', parameter: 'properties' });
    expect(missing.execution.error?.message).toBe(
      "Node 'HubSpot': HubSpot ticket.get failed: HTTP 404 OBJECT_NOT_FOUND: resource not found (parameter 'objectId')",
    );
  });

  itTestsCredential(bed, 'tests a credential with the account details: a live token passes, a revoked one fails, as the SDK sees them', [
    { id: 'app', sdk: () => sdk.apiRequest({ method: 'GET', path: '/account-info/v3/details' }) },
    {
      id: 'revoked',
      sdk: async () => {
        const revoked = new Client({ accessToken: 'pat-na1-revoked', basePath: bed.server.url, numberOfApiCallRetries: 0 });
        expect((await revoked.apiRequest({ method: 'GET', path: '/account-info/v3/details' })).status).toBe(401);
      },
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ auth: 'Bearer pat-na1-revoked' }],
    },
  ]);

  itKeepsCustomCall(bed, 'keeps the custom API call on api.hubapi.com, signed with the token', {
    parameters: { method: 'GET', path: '/account-info/v3/details' },
    request: { method: 'GET', path: '/account-info/v3/details', auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200, body: { portalId: 62515 } },
  });
});

describe('HubSpot OAuth2', () => {
  it('connects through HubSpot\u2019s authorize page and token endpoint, then signs requests with the token', async () => {
    // The SDK's OAuth helper builds the authorization URL and exchanges the code; both are compared with the engine's.
    const connected = await bed.startEngine({
      credentials: [{ id: 'oauth', type: 'hubspotOAuth2Api', data: { clientId: 'client-1', clientSecret: 'shh', scope: 'oauth tickets' } }],
    });
    const redirect = 'https://flowloom.example/oauth2/callback';
    const sdkUrl = new URL(sdk.oauth.getAuthorizationUrl('client-1', redirect, 'oauth tickets'));
    const { url, state } = await connected.credentials.oauth2.startAuthorization('oauth', { redirectUri: redirect });
    const ours = new URL(url);
    expect(ours.origin + ours.pathname).toBe(sdkUrl.origin + sdkUrl.pathname);
    for (const key of ['client_id', 'redirect_uri', 'scope']) expect(ours.searchParams.get(key)).toBe(sdkUrl.searchParams.get(key));
    const tokenSdk = new Client({ basePath: bed.server.url });
    await tokenSdk.oauth.tokensApi.create('authorization_code', 'code-good', redirect, 'client-1', 'shh');
    const [sdkExchange] = await take();
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    const [exchange] = await take();
    const { code_verifier: verifier, ...exchanged } = exchange!.body as Record<string, string>;
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect({ ...exchange, body: exchanged }).toEqual(sdkExchange);
    const { items, requests } = await node(
      'ticket',
      'get',
      { objectId: '9' },
      { engine: connected, credentials: { hubspotOAuth2Api: 'oauth' } },
    );
    expect(items[0]!.json).toMatchObject({ id: '9' });
    expect(requests.map((r) => [r.method, r.path, r.auth])).toEqual([['GET', '/crm/v3/objects/tickets/9', `Bearer ${TOKEN}`]]);
  });
});

describe('HubSpot choices for the editor (load options)', () => {
  it('offers the unique properties of the node’s object type as ID properties, with its credential', async () => {
    await take();
    const choices = await bed.choices('uniqueProperties', { resource: 'deal', operation: 'update' });
    expect(choices).toEqual([
      { value: 'email', label: 'Email', description: 'email' },
      { value: 'member_number', label: 'Member number', description: 'member_number' },
    ]);
    expect((await take()).map((r) => [r.path, r.auth?.startsWith('Bearer ')])).toEqual([['/crm/v3/properties/deals', true]]);
  });
});

describe('HubSpot node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'New deal',
    parameters: { resource: 'deal', operation: 'create', properties: { dealname: 'x' } },
    message: "Node 'New deal': HubSpot deal.create needs a credential: choose a HubSpot private app token or HubSpot OAuth2 credential.",
  });

  itRejectsBadInput(
    bed,
    'names the node, the service and the parameter of the wrong type or left out, and unknown resources and operations',
    {
      name: 'New deal',
      cases: [
        {
          parameters: { resource: 'contact', operation: 'search', limit: 'many' },
          throws: "node 'New deal' (HubSpot): parameter 'limit' expected a number",
        },
        {
          parameters: { resource: 'deal', operation: 'update', properties: { amount: '1' } },
          fails: "Node 'New deal': HubSpot deal.update: parameter 'objectId' is required.",
        },
      ],
      unknown: {
        service: 'HubSpot',
        resources: ['contact', 'company', 'deal', 'ticket', 'email', 'property', 'custom'],
        operation: ['deal', 'create'],
      },
    },
  );
});
