// Google Analytics Measurement Protocol: Google publishes no SDK for it, so each request is checked against the
// protocol's reference (https://developers.google.com/analytics/devguides/collection/protocol/ga4/reference): the
// endpoint, `measurement_id` or `firebase_app_id` and `api_secret` in the query, and the JSON body with its documented
// field names; the validation server's answers are written in their documented shape.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, runNode, type Answer } from '../../testing/service-harness.js';
import { recordingVendor } from '../../testing/recording-vendor.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { googleAnalyticsEvents, googleAnalyticsMeasurement } from './google-analytics-events.js';

const WEB = { apiSecret: 'mp-secret-web-0123', measurementId: 'G-ABC123XYZ' };
const APP = { apiSecret: 'mp-secret-app-4567', firebaseAppId: '1:1234567890:android:321abc456def7890' };
const INSTANCE = 'bc17b822c8c84a7e84ac7e010cc2d1b6';

/** The collection endpoint answers 204 to anything; the validation server checks items as its reference says. */
function vendor(request: SeenRequest): Answer | undefined {
  const path = new URL(request.url, 'http://x').pathname;
  if (path === '/mp/collect') return { status: 204 };
  if (path !== '/debug/mp/collect') return undefined;
  const body = JSON.parse(request.body.toString('utf8')) as { events: { params?: { items?: Record<string, unknown>[] } }[] };
  const items = body.events[0]?.params?.items ?? [];
  const bad = items.findIndex((item) => item['item_id'] === undefined && item['item_name'] === undefined);
  return {
    body: {
      validationMessages:
        bad < 0
          ? []
          : [
              {
                fieldPath: `events[0].params.items[${bad}]`,
                description: `Item at index [${bad}] in event at index [0] must have item_id or item_name.`,
                validationCode: 'VALUE_REQUIRED',
              },
            ],
    },
  };
}

const bed = serviceTestbed(googleAnalyticsEvents, {
  name: 'GA events',
  answers: vendor,
  hosts: ['www.google-analytics.com'],
  credentials: [
    { id: 'web', type: 'googleAnalyticsMeasurementApi', data: WEB },
    { id: 'app', type: 'googleAnalyticsMeasurementApi', data: APP },
  ],
});
const send = (parameters: Record<string, unknown>, credential = 'web') =>
  bed.node('event', 'send', parameters, { credentials: { googleAnalyticsMeasurementApi: credential } });
/** The European endpoint only: a request sent anywhere else finds no route. */
const europe = recordingVendor(
  {
    answers: vendor,
    hosts: ['region1.google-analytics.com'],
    nodeTypes: [googleAnalyticsEvents.node],
    credentialTypes: [googleAnalyticsMeasurement],
    credentials: [{ id: 'eu', type: 'googleAnalyticsMeasurementApi', data: { ...WEB, region: 'eu' } }],
  },
  () => undefined,
);

const PURCHASE = {
  value: 30.03,
  currency: 'EUR',
  transactionId: 'T-1001',
  items: [{ item_id: 'SKU_1', item_name: 'Green tea', price: 10.01, quantity: 3 }],
};

