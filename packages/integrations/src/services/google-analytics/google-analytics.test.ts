// Google Analytics reports, checked against Google's own SDK (@google-analytics/data, in its HTTP/JSON mode): both make
// the same calls to one recording server, and the node's items are the rows of the report as the SDK parsed the same
// answer. The SDK also asks for enums as numbers (`$alt=json;enum-encoding=int`); the node takes their names, which it
// reads as readily, so that query parameter is left out of the comparison.
import { BetaAnalyticsDataClient } from '@google-analytics/data';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { OAuth2Client } from 'google-auth-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import type { Answer, NormalizedRequest } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { googleAnalytics } from './google-analytics.js';

const TOKEN = 'ya29.analytics-good';
const REVOKED = 'ya29.analytics-revoked';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const PROPERTY = '123456789';

const ROWS = [
  ['France', '20260601', '120', '0.61'],
  ['France', '20260602', '98', '0.58'],
  ['Japan', '20260601', '77', '0.7'],
  ['Japan', '20260602', '81', '0.66'],
  ['Peru', '20260601', '5', '0.2'],
];
/** A report as the Data API answers it, two rows to a page so that a report spans pages. */
function report(body: { offset?: string; limit?: string; dimensions?: { name: string }[]; metrics?: { name: string }[] }) {
  const start = Number(body.offset ?? 0);
  const size = Math.min(Number(body.limit ?? 10_000), 2);
  return {
    dimensionHeaders: [{ name: 'country' }, { name: 'date' }],
    metricHeaders: [
      { name: 'activeUsers', type: 'TYPE_INTEGER' },
      { name: 'engagementRate', type: 'TYPE_FLOAT' },
    ],
    rows: ROWS.slice(start, start + size).map(([country, date, users, rate]) => ({
      dimensionValues: [{ value: country }, { value: date }],
      metricValues: [{ value: users }, { value: rate }],
    })),
    rowCount: ROWS.length,
    metadata: { currencyCode: 'EUR', timeZone: 'Europe/Paris' },
    kind: 'analyticsData#runReport',
  };
}

function vendor(request: SeenRequest): Answer | undefined {
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return {
      status: 401,
      body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
    };
  }
  const path = new URL(request.url, 'http://x').pathname;
  const body = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, never>;
  if ((body['metrics'] as { name: string }[] | undefined)?.some((m) => m.name === 'fooBar')) {
    return { status: 400, body: { error: { code: 400, message: 'Field fooBar is not a valid metric.', status: 'INVALID_ARGUMENT' } } };
  }
  switch (path) {
    case `/v1beta/properties/${PROPERTY}:runReport`:
      return { body: report(body) };
    case `/v1beta/properties/${PROPERTY}:runRealtimeReport`:
      return {
        body: {
          dimensionHeaders: [{ name: 'unifiedScreenName' }],
          metricHeaders: [{ name: 'activeUsers', type: 'TYPE_INTEGER' }],
          rows: [{ dimensionValues: [{ value: 'Checkout' }], metricValues: [{ value: '14' }] }],
          rowCount: 1,
          kind: 'analyticsData#runRealtimeReport',
        },
      };
    case '/v1beta/properties/0/metadata':
    case `/v1beta/properties/${PROPERTY}/metadata`:
      return {
        body: {
          name: `properties/${path.split('/')[3]}/metadata`,
          dimensions: [{ apiName: 'country', uiName: 'Country', description: 'The country from which the user activity originated.' }],
          metrics: [
            {
              apiName: 'activeUsers',
              uiName: 'Active users',
              description: 'The number of distinct users who visited your site or app.',
              type: 'TYPE_INTEGER',
            },
            {
              apiName: 'engagementRate',
              uiName: 'Engagement rate',
              description: 'The percentage of engaged sessions.',
              type: 'TYPE_FLOAT',
            },
          ],
        },
      };
  }
  return undefined;
}

const bed = serviceTestbed(googleAnalytics, {
  name: 'Analytics',
  answers: vendor,
  hosts: ['analyticsdata.googleapis.com'],
  credentials: [
    { id: 'analytics', type: 'googleAnalyticsOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'googleAnalyticsOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('analytics', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: REVOKED, tokenType: 'Bearer' });
  },
  // The SDK names a content type on bodiless requests and asks for enums as numbers; neither changes the report.
  read: (request: NormalizedRequest) => {
    const { $alt: _, ...query } = request.query;
    return { ...request, query, ...(request.body === undefined ? { contentType: undefined } : {}) };
  },
});
const { take } = bed;
const node = (operation: string, parameters: Record<string, unknown>) =>
  bed.node('report', operation, { propertyId: PROPERTY, ...parameters });

