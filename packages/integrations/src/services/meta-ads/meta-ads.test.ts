// Meta Ads, checked against Meta's Business SDK (facebook-nodejs-business-sdk): both make the same call to one
// recording server, the SDK through its GRAPH host (a static getter, pointed at the server for this file), the node
// through the engine's relay for graph.facebook.com. Objects are made with `clearHistory()`, so the SDK sends only
// the fields given (not the ID it was built with); its GETs carry an empty JSON body, which Graph ignores and the
// comparison leaves out. Lists page by `paging.next`, a URL that holds the access token, as Graph writes it.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import bizSdk, { type Cursor, type FacebookRequestError } from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { metaAds } from './meta-ads.js';

const { FacebookAdsApi, AdAccount, Campaign, AdSet, Ad, User } = bizSdk;
const TOKEN = 'EAAGood0123456789';
const APP_SECRET = 'app-secret-0123';
const ACCOUNT = 'act_1010101';

/** Answers that tests add for one case, tried before the documented ones. */
const overrides: ((request: SeenRequest, url: URL) => Answer | undefined)[] = [];

function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  for (const override of overrides) {
    const found = override(request, url);
    if (found) return found;
  }
  if (url.searchParams.get('access_token') !== TOKEN) {
    return {
      status: 400,
      body: {
        error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'A1' },
      },
    };
  }
  const [, , object = '', edge] = url.pathname.split('/');
  const fromSdk = String(request.headers['user-agent'] ?? '').startsWith('fbbizsdk');
  if (request.method === 'GET' && object === 'me') return { body: { id: '10001', name: 'Ada' } };
  if (request.method === 'POST' && edge) return { body: { id: `${edge}-new` } };
  if (request.method === 'POST') return { body: { success: true } };
  if (request.method === 'GET' && edge) {
    // Three pages: `after` names the page, and `paging.next` the next one, access token and all.
    const page = Number(url.searchParams.get('after') ?? '1');
    const rows = (page < 3 ? [page * 2 - 1, page * 2] : [5]).map((n) =>
      edge === 'insights'
        ? {
            impressions: String(1000 * n),
            spend: `${n}.50`,
            age: '25-34',
            gender: n % 2 ? 'female' : 'male',
            date_start: '2026-05-01',
            date_stop: '2026-05-07',
          }
        : { id: `${edge}-${n}`, name: `${edge} ${n}`, status: 'ACTIVE' },
    );
    const next = new URL(url.pathname, fromSdk ? bed.server.url : 'https://graph.facebook.com');
    for (const [key, value] of url.searchParams) next.searchParams.set(key, value);
    next.searchParams.set('after', String(page + 1));
    return {
      body: { data: rows, paging: { cursors: { before: 'b', after: String(page + 1) }, ...(page < 3 ? { next: next.href } : {}) } },
    };
  }
  if (request.method === 'GET') return { body: { id: object, name: `Object ${object}`, status: 'PAUSED' } };
  return undefined;
}

/** The SDK names a JSON body on its GETs too (`{}`): the comparison leaves that out. */
function withoutGetBody(request: NormalizedRequest): NormalizedRequest {
  return request.method === 'GET' ? { ...request, contentType: undefined, body: undefined } : request;
}

const bed = serviceTestbed(metaAds, {
  name: 'Meta Ads',
  answers: answer,
  hosts: ['graph.facebook.com'],
  credentials: [
    { id: 'token', type: 'metaAdsApi', data: { accessToken: TOKEN } },
    { id: 'expired', type: 'metaAdsApi', data: { accessToken: 'EAAExpired' } },
    { id: 'proof', type: 'metaAdsApi', data: { accessToken: TOKEN, appSecret: APP_SECRET } },
  ],
  read: withoutGetBody,
});
const { take, node } = bed;
const graph = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH')!;
beforeAll(() => {
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => bed.server.url, configurable: true });
  FacebookAdsApi.init(TOKEN, 'en_US', false);
});
afterAll(() => {
  Object.defineProperty(FacebookAdsApi, 'GRAPH', graph);
});