describe('Google Analytics Measurement Protocol, against its reference', () => {
  it('sends a purchase (a key event with its value) for a web visitor, with the stream and secret in the query', async () => {
    const { items, requests } = await send({
      clientId: '1234567890.1718000000',
      userId: 'customer-42',
      eventName: 'purchase',
      eventParams: { coupon: 'SUMMER', shipping: 3.5 },
      ...PURCHASE,
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/mp/collect',
        query: { measurement_id: WEB.measurementId, api_secret: WEB.apiSecret },
        auth: undefined,
        contentType: 'application/json',
        body: {
          client_id: '1234567890.1718000000',
          user_id: 'customer-42',
          events: [
            {
              name: 'purchase',
              params: { coupon: 'SUMMER', shipping: 3.5, value: 30.03, currency: 'EUR', transaction_id: 'T-1001', items: PURCHASE.items },
            },
          ],
        },
      },
    ]);
    expect(items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
  });

  it('sends an app event with user properties, consent and its own time, for an app instance', async () => {
    const { requests } = await send(
      {
        appInstanceId: INSTANCE,
        eventName: 'level_up',
        eventParams: { level: 7, character: 'wizard' },
        userProperties: { tier: 'gold', lifetime_orders: 12 },
        adUserData: 'GRANTED',
        adPersonalization: 'DENIED',
        timestamp: '2026-06-01T09:30:00.000Z',
      },
      'app',
    );
    expect(requests[0]!.query).toEqual({ firebase_app_id: APP.firebaseAppId, api_secret: APP.apiSecret });
    expect(requests[0]!.body).toEqual({
      app_instance_id: INSTANCE,
      timestamp_micros: Date.parse('2026-06-01T09:30:00.000Z') * 1000,
      user_properties: { tier: { value: 'gold' }, lifetime_orders: { value: 12 } },
      consent: { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
      events: [{ name: 'level_up', params: { level: 7, character: 'wizard' } }],
    });
  });

  it('sends to the European endpoint when the credential says so', async () => {
    const engine = await europe.startEngine();
    const execution = await runNode(engine, {
      type: googleAnalyticsEvents.node.type,
      parameters: { resource: 'event', operation: 'send', clientId: '1.2', eventName: 'sign_up' },
      credentials: { googleAnalyticsMeasurementApi: 'eu' },
    });
    expect(execution.error?.message).toBeUndefined();
    expect(outputOf(execution)[0]!.json).toEqual({ success: true });
    expect((await europe.take()).map((r) => [r.path, r.query['measurement_id']])).toEqual([['/mp/collect', WEB.measurementId]]);
  });

  it("validates an event on Google's validation server without recording it, and reports its messages", async () => {
    const good = await bed.node('event', 'validate', { clientId: '1.2', eventName: 'purchase', ...PURCHASE });
    const bad = await bed.node('event', 'validate', { clientId: '1.2', eventName: 'purchase', ...PURCHASE, items: [{ price: 1 }] });
    expect([...good.requests, ...bad.requests].map((r) => r.path)).toEqual(['/debug/mp/collect', '/debug/mp/collect']);
    expect(good.items[0]!.json).toEqual({ valid: true, validationMessages: [] });
    expect(bad.items[0]!.json).toEqual({
      valid: false,
      validationMessages: [
        {
          fieldPath: 'events[0].params.items[0]',
          description: 'Item at index [0] in event at index [0] must have item_id or item_name.',
          validationCode: 'VALUE_REQUIRED',
        },
      ],
    });
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'event', operation: 'send', clientId: '1.2', eventName: 'sign_up' },
    limits: (request, path) => path === '/mp/collect',
    answer: { status: 429, headers: { 'retry-after': '2' } },
    waitMs: 2_000,
    check: ({ execution, retried }) => {
      expect(execution.status).toBe('success');
      expect(retried.map((r) => r.path)).toEqual(['/mp/collect']);
    },
  });

  itTestsCredential(bed, 'tests a credential by sending an event to the validation server', [
    {
      id: 'web',
      calls: [
        {
          method: 'POST',
          path: '/debug/mp/collect',
          query: { measurement_id: WEB.measurementId, api_secret: WEB.apiSecret },
          body: { client_id: 'flowloom.credential-test', events: [{ name: 'flowloom_credential_test' }] },
        },
      ],
    },
  ]);

  it('refuses a credential with both a measurement ID and a Firebase app ID, naming the field', async () => {
    await expect(
      bed.engine.credentials.create({
        name: 'both',
        type: 'googleAnalyticsMeasurementApi',
        data: { ...WEB, firebaseAppId: APP.firebaseAppId },
      }),
    ).rejects.toThrow(/measurementId.*give either a measurement ID \(web stream\) or a Firebase app ID \(app stream\)/s);
  });
});