let sdk: BetaAnalyticsDataClient;
beforeAll(() => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  const url = new URL(bed.server.url);
  sdk = new BetaAnalyticsDataClient({
    authClient: auth,
    fallback: true,
    apiEndpoint: url.hostname,
    port: Number(url.port),
    protocol: 'http',
  });
});

/** A report's rows as the SDK parsed them, as items: dimensions as text, metrics as numbers. */
type SdkReport = {
  dimensionHeaders?: { name?: string | null }[] | null;
  metricHeaders?: { name?: string | null }[] | null;
  rows?: { dimensionValues?: { value?: string | null }[] | null; metricValues?: { value?: string | null }[] | null }[] | null;
};
const sdkRows = (answer: SdkReport) =>
  (answer.rows ?? []).map((row) => ({
    ...Object.fromEntries((answer.dimensionHeaders ?? []).map((h, i) => [h.name, row.dimensionValues![i]!.value])),
    ...Object.fromEntries((answer.metricHeaders ?? []).map((h, i) => [h.name, Number(row.metricValues![i]!.value)])),
  }));

describe('Google Analytics reports, against @google-analytics/data', () => {
  it('runs a report over two date ranges with a filter, as the SDK does, and makes an item of each row as the SDK reads it', async () => {
    const dimensionFilter = { filter: { fieldName: 'country', inListFilter: { values: ['France', 'Japan'] } } };
    const [answer] = await sdk.runReport({
      property: `properties/${PROPERTY}`,
      dimensions: [{ name: 'country' }, { name: 'date' }],
      metrics: [{ name: 'activeUsers' }, { name: 'engagementRate' }],
      dateRanges: [
        { startDate: '2026-06-01', endDate: '2026-06-02', name: 'this' },
        { startDate: '7daysAgo', endDate: 'yesterday' },
      ],
      dimensionFilter,
      orderBys: [{ metric: { metricName: 'activeUsers' }, desc: true }],
      limit: 2,
    });
    const expected = await take();
    const { items, requests } = await node('run', {
      dimensions: ['country', 'date'],
      metrics: ['activeUsers', 'engagementRate'],
      dateRanges: [
        { startDate: '2026-06-01', endDate: '2026-06-02', name: 'this' },
        { startDate: '7daysAgo', endDate: 'yesterday' },
      ],
      dimensionFilter,
      orderBys: [{ metric: { metricName: 'activeUsers' }, desc: true }],
      limit: 2,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ method: 'POST', path: `/v1beta/properties/${PROPERTY}:runReport`, auth: `Bearer ${TOKEN}` });
    expect(items.map((i) => i.json)).toEqual(sdkRows(answer));
    expect(items[0]!.json).toEqual({ country: 'France', date: '20260601', activeUsers: 120, engagementRate: 0.61 });
  });

  it('reads every page of a report by offset up to its row count, with the offsets the SDK sends', async () => {
    for (const offset of [undefined, 2, 4]) {
      await sdk.runReport({
        property: `properties/${PROPERTY}`,
        dimensions: [{ name: 'country' }],
        metrics: [{ name: 'activeUsers' }],
        dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }],
        ...(offset ? { offset } : {}),
        limit: 10_000,
      });
    }
    const expected = await take();
    const { items, requests } = await node('run', { dimensions: ['country'], metrics: ['activeUsers'], returnAll: true });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['activeUsers'])).toEqual([120, 98, 77, 81, 5]);
  });

  it('stops at the limit, asking only for the rows it still needs', async () => {
    const { items, requests } = await node('run', { metrics: ['activeUsers'], limit: 3 });
    expect(items).toHaveLength(3);
    expect(requests.map((r) => [(r.body as { offset?: string }).offset, (r.body as { limit: string }).limit])).toEqual([
      [undefined, '3'],
      ['2', '1'],
    ]);
  });

  it('runs a realtime report over minute ranges, as the SDK does', async () => {
    const [answer] = await sdk.runRealtimeReport({
      property: `properties/${PROPERTY}`,
      dimensions: [{ name: 'unifiedScreenName' }],
      metrics: [{ name: 'activeUsers' }],
      minuteRanges: [{ startMinutesAgo: 29, endMinutesAgo: 0, name: 'last30' }],
      limit: 50,
    });
    const expected = await take();
    const { items, requests } = await node('runRealtime', {
      dimensions: ['unifiedScreenName'],
      metrics: ['activeUsers'],
      minuteRanges: [{ startMinutesAgo: 29, endMinutesAgo: 0, name: 'last30' }],
    });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(sdkRows(answer));
  });

  it('offers the property’s metrics as choices, from its metadata', async () => {
    expect(await bed.choices('metrics', { resource: 'report', operation: 'run', propertyId: PROPERTY })).toEqual([
      { value: 'activeUsers', label: 'Active users', description: 'The number of distinct users who visited your site or app.' },
      { value: 'engagementRate', label: 'Engagement rate', description: 'The percentage of engaged sessions.' },
    ]);
    await take();
  });

  it("turns the Data API's error into a node error with Google's status, as the SDK sees it", async () => {
    const sdkError = await sdk
      .runReport({
        property: `properties/${PROPERTY}`,
        metrics: [{ name: 'fooBar' }],
        dateRanges: [{ startDate: 'today', endDate: 'today' }],
      })
      .catch((e: Error) => e.message);
    const { execution } = await node('run', { metrics: ['fooBar'] });
    expect(sdkError).toContain('Field fooBar is not a valid metric.');
    expect(execution.error?.message).toBe(
      "Node 'Analytics': Google Analytics report.run failed: HTTP 400 INVALID_ARGUMENT: Field fooBar is not a valid metric.",
    );
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'report', operation: 'runRealtime', propertyId: PROPERTY, metrics: ['activeUsers'] },
    limits: (request, path) => path.endsWith(':runRealtimeReport'),
    answer: {
      status: 429,
      headers: { 'retry-after': '20' },
      body: { error: { code: 429, message: 'Exhausted property tokens.', status: 'RESOURCE_EXHAUSTED' } },
    },
    waitMs: 20_000,
    check: ({ execution, retried }) => {
      expect(execution.status).toBe('success');
      expect(retried.map((r) => r.path)).toEqual([`/v1beta/properties/${PROPERTY}:runRealtimeReport`]);
    },
  });

  itTestsCredential(bed, 'tests a credential on the metadata every property shares: a revoked token asks to reconnect', [
    {
      id: 'analytics',
      sdk: () => sdk.getMetadata({ name: 'properties/0/metadata' }),
      calls: [{ method: 'GET', path: '/v1beta/properties/0/metadata', auth: `Bearer ${TOKEN}` }],
    },
    {
      id: 'revoked',
      outcome: {
        ok: false,
        message:
          "Credential 'revoked': the access token expired and the provider gave no refresh token. Reconnect this account: open the credential and connect it again.",
      },
    },
  ]);
});

