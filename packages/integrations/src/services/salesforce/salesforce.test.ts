// Salesforce, checked against jsforce, Salesforce's JavaScript library: both make the same call to one recording server.
// jsforce takes the instance URL as its base (`instanceUrl`), the way it takes it from a token answer, so it is aimed at the
// server directly; the node still addresses the org's My Domain, which the engine's fetch relays to the same server.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Connection, OAuth2 } from 'jsforce';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { API_VERSION } from './salesforce-credentials.js';
import { salesforce, salesforceOAuth2 } from './salesforce.js';

const HOST = 'acme.my.salesforce.com';
const INSTANCE = `https://${HOST}`;
const TOKEN = '00D5e000000AbCd!AQ4AQFakeAccessToken';
const DATA = `/services/data/v${API_VERSION}`;
const CLIENT = { loginUrl: 'https://login.salesforce.com', clientId: '3MVG9fake.consumer.key', clientSecret: 'consumer-secret' };
const REDIRECT = 'https://flowloom.example/oauth2/callback';

/** The org's objects; any other name is answered as Salesforce answers an unknown object. */
const OBJECTS = new Set(['Lead', 'Contact', 'Account', 'Opportunity', 'Invoice__c']);
const REQUIRED: Record<string, string> = { Lead: 'LastName', Contact: 'LastName', Account: 'Name', Opportunity: 'Name' };
const problem = (status: number, errorCode: string, message: string, fields?: string[]) => ({
  status,
  body: [{ message, errorCode, ...(fields ? { fields } : {}) }],
});
const NOT_FOUND = problem(404, 'NOT_FOUND', 'The requested resource does not exist');

/** Five opportunities, answered two at a time with `nextRecordsUrl`, as Salesforce answers a query in batches. */
const OPPORTUNITIES = [
  { Id: '0065e00000Opp1AAA', Name: 'Small deal', Amount: 80 },
  { Id: '0065e00000Opp2AAA', Name: 'Big deal', Amount: 250 },
  { Id: '0065e00000Opp3AAA', Name: 'Tiny deal', Amount: 10 },
  { Id: '0065e00000Opp4AAA', Name: 'Huge deal', Amount: 9000 },
  { Id: '0065e00000Opp5AAA', Name: 'Mid deal', Amount: 120 },
].map((r) => ({ attributes: { type: 'Opportunity', url: `${DATA}/sobjects/Opportunity/${r.Id}` }, ...r }));
function queryPage(batch: number) {
  const records = OPPORTUNITIES.slice(batch * 2, batch * 2 + 2);
  const more = batch * 2 + 2 < OPPORTUNITIES.length;
  return {
    body: {
      totalSize: OPPORTUNITIES.length,
      done: !more,
      ...(more ? { nextRecordsUrl: `${DATA}/query/01gD0000002HU6KIAW-${(batch + 1) * 2}` } : {}),
      records,
    },
  };
}

const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