/** Runs the SDK's call and the node's, and requires the same requests; returns the node's run and the SDK's result. */
async function sameAsSdk(sdkCall: () => Promise<unknown>, resource: string, operation: string, parameters: Record<string, unknown>) {
  await take();
  const fromSdk = await sdkCall();
  const expected = await take();
  const run = await node(resource, operation, parameters);
  expect(run.execution.error?.message).toBeUndefined();
  expect(run.requests).toEqual(expected);
  return { ...run, fromSdk };
}

const account = () => new AdAccount(ACCOUNT).clearHistory();
/** Every page of an SDK cursor, as the data of its objects. */
async function everyPage<T extends { exportAllData(): Record<string, unknown> }>(first: Promise<Cursor<T>>) {
  let page = await first;
  const all = [...page];
  while (page.hasNext()) {
    page = await page.next();
    all.push(...page);
  }
  return all.map((o) => o.exportAllData());
}

const targeting = { geo_locations: { countries: ['US', 'CA'] }, age_min: 25, age_max: 45 };

describe('Meta Ads, against facebook-nodejs-business-sdk', () => {
  it('creates a campaign as the SDK does, and puts out its ID', async () => {
    const { items, requests, fromSdk } = await sameAsSdk(
      () =>
        account().createCampaign([], {
          name: 'Summer sale',
          objective: 'OUTCOME_SALES',
          status: 'PAUSED',
          special_ad_categories: [],
          daily_budget: 5000,
          bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
          buying_type: 'AUCTION',
        }),
      'campaign',
      'create',
      {
        adAccountId: ACCOUNT,
        name: 'Summer sale',
        objective: 'OUTCOME_SALES',
        dailyBudget: 5000,
        bidStrategy: 'LOWEST_COST_WITHOUT_CAP',
        additionalFields: { buying_type: 'AUCTION' },
      },
    );
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/v24.0/${ACCOUNT}/campaigns`,
      query: { access_token: TOKEN },
      contentType: 'application/json',
    });
    expect(items.map((i) => i.json)).toEqual([(fromSdk as InstanceType<typeof Campaign>).exportAllData()]);
  });

  it('creates an ad set with targeting as the SDK does, the account given by its digits alone', async () => {
    await sameAsSdk(
      () =>
        account().createAdSet([], {
          name: 'US and Canada, 25-45',
          campaign_id: '120210000000001',
          status: 'PAUSED',
          billing_event: 'IMPRESSIONS',
          optimization_goal: 'LINK_CLICKS',
          targeting,
          daily_budget: 2000,
          bid_amount: 150,
          start_time: '2026-07-01T00:00:00+0000',
          promoted_object: { page_id: '777' },
        }),
      'adSet',
      'create',
      {
        adAccountId: ACCOUNT.slice(4),
        name: 'US and Canada, 25-45',
        campaignId: '120210000000001',
        billingEvent: 'IMPRESSIONS',
        optimizationGoal: 'LINK_CLICKS',
        targeting,
        dailyBudget: 2000,
        bidAmount: 150,
        startTime: '2026-07-01T00:00:00+0000',
        promotedObject: { page_id: '777' },
      },
    );
  });

  it('creates an ad from a creative as the SDK does', async () => {
    await sameAsSdk(
      () =>
        account().createAd([], {
          name: 'Sale ad',
          adset_id: '120210000000002',
          creative: { creative_id: '120210000000003' },
          status: 'ACTIVE',
        }),
      'ad',
      'create',
      { adAccountId: ACCOUNT, name: 'Sale ad', adSetId: '120210000000002', creativeId: '120210000000003', status: 'ACTIVE' },
    );
  });

  it.each([
    ['campaign', 'campaignId', Campaign, 'PAUSED'],
    ['adSet', 'adSetId', AdSet, 'ACTIVE'],
    ['ad', 'adId', Ad, 'ARCHIVED'],
  ] as const)('updates the status of a %s as the SDK does', async (resource, idParam, Type, newStatus) => {
    const { items, fromSdk } = await sameAsSdk(
      () => new Type('120210000000009').clearHistory().update([], { status: newStatus }),
      resource,
      'updateStatus',
      { [idParam]: '120210000000009', newStatus },
    );
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it.each([
    ['campaign', 'campaignId', Campaign],
    ['adSet', 'adSetId', AdSet],
    ['ad', 'adId', Ad],
  ] as const)('gets a %s with the fields named, as the SDK does', async (resource, idParam, Type) => {
    const { items, fromSdk } = await sameAsSdk(
      () => new Type('120210000000009').clearHistory().get(['id', 'name', 'status']),
      resource,
      'get',
      { [idParam]: '120210000000009', fields: ['id', 'name', 'status'] },
    );
    expect(items.map((i) => i.json)).toEqual([(fromSdk as InstanceType<typeof Campaign>).exportAllData()]);
  });

  it.each([
    ['campaign', (a: InstanceType<typeof AdAccount>, f: string[], p: Record<string, unknown>) => a.getCampaigns(f, p)],
    ['adSet', (a: InstanceType<typeof AdAccount>, f: string[], p: Record<string, unknown>) => a.getAdSets(f, p)],
    ['ad', (a: InstanceType<typeof AdAccount>, f: string[], p: Record<string, unknown>) => a.getAds(f, p)],
  ] as const)('lists the account\u2019s %s objects over three pages by paging.next, as the SDK pages', async (resource, list) => {
    await take();
    const all = await everyPage(list(account(), ['id', 'name', 'status'], { effective_status: ['ACTIVE', 'PAUSED'], limit: 100 }));
    const expected = await take();
    const { items, requests, execution } = await node(resource, 'list', {
      adAccountId: ACCOUNT,
      fields: ['id', 'name', 'status'],
      effectiveStatus: ['ACTIVE', 'PAUSED'],
      returnAll: true,
    });
    expect(execution.error?.message).toBeUndefined();
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(all);
  });

  it('reads insights with fields, breakdowns, a date preset and a level, every page, as the SDK does', async () => {
    await take();
    const params = {
      breakdowns: ['age', 'gender'],
      date_preset: 'last_7d',
      level: 'campaign',
      action_breakdowns: ['action_type'],
      limit: 100,
    };
    const all = await everyPage(account().getInsights(['impressions', 'spend'], params));
    const expected = await take();
    const { items, requests } = await node('insights', 'get', {
      objectId: ACCOUNT,
      insightFields: ['impressions', 'spend'],
      breakdowns: ['age', 'gender'],
      actionBreakdowns: ['action_type'],
      datePreset: 'last_7d',
      level: 'campaign',
      returnAll: true,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]!.query).toMatchObject({ breakdowns: '["age","gender"]', date_preset: 'last_7d', fields: 'impressions,spend' });
    expect(items.map((i) => i.json)).toEqual(all);
  });

  it('reads a campaign\u2019s daily insights over a time range, filtered, as the SDK does', async () => {
    await take();
    const params = {
      time_range: { since: '2026-05-01', until: '2026-05-31' },
      time_increment: 1,
      filtering: [{ field: 'spend', operator: 'GREATER_THAN', value: 0 }],
      limit: 100,
    };
    await new Campaign('120210000000001').clearHistory().getInsights(['spend'], params);
    const expected = await take();
    const { requests } = await node('insights', 'get', {
      objectId: '120210000000001',
      insightFields: ['spend'],
      timeRange: { since: '2026-05-01', until: '2026-05-31' },
      timeIncrement: 1,
      filtering: [{ field: 'spend', operator: 'GREATER_THAN', value: 0 }],
      limit: 1,
    });
    expect(requests).toEqual(expected);
  });

  it('calls the Graph API version the node names, as the SDK does at that version', async () => {
    const version = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'VERSION')!;
    Object.defineProperty(FacebookAdsApi, 'VERSION', { get: () => 'v23.0', configurable: true });
    try {
      const { requests } = await sameAsSdk(() => new Campaign('120210000000009').clearHistory().get(['name']), 'campaign', 'get', {
        apiVersion: 'v23.0',
        campaignId: '120210000000009',
        fields: ['name'],
      });
      expect(requests[0]!.path).toBe('/v23.0/120210000000009');
    } finally {
      Object.defineProperty(FacebookAdsApi, 'VERSION', version);
    }
  });

  it('sends appsecret_proof, the hex HMAC-SHA256 of the token keyed with the app secret, when the credential has the secret', async () => {
    await take();
    const { requests, execution } = await node(
      'campaign',
      'get',
      { campaignId: '120210000000009' },
      { credentials: { metaAdsApi: 'proof' } },
    );
    expect(execution.error?.message).toBeUndefined();
    expect(requests[0]!.query).toMatchObject({
      access_token: TOKEN,
      appsecret_proof: createHmac('sha256', APP_SECRET).update(TOKEN).digest('hex'),
    });
  });

  it('covers every operation of the service', () => {
    const tested = ['create', 'updateStatus', 'get', 'list'].flatMap((o) => ['campaign', 'adSet', 'ad'].map((r) => `${r}.${o}`));
    const all = Object.entries(metaAds.definition.resources)
      .filter(([r]) => r !== 'custom')
      .flatMap(([r, res]) => Object.keys(res.operations).map((o) => `${r}.${o}`));
    expect(all.filter((op) => ![...tested, 'insights.get'].includes(op))).toEqual([]);
  });

  it('reads a throttling answer as the SDK reads it: code 80004 from a 400', async () => {
    overrides.push((request, url) => (url.pathname.endsWith('/campaigns') && request.method === 'POST' ? throttled : undefined));
    const error = await account()
      .createCampaign([], { name: 'x', objective: 'OUTCOME_SALES', status: 'PAUSED', special_ad_categories: [] })
      .catch((e: FacebookRequestError) => [e.status, e.response.code]);
    overrides.pop();
    expect(error).toEqual([400, 80004]);
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as X-Business-Use-Case-Usage says after a throttling error, on the engine clock, then creates the campaign',
    parameters: { resource: 'campaign', operation: 'create', adAccountId: ACCOUNT, name: 'Later', objective: 'OUTCOME_TRAFFIC' },
    limits: (request, path) => request.method === 'POST' && path.endsWith('/campaigns'),
    answer: throttled,
    waitMs: 60_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.error?.message).toBeUndefined();
      expect(limited).toEqual(retried);
      expect(outputOf(execution)[0]!.json).toEqual({ id: 'campaigns-new' });
    },
  });

  it("turns Meta's error into a node error naming the code, the user message and the parameter, as the SDK reads it", async () => {
    const invalid = {
      status: 400,
      body: {
        error: {
          message: 'Invalid parameter',
          type: 'OAuthException',
          code: 100,
          error_subcode: 1885272,
          error_user_title: 'Special ad categories required',
          error_user_msg: 'special_ad_categories is required: declare NONE or a category.',
          fbtrace_id: 'AbC',
        },
      },
    };
    overrides.push((request, url) => (request.method === 'POST' && url.pathname.endsWith('/campaigns') ? invalid : undefined));
    await take();
    const sdkError = await account()
      .createCampaign([], { name: 'x', objective: 'OUTCOME_SALES', status: 'PAUSED' })
      .catch((e: FacebookRequestError) => [e.response.code, e.response.error_subcode, e.response.error_user_msg]);
    const { execution } = await node('campaign', 'create', { adAccountId: ACCOUNT, name: 'x', objective: 'OUTCOME_SALES' });
    overrides.pop();
    expect(sdkError).toEqual([100, 1885272, 'special_ad_categories is required: declare NONE or a category.']);
    expect(execution.error?.message).toBe(
      "Node 'Meta Ads': Meta Ads campaign.create failed: HTTP 400 100/1885272: Invalid parameter (special_ad_categories is required: declare NONE or a category.) (parameter 'specialAdCategories')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'metaads', status: 400, vendorCode: '100/1885272' });
  });

  itTestsCredential(bed, 'tests a token by reading /me: a good token passes, an expired one fails as the SDK sees it', [
    {
      id: 'token',
      sdk: () => new User('me').clearHistory().get(['id', 'name']),
      calls: [{ method: 'GET', path: '/v24.0/me', query: { fields: 'id,name', access_token: TOKEN } }],
    },
    {
      id: 'expired',
      sdk: async () => {
        const expired = new FacebookAdsApi('EAAExpired', 'en_US', false);
        const code = await new User('me', {}, undefined, expired)
          .clearHistory()
          .get(['id', 'name'])
          .catch((e: FacebookRequestError) => e.response.code);
        expect(code).toBe(190);
      },
      outcome: { ok: false, status: 400 },
    },
  ]);
});

describe('Meta Ads in a workflow', () => {
  it('pauses every campaign that spent over 100 last week: insights, If, then a status update, as the SDK would', async () => {
    overrides.push((request, url) =>
      url.pathname.endsWith('/insights')
        ? {
            body: {
              data: [
                { campaign_id: '501', campaign_name: 'Spring', spend: '240.10', date_start: '2026-05-25', date_stop: '2026-05-31' },
                { campaign_id: '502', campaign_name: 'Summer', spend: '12.00', date_start: '2026-05-25', date_stop: '2026-05-31' },
              ],
              paging: { cursors: { before: 'a', after: 'b' } },
            },
          }
        : undefined,
    );
    const credentials = { metaAdsApi: 'token' };
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        {
          id: 'insights',
          name: 'Last week',
          type: metaAds.node.type,
          parameters: {
            resource: 'insights',
            operation: 'get',
            objectId: ACCOUNT,
            level: 'campaign',
            insightFields: ['campaign_id', 'campaign_name', 'spend'],
            datePreset: 'last_week_mon_sun',
            returnAll: true,
          },
          credentials,
        },
        {
          id: 'big',
          name: 'Over 100',
          type: 'core.if',
          // Graph writes amounts as text.
          parameters: { conditions: [{ field: 'spend', operator: 'number:gt', rightValue: 100 }], looseTypeValidation: true },
        },
        {
          id: 'pause',
          name: 'Pause it',
          type: metaAds.node.type,
          parameters: { resource: 'campaign', operation: 'updateStatus', campaignId: '{{ $json.campaign_id }}', newStatus: 'PAUSED' },
          credentials,
        },
      ],
      connections: [
        ['start', 'insights'],
        ['insights', 'big'],
        ['big:true', 'pause'],
      ],
    });
    await take();
    const execution = await bed.engine.run(workflow);
    const sent = await take();
    await account().getInsights(['campaign_id', 'campaign_name', 'spend'], {
      level: 'campaign',
      date_preset: 'last_week_mon_sun',
      limit: 100,
    });
    await new Campaign('501').clearHistory().update([], { status: 'PAUSED' });
    overrides.pop();
    expect(execution.error?.message).toBeUndefined();
    expect(sent).toEqual(await take());
    expect(execution.nodes['pause']![0]!.output['main']!.map((i) => i.json)).toEqual([{ success: true }]);
  });
});

const throttled: Answer = {
  status: 400,
  headers: {
    'x-business-use-case-usage': JSON.stringify({
      '1010101': [{ type: 'ads_management', call_count: 100, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: 1 }],
    }),
  },
  body: { error: { message: 'User request limit reached', type: 'OAuthException', code: 80004, error_subcode: 2446079, fbtrace_id: 'T' } },
};

describe('Meta Ads node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Ads',
    parameters: { resource: 'campaign', operation: 'get', campaignId: '1' },
    message: "Node 'Ads': Meta Ads campaign.get needs a credential: choose a Meta Ads access token credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or written wrong', {
    name: 'Ads',
    cases: [
      {
        parameters: { resource: 'campaign', operation: 'create', adAccountId: ACCOUNT, objective: 'OUTCOME_SALES' },
        fails: "Node 'Ads': Meta Ads campaign.create: parameter 'name' is required.",
      },
      {
        parameters: { resource: 'campaign', operation: 'list', adAccountId: 'my account' },
        throws: "node 'Ads' (Meta Ads): parameter 'adAccountId' must be an ad account ID such as act_1234567890 (or its digits alone)",
      },
      {
        parameters: { resource: 'campaign', operation: 'get', apiVersion: '24', campaignId: '1' },
        throws: "node 'Ads' (Meta Ads): parameter 'apiVersion' must be a Graph API version such as v24.0",
      },
      {
        parameters: {
          resource: 'insights',
          operation: 'get',
          objectId: ACCOUNT,
          datePreset: 'last_7d',
          timeRange: { since: '2026-05-01', until: '2026-05-31' },
        },
        fails: "Node 'Ads': Meta Ads insights.get: parameter 'timeRange' and 'datePreset' cannot both be given.",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Ads',
    unknown: { service: 'Meta Ads', resources: ['campaign', 'adSet', 'ad', 'insights', 'custom'], operation: ['campaign', 'create'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on graph.facebook.com with the token', {
    parameters: { method: 'GET', path: '/v24.0/me', query: { fields: 'id' } },
    request: { method: 'GET', path: '/v24.0/me', query: { fields: 'id', access_token: TOKEN } },
    item: { statusCode: 200, body: { id: '10001' } },
  });
});