describe('Google Analytics Measurement Protocol in a workflow', () => {
  it('sends an event for each order, in engine.run and the CLI alike', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'event',
        name: 'Record purchase',
        type: googleAnalyticsEvents.node.type,
        parameters: {
          resource: 'event',
          operation: 'send',
          clientId: '{{ $json.client }}',
          eventName: 'purchase',
          value: '{{ $json.total }}',
          currency: 'EUR',
          transactionId: '{{ $json.order }}',
        },
        credentials: { googleAnalyticsMeasurementApi: 'web' },
      },
    ]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'web', type: 'googleAnalyticsMeasurementApi', data: WEB }],
      input: [{ json: { client: '1.2', total: 12.5, order: 'T-7' } }],
      compare: 'event',
    });
    expect(requests.map((r) => r.body)).toEqual([
      { client_id: '1.2', events: [{ name: 'purchase', params: { value: 12.5, currency: 'EUR', transaction_id: 'T-7' } }] },
    ]);
  });
});

describe('Google Analytics Measurement Protocol node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'GA events',
    parameters: { resource: 'event', operation: 'send', clientId: '1.2', eventName: 'sign_up' },
    message:
      "Node 'GA events': Google Analytics Measurement Protocol event.send needs a credential: choose a Google Analytics Measurement Protocol API secret credential.",
  });

  const refused = (parameters: Record<string, unknown>, message: string) => ({
    parameters: { resource: 'event', operation: 'send', ...parameters },
    fails: `Node 'GA events': Google Analytics Measurement Protocol event.send: ${message}.`,
  });
  itRejectsBadInput(bed, 'refuses, before sending, what the reference says Google drops, naming the parameter', {
    name: 'GA events',
    cases: [
      refused({ eventName: 'sign_up' }, "parameter 'clientId' give either a client ID (web stream) or an app instance ID (app stream)"),
      refused(
        { clientId: '1.2', appInstanceId: INSTANCE, eventName: 'sign_up' },
        "parameter 'clientId' give either a client ID (web stream) or an app instance ID (app stream)",
      ),
      refused({ clientId: '1.2', eventName: 'session_start' }, "parameter 'eventName' 'session_start' is reserved by Google Analytics"),
      refused(
        { clientId: '1.2', eventName: 'sign-up' },
        "parameter 'eventName' must start with a letter and hold only letters, digits and underscores, at most 40 characters",
      ),
      refused({ clientId: '1.2', eventName: 'purchase', value: 9 }, "parameter 'currency' is required with a value"),
      refused(
        { clientId: '1.2', eventName: 'sign_up', eventParams: { ga_source: 'x' } },
        "parameter 'eventParams' 'ga_source' is reserved by Google Analytics",
      ),
      refused(
        { clientId: '1.2', eventName: 'sign_up', eventParams: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`p${i}`, i])) },
        "parameter 'eventParams' holds 26 parameters; an event takes at most 25",
      ),
      refused(
        { clientId: '1.2', eventName: 'sign_up', userProperties: { favourite_colour_of_the_week: 'teal' } },
        "parameter 'userProperties' 'favourite_colour_of_the_week' must start with a letter and hold only letters, digits and underscores, at most 24 characters",
      ),
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'GA events',
    unknown: { service: 'Google Analytics Measurement Protocol', resources: ['event', 'custom'], operation: ['event', 'send'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the collection endpoint with the stream and secret', {
    parameters: { method: 'POST', path: '/debug/mp/collect', body: '{"client_id":"1.2","events":[{"name":"page_view"}]}' },
    request: { method: 'POST', path: '/debug/mp/collect', query: { measurement_id: WEB.measurementId, api_secret: WEB.apiSecret } },
    item: { statusCode: 200, body: { validationMessages: [] } },
  });
});