/** Answers as Salesforce's REST API documents them; `overrides` answer first when they match. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = decodeURIComponent(url.pathname);
  if (path === '/services/oauth2/token') {
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('code') !== 'code-good')
      return { status: 400, body: { error: 'invalid_grant', error_description: 'expired authorization code' } };
    return {
      body: {
        access_token: TOKEN,
        refresh_token: '5Aep861refresh',
        signature: 'sig',
        scope: 'refresh_token api',
        instance_url: INSTANCE,
        id: `https://login.salesforce.com/id/00D5e000000AbCd/0055e000001XyZ`,
        token_type: 'Bearer',
        issued_at: '1780308000000',
      },
    };
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) return problem(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  if (!path.startsWith(DATA)) return undefined;
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  const rest = path.slice(DATA.length);
  if (rest === '/limits') return { body: { DailyApiRequests: { Max: 15000, Remaining: 14998 } } };
  if (rest === '/sobjects') {
    return {
      body: {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: [...OBJECTS].map((name) => ({ name, label: name.replace('__c', ''), custom: name.endsWith('__c'), queryable: true })),
      },
    };
  }
  if (rest === '/query' || rest === '/queryAll') return queryPage(0);
  const locator = /^\/query\/01gD0000002HU6KIAW-(\d+)$/.exec(rest);
  if (locator) return queryPage(Number(locator[1]) / 2);
  const at = /^\/sobjects\/(\w+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(rest);
  if (!at) return undefined;
  const [, object, second, third] = at as unknown as [string, string, string | undefined, string | undefined];
  if (!OBJECTS.has(object)) return NOT_FOUND;
  if (second === 'describe') {
    return {
      body: {
        name: object,
        label: object,
        custom: object.endsWith('__c'),
        fields: [
          { name: 'Id', label: `${object} ID`, type: 'id', nillable: false },
          { name: 'Name', label: 'Name', type: 'string', length: 80, nillable: false },
          { name: 'External_Id__c', label: 'External ID', type: 'string', externalId: true, nillable: true },
        ],
      },
    };
  }
  if (third !== undefined) {
    // PATCH /sobjects/{object}/{externalIdField}/{value}: an upsert.
    if (second !== 'External_Id__c' && second !== 'Id')
      return problem(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${second}`);
    return { status: 201, body: { id: 'a015e00000Up1AAA', success: true, errors: [], created: true } };
  }
  if (second === undefined && request.method === 'POST') {
    const required = REQUIRED[object];
    if (required && !(required in body)) {
      return problem(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${required}]`, [required]);
    }
    return { status: 201, body: { id: `${object === 'Lead' ? '00Q' : 'a01'}5e00000New1AAA`, success: true, errors: [] } };
  }
  if (second === undefined) return undefined;
  if (second === 'nope') return problem(400, 'MALFORMED_ID', `${object} ID: id value of incorrect type: nope`);
  if (request.method === 'GET') {
    const fields = url.searchParams.get('fields')?.split(',') ?? ['Id', 'Name', 'Company'];
    const full: Record<string, unknown> = { Id: second, Name: 'Ada Lovelace', Company: 'Analytical Engines', Status: 'Open' };
    return {
      body: {
        attributes: { type: object, url: `${DATA}/sobjects/${object}/${second}` },
        ...Object.fromEntries(fields.map((f) => [f, full[f] ?? null])),
      },
    };
  }
  if (request.method === 'PATCH' || request.method === 'DELETE') return { status: 204 };
  return undefined;
}

const bed = serviceTestbed(salesforce, {
  name: 'Salesforce',
  answers: vendor,
  hosts: [HOST, 'login.salesforce.com'],
  credentials: [
    { id: 'sf', type: 'salesforceOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'salesforceOAuth2Api', data: CLIENT },
  ],
  // An org connected (`sf`, tokens imported as from another host) and one whose session was revoked.
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('sf', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: '00D5e000000AbCd!revoked', tokenType: 'Bearer' });
  },
  // jsforce labels some bodiless requests JSON.
  read: withoutBodilessContentType,
});
const { take, node } = bed;
let conn: Connection;
beforeAll(() => {
  conn = new Connection({ instanceUrl: bed.server.url, accessToken: TOKEN, version: API_VERSION });
});

const lead = { LastName: 'Lovelace', FirstName: 'Ada', Company: 'Analytical Engines', External_Id__c: 'ext-1' };

describe('Salesforce, against jsforce', () => {
  it('creates a lead as jsforce does, at the org\u2019s instance, and makes an item of the save result', async () => {
    await conn.sobject('Lead').create(lead);
    const expected = await take();
    const { items, requests } = await node('lead', 'create', { record: lead });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `${DATA}/sobjects/Lead`,
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/json',
      body: lead,
    });
    expect(items).toEqual([{ json: { id: '00Q5e00000New1AAA', success: true, errors: [] }, pairedItem: { item: 0 } }]);
  });

  it('gets, updates and deletes a record of each standard object as jsforce does', async () => {
    for (const [resource, object] of [
      ['lead', 'Lead'],
      ['contact', 'Contact'],
      ['account', 'Account'],
      ['opportunity', 'Opportunity'],
    ] as const) {
      const id = `${object.slice(0, 3)}5e00000Rec1AAA`;
      await conn.sobject(object).retrieve(id, { fields: ['Id', 'Name'] });
      await conn.sobject(object).update({ Id: id, Name: 'Renamed' });
      await conn.sobject(object).destroy(id);
      const expected = await take();
      const got = await node(resource, 'get', { recordId: id, returnFields: ['Id', 'Name'] });
      const updated = await node(resource, 'update', { recordId: id, record: { Name: 'Renamed' } });
      const deleted = await node(resource, 'delete', { recordId: id });
      expect([...got.requests, ...updated.requests, ...deleted.requests]).toEqual(expected);
      expect(expected.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${DATA}/sobjects/${object}/${id}`,
        `PATCH ${DATA}/sobjects/${object}/${id}`,
        `DELETE ${DATA}/sobjects/${object}/${id}`,
      ]);
      expect(got.items[0]!.json).toEqual({
        attributes: { type: object, url: `${DATA}/sobjects/${object}/${id}` },
        Id: id,
        Name: 'Ada Lovelace',
      });
      expect(updated.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
      expect(deleted.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
    }
  });

  it('upserts by external ID as jsforce does, leaving the external ID out of the body', async () => {
    await conn.sobject('Contact').upsert({ ...lead }, 'External_Id__c');
    const expected = await take();
    const { items, requests } = await node('contact', 'upsert', { externalIdField: 'External_Id__c', externalId: 'ext-1', record: lead });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'PATCH',
      path: `${DATA}/sobjects/Contact/External_Id__c/ext-1`,
      body: { LastName: 'Lovelace', FirstName: 'Ada', Company: 'Analytical Engines' },
    });
    expect(items[0]!.json).toEqual({ id: 'a015e00000Up1AAA', success: true, errors: [], created: true });
  });

  it('does every record operation on a custom object named by the user, as jsforce does', async () => {
    const invoice = conn.sobject('Invoice__c');
    await invoice.create({ Name: 'INV-1' });
    await invoice.retrieve('a015e00000Inv1AAA');
    await invoice.update({ Id: 'a015e00000Inv1AAA', Name: 'INV-1b' });
    await invoice.upsert({ External_Id__c: 'inv-ext', Name: 'INV-2' }, 'External_Id__c');
    await invoice.destroy('a015e00000Inv1AAA');
    const expected = await take();
    const sobject = 'Invoice__c';
    const runs = [
      await node('customObject', 'create', { sobject, record: { Name: 'INV-1' } }),
      await node('customObject', 'get', { sobject, recordId: 'a015e00000Inv1AAA' }),
      await node('customObject', 'update', { sobject, recordId: 'a015e00000Inv1AAA', record: { Name: 'INV-1b' } }),
      await node('customObject', 'upsert', {
        sobject,
        externalIdField: 'External_Id__c',
        externalId: 'inv-ext',
        record: { Name: 'INV-2' },
      }),
      await node('customObject', 'delete', { sobject, recordId: 'a015e00000Inv1AAA' }),
    ];
    expect(runs.flatMap((r) => r.requests)).toEqual(expected);
    expect(runs.map((r) => r.items[0]!.json)).toEqual([
      { id: 'a015e00000New1AAA', success: true, errors: [] },
      {
        attributes: { type: 'Invoice__c', url: `${DATA}/sobjects/Invoice__c/a015e00000Inv1AAA` },
        Id: 'a015e00000Inv1AAA',
        Name: 'Ada Lovelace',
        Company: 'Analytical Engines',
      },
      { success: true },
      { id: 'a015e00000Up1AAA', success: true, errors: [], created: true },
      { success: true },
    ]);
  });

  it('runs a SOQL query over three batches following nextRecordsUrl, as jsforce\u2019s autoFetch does', async () => {
    const soql = 'SELECT Id, Name, Amount FROM Opportunity';
    const all = await conn.query(soql, { autoFetch: true, maxFetch: 100 });
    const expected = await take();
    const { items, requests } = await node('soql', 'query', { soql, returnAll: true });
    expect(all.records).toHaveLength(5);
    expect(expected.map((r) => r.path)).toEqual([
      `${DATA}/query`,
      `${DATA}/query/01gD0000002HU6KIAW-2`,
      `${DATA}/query/01gD0000002HU6KIAW-4`,
    ]);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(OPPORTUNITIES);
  });

  it('stops at the limit, and asks queryAll for deleted records as jsforce\u2019s scanAll does', async () => {
    const limited = await node('soql', 'query', { soql: 'SELECT Id FROM Opportunity', limit: 3 });
    expect(limited.items).toHaveLength(3);
    expect(limited.requests).toHaveLength(2);
    await conn.query('SELECT Id FROM Opportunity', { scanAll: true, autoFetch: false });
    const expected = await take();
    const { requests } = await node('soql', 'query', { soql: 'SELECT Id FROM Opportunity', includeDeleted: true, limit: 2 });
    expect(requests).toEqual(expected);
    expect(requests[0]!.path).toBe(`${DATA}/queryAll`);
  });

  it('describes an object and lists the org\u2019s objects as jsforce does', async () => {
    await conn.describe('Invoice__c');
    await conn.describeGlobal();
    const expected = await take();
    const described = await node('object', 'describe', { sobject: 'Invoice__c' });
    const listed = await node('object', 'list', {});
    expect([...described.requests, ...listed.requests]).toEqual(expected);
    expect((described.items[0]!.json['fields'] as { name: string }[]).map((f) => f.name)).toEqual(['Id', 'Name', 'External_Id__c']);
    expect(listed.items.map((i) => i.json['name'])).toEqual(['Lead', 'Contact', 'Account', 'Opportunity', 'Invoice__c']);
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'lead', operation: 'create', record: lead },
    limits: (request, path) => request.method === 'POST' && path.endsWith('/sobjects/Lead'),
    answer: { ...problem(429, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), headers: { 'retry-after': '7' } },
    waitMs: 7_000,
    check: (result) => {
      expect(result.execution.status).toBe('success');
      expect(result.limited.map((r) => r.method)).toEqual(['POST']);
      expect(result.retried.map((r) => r.body)).toEqual([lead]);
    },
  });

  it('turns a Salesforce error into a node error naming the fields parameter, as jsforce receives it', async () => {
    const sdkError = await conn
      .sobject('Lead')
      .create({ Company: 'No name' })
      .catch((e: { errorCode: string }) => e);
    const expected = await take();
    const { execution, requests } = await node('lead', 'create', { record: { Company: 'No name' } });
    expect(sdkError).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    expect(requests).toEqual(expected);
    expect(execution.error?.message).toBe(
      "Node 'Salesforce': Salesforce lead.create failed: HTTP 400 REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (fields: LastName) (parameter 'record')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'salesforce', vendorCode: 'REQUIRED_FIELD_MISSING', parameter: 'record' });
    const malformed = await node('account', 'get', { recordId: 'nope' });
    expect(malformed.execution.error?.message).toMatch(/HTTP 400 MALFORMED_ID: .* \(parameter 'recordId'\)$/);
    const badField = await node('contact', 'upsert', { externalIdField: 'Email__c', externalId: 'x', record: { LastName: 'L' } });
    expect(badField.execution.error?.message).toMatch(/HTTP 404 NOT_FOUND: Provided external ID field .* \(parameter 'externalIdField'\)$/);
  });

  it('names the object parameter when a custom object does not exist, and the record when it does', async () => {
    const create = await node('customObject', 'create', { sobject: 'Invoce__c', record: { Name: 'x' } });
    expect(create.execution.error?.message).toBe(
      "Node 'Salesforce': Salesforce customObject.create: Salesforce has no object 'Invoce__c' (parameter 'sobject'); give the API name of an object of the org, such as Invoice__c.",
    );
    expect(create.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${DATA}/sobjects/Invoce__c`,
      `GET ${DATA}/sobjects/Invoce__c/describe`,
    ]);
    const describe = await node('object', 'describe', { sobject: 'Nothing__c' });
    expect(describe.execution.error?.message).toMatch(
      /^Node 'Salesforce': Salesforce object.describe: Salesforce has no object 'Nothing__c' \(parameter 'sobject'\)/,
    );
    expect(describe.requests.map((r) => r.path)).toEqual([`${DATA}/sobjects/Nothing__c/describe`]);
    overrides.push((method, path) => (method === 'GET' && path.endsWith('/Invoice__c/a01missing') ? NOT_FOUND : undefined));
    const missing = await node('customObject', 'get', { sobject: 'Invoice__c', recordId: 'a01missing' });
    overrides.pop();
    expect(missing.execution.error?.message).toBe(
      "Node 'Salesforce': Salesforce customObject.get failed: HTTP 404 NOT_FOUND: The requested resource does not exist",
    );
    await expect(node('customObject', 'get', { sobject: 'Invoice c', recordId: 'a01' })).rejects.toThrow(
      "node 'Salesforce': parameter 'sobject' must be an object API name such as Invoice__c",
    );
  });

  itRejectsBadInput(bed, 'refuses an upsert without an external ID, naming the parameter, and sends nothing', {
    name: 'Salesforce',
    cases: [
      {
        parameters: { resource: 'lead', operation: 'upsert', externalIdField: 'External_Id__c', externalId: '', record: lead },
        throws: "node 'Salesforce': parameter 'externalId' must have at least 1 characters",
      },
      {
        parameters: { resource: 'lead', operation: 'upsert', externalIdField: 'External_Id__c', record: lead },
        fails: "Node 'Salesforce': Salesforce lead.upsert: parameter 'externalId' is required.",
      },
      // An expression that gives nothing is caught when the item runs.
      {
        parameters: {
          resource: 'lead',
          operation: 'upsert',
          externalIdField: 'External_Id__c',
          externalId: '{{ $json.missing }}',
          record: lead,
        },
        fails: /^Node 'Salesforce'.*parameter 'externalId'/,
      },
    ],
  });

  itTestsCredential(bed, 'tests a credential with GET /limits: a live session passes, a revoked one fails, as jsforce sees them', [
    { id: 'sf', sdk: () => conn.request(`${DATA}/limits`) },
    {
      id: 'revoked',
      sdk: async () => {
        const revoked = new Connection({ instanceUrl: bed.server.url, accessToken: '00D5e000000AbCd!revoked', version: API_VERSION });
        expect(await revoked.request(`${DATA}/limits`).catch((e: { errorCode: string }) => e)).toMatchObject({
          errorCode: 'INVALID_SESSION_ID',
        });
      },
      outcome: { ok: false },
      calls: [{ auth: 'Bearer 00D5e000000AbCd!revoked' }],
    },
  ]);

  itKeepsCustomCall(bed, 'keeps the custom API call on the instance, signed with the token', {
    parameters: { method: 'GET', path: '/limits' },
    request: { method: 'GET', path: `${DATA}/limits`, auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200, body: { DailyApiRequests: { Max: 15000, Remaining: 14998 } } },
    exact: true,
  });
});

describe('Salesforce choices for the editor (load options)', () => {
  it('offers the org’s objects, and the external ID fields of the object a node works on, with its credential', async () => {
    await take();
    const objects = await bed.choices('objects', { resource: 'customObject', operation: 'upsert' });
    expect(objects.map((o) => o.value)).toEqual([...OBJECTS]);
    expect(objects.at(-1)).toEqual({ value: 'Invoice__c', label: 'Invoice', description: 'Invoice__c' });
    const leadFields = await bed.choices('externalIdFields', { resource: 'lead', operation: 'upsert' });
    expect(leadFields).toEqual([
      { value: 'Id', label: 'Lead ID', description: 'Id' },
      { value: 'External_Id__c', label: 'External ID', description: 'External_Id__c' },
    ]);
    const invoiceFields = await bed.choices('externalIdFields', { resource: 'customObject', operation: 'upsert', sobject: 'Invoice__c' });
    expect(invoiceFields.map((f) => f.value)).toEqual(['Id', 'External_Id__c']);
    expect((await take()).map((r) => [r.method, r.path.replace(/^\/services\/data\/v[\d.]+/, ''), r.auth?.slice(0, 6)])).toEqual([
      ['GET', '/sobjects', 'Bearer'],
      ['GET', '/sobjects/Lead/describe', 'Bearer'],
      ['GET', '/sobjects/Invoice__c/describe', 'Bearer'],
    ]);
    await expect(bed.choices('externalIdFields', { resource: 'customObject', operation: 'upsert' })).rejects.toThrow(
      "Salesforce: fill in parameter 'sobject' first, to list its fields.",
    );
  });
});

describe('Salesforce OAuth2', () => {
  it('signs in with PKCE at the login URL and exchanges the code as jsforce\u2019s OAuth2 does', async () => {
    const fresh = await bed.startEngine({ credentials: [{ id: 'new', type: 'salesforceOAuth2Api', data: CLIENT }] });
    const oauth = new OAuth2({ ...CLIENT, redirectUri: REDIRECT, useVerifier: true });
    const sdkUrl = new URL(oauth.getAuthorizationUrl({ scope: 'api refresh_token', state: 's' }));
    const { url, state } = await fresh.credentials.oauth2.startAuthorization('new', { redirectUri: REDIRECT });
    const ours = new URL(url);
    expect(ours.origin + ours.pathname).toBe(sdkUrl.origin + sdkUrl.pathname);
    expect(ours.origin + ours.pathname).toBe('https://login.salesforce.com/services/oauth2/authorize');
    for (const key of ['response_type', 'client_id', 'redirect_uri', 'scope']) {
      expect(ours.searchParams.get(key)).toBe(sdkUrl.searchParams.get(key));
    }
    expect(ours.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(ours.searchParams.get('code_challenge_method')).toBe('S256');

    const sdkTokens = new OAuth2({ ...CLIENT, loginUrl: bed.server.url, redirectUri: REDIRECT, useVerifier: true });
    await sdkTokens.requestToken('code-good');
    const [sdkExchange] = await take();
    await fresh.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    const [exchange] = await take();
    const withoutVerifier = (r: NormalizedRequest) => ({ ...r, body: { ...(r.body as object), code_verifier: 'v' } });
    expect(withoutVerifier(exchange!)).toEqual(withoutVerifier(sdkExchange!));
    expect((exchange!.body as Record<string, string>)['code_verifier']).toMatch(/^[\w-]{43,128}$/);

    const listed = await node('object', 'list', {}, { engine: fresh, credentials: { salesforceOAuth2Api: 'new' } });
    expect(listed.items).toHaveLength(5);
    expect(listed.requests.map((r) => [r.method, r.path, r.auth])).toEqual([['GET', `${DATA}/sobjects`, `Bearer ${TOKEN}`]]);
  });

  it('sends API calls to the instance the token answer names, and refuses a login URL that is not Salesforce’s', async () => {
    const moved = {
      url: new URL(`https://instance.salesforce.com${DATA}/sobjects`),
      method: 'GET',
      headers: new Headers(),
      body: undefined,
    };
    const auth = salesforceOAuth2.authenticate as unknown as (d: Record<string, unknown>) => {
      sign(r: typeof moved, t: { extra: Record<string, string> }): void;
    };
    auth(CLIENT).sign(moved, { extra: { instance_url: 'https://globex.my.salesforce.com' } });
    expect(moved.url.hostname).toBe('globex.my.salesforce.com');
    await expect(
      bed.engine.credentials.create({
        name: 'elsewhere',
        type: 'salesforceOAuth2Api',
        data: { ...CLIENT, loginUrl: 'https://evil.example/x.my.salesforce.com' },
      }),
    ).rejects.toThrow(/must be https:\/\/login\.salesforce\.com/);
  });
});

describe('Salesforce node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Create lead',
    parameters: { resource: 'lead', operation: 'create', record: lead },
    message: "Node 'Create lead': Salesforce lead.create needs a credential: choose a Salesforce OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong type, and unknown resources and operations', {
    name: 'Create lead',
    cases: [
      { parameters: { resource: 'lead', operation: 'create', record: '{{ 42 }}' }, fails: /^Node 'Create lead'.*parameter 'record'/ },
    ],
    unknown: {
      service: 'Salesforce',
      resources: ['lead', 'contact', 'account', 'opportunity', 'customObject', 'soql', 'object', 'custom'],
      operation: ['lead', 'create'],
    },
  });
});

describe('Salesforce in a workflow', () => {
  it('marks big open opportunities: Manual Trigger \u2192 SOQL query \u2192 If Amount > 100 \u2192 update, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'query',
        name: 'Open opportunities',
        type: salesforce.node.type,
        parameters: { resource: 'soql', operation: 'query', soql: 'SELECT Id, Name, Amount FROM Opportunity', returnAll: true },
        credentials: { salesforceOAuth2Api: 'sf' },
      },
      {
        id: 'big',
        name: 'Amount over 100',
        type: 'core.if',
        parameters: { conditions: [{ field: 'Amount', operator: 'number:gt', rightValue: 100 }] },
      },
    ]);
    workflow.nodes.push({
      id: 'mark',
      name: 'Mark as key deal',
      type: salesforce.node.type,
      typeVersion: 1,
      position: { x: 800, y: 0 },
      parameters: {
        resource: 'opportunity',
        operation: 'update',
        recordId: '{{ $json.Id }}',
        record: { NextStep: 'Key deal: {{ $json.Name }}' },
      },
      credentials: { salesforceOAuth2Api: 'sf' },
    });
    workflow.connections.push({ from: { node: 'big', port: 'true' }, to: { node: 'mark', port: 'main' } });
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'sf', type: 'salesforceOAuth2Api', data: CLIENT, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      compare: 'mark',
    });
    const updates = requests.filter((r) => r.method === 'PATCH');
    expect(updates.map((r) => [r.path, r.body])).toEqual([
      [`${DATA}/sobjects/Opportunity/0065e00000Opp2AAA`, { NextStep: 'Key deal: Big deal' }],
      [`${DATA}/sobjects/Opportunity/0065e00000Opp4AAA`, { NextStep: 'Key deal: Huge deal' }],
      [`${DATA}/sobjects/Opportunity/0065e00000Opp5AAA`, { NextStep: 'Key deal: Mid deal' }],
    ]);
    expect(execution.nodes['mark']?.[0]?.output['main']).toHaveLength(3);
  });
});