describe('Google Analytics in a workflow', () => {
  it('runs a report, in engine.run and the CLI alike', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'report',
        name: 'Weekly users',
        type: googleAnalytics.node.type,
        parameters: {
          resource: 'report',
          operation: 'run',
          propertyId: PROPERTY,
          dimensions: ['country'],
          metrics: ['activeUsers'],
          returnAll: true,
        },
        credentials: { googleAnalyticsOAuth2Api: 'analytics' },
      },
    ]);
    const { execution } = await runInEngineAndCli(bed, workflow, {
      credentials: [
        { id: 'analytics', type: 'googleAnalyticsOAuth2Api', data: CLIENT, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } },
      ],
      compare: 'report',
    });
    expect(execution.nodes['report']![0]!.output['main']).toHaveLength(5);
  });
});

describe('Google Analytics node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Analytics',
    parameters: { resource: 'report', operation: 'run', propertyId: PROPERTY, metrics: ['activeUsers'] },
    message:
      "Node 'Analytics': Google Analytics report.run needs a credential: choose a Google Analytics OAuth2 or Google Analytics service account credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong kind or left out', {
    name: 'Analytics',
    cases: [
      {
        parameters: { resource: 'report', operation: 'run', propertyId: 'UA-1234-1', metrics: ['activeUsers'] },
        throws: "parameter 'propertyId' must be a GA4 property ID (digits), such as 123456789",
      },
      {
        parameters: { resource: 'report', operation: 'run', propertyId: PROPERTY },
        fails: "Node 'Analytics': Google Analytics report.run: parameter 'metrics' is required.",
      },
      {
        parameters: { resource: 'report', operation: 'run', propertyId: PROPERTY, metrics: [] },
        throws: "parameter 'metrics' must have at least 1 items",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Analytics',
    unknown: { service: 'Google Analytics', resources: ['report', 'custom'], operation: ['report', 'run'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the Data API with the credential', {
    parameters: { method: 'GET', path: `/properties/${PROPERTY}/metadata` },
    request: { method: 'GET', path: `/v1beta/properties/${PROPERTY}/metadata`, auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200 },
  });
});
