// The HubSpot trigger, checked against the SDK's own v3 signing (`Signature.getSignature` of @hubspot/api-client), and a
// whole workflow: a signed batch of deal events, If the amount is over 100, then a HubSpot ticket for the deal.
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { Signature } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThroughCli, serviceEngine, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { hubspot, hubspotPrivateApp } from './hubspot.js';
import { hubspotAppSecret, hubspotTrigger } from './hubspot-trigger.js';

const SECRET = 'a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6';
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const URL_CALLED = 'https://hooks.example.com/webhook/hubspot/events';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
let server: VendorServer;
let engine: Engine;
const finished: Execution[] = [];

/** A call as HubSpot signs it (v3): the SDK's signature of method, URL, body and timestamp, in milliseconds. */
function hubspotCall(body: unknown, options: { secret?: string; timestamp?: number; tamper?: boolean; url?: string } = {}): Request {
  const text = JSON.stringify(body);
  const timestamp = options.timestamp ?? clock.now();
  const url = options.url ?? URL_CALLED;
  const signature = Signature.getSignature('POST', 'v3', {
    signature: '',
    clientSecret: options.secret ?? SECRET,
    requestBody: text,
    url,
    timestamp,
  });
  return new Request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': String(timestamp),
    },
    body: options.tamper ? text.replace('5000', '9') : text,
  });
}

const event = (subscriptionType: string, objectId: number, extra: Record<string, unknown> = {}) => ({
  eventId: 100 + objectId,
  subscriptionId: 2291,
  portalId: 62515,
  appId: 1160452,
  occurredAt: clock.now(),
  subscriptionType,
  attemptNumber: 0,
  objectId,
  changeSource: 'CRM',
  ...extra,
});
const batch = [
  event('deal.propertyChange', 11, { propertyName: 'amount', propertyValue: '5000' }),
  event('contact.creation', 12),
  event('deal.propertyChange', 13, { propertyName: 'amount', propertyValue: '40' }),
];

const workflow = buildWorkflow({
  id: 'hubspot-big-deals',
  nodes: [
    {
      id: 'trigger',
      name: 'Deal changed',
      type: hubspotTrigger.type,
      parameters: { path: 'hubspot/events', events: ['deal.propertyChange'] },
      credentials: { hubspotAppSecret: 'secret' },
    },
    {
      id: 'big',
      name: 'Amount over 100',
      type: 'core.if',
      // HubSpot sends property values as text.
      parameters: { looseTypeValidation: true, conditions: [{ field: 'propertyValue', operator: 'number:gt', rightValue: 100 }] },
    },
    {
      id: 'ticket',
      name: 'Review ticket',
      type: hubspot.node.type,
      parameters: {
        resource: 'ticket',
        operation: 'create',
        properties: { subject: 'Review deal {{ $json.objectId }}', hs_pipeline: '0', hs_pipeline_stage: '1' },
        associations: [{ to: { id: '{{ $json.objectId }}' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 28 }] }],
      },
      credentials: { hubspotAppToken: 'app' },
    },
  ],
  connections: [
    ['trigger', 'big'],
    ['big:true', 'ticket'],
  ],
});

beforeAll(async () => {
  server = await startVendorServer((request) => {
    const body = JSON.parse(request.body.toString('utf8')) as { properties: Record<string, unknown> };
    return { status: 201, body: { id: '901', properties: body.properties, archived: false } };
  });
  engine = await serviceEngine({
    nodeTypes: [hubspot.node, hubspotTrigger],
    credentialTypes: [hubspotPrivateApp, hubspotAppSecret],
    routes: { 'api.hubapi.com': server.url },
    clock,
    credentials: [
      { id: 'app', type: 'hubspotAppToken', data: { accessToken: TOKEN } },
      { id: 'secret', type: 'hubspotAppSecret', data: { clientSecret: SECRET } },
    ],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(workflow);
});

afterAll(async () => {
  await server.close();
});

describe('HubSpot trigger', () => {
  it('runs for a signed batch with the chosen events only, and opens a ticket for the big deal, in engine.run and the CLI', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(hubspotCall(batch));
    expect(response.status).toBe(200);
    await engine.idle();
    const [run] = finished.slice(before);
    expect(run!.error?.message).toBeUndefined();
    expect(run!.status).toBe('success');
    expect(run!.nodes['trigger']![0]!.output['main']!.map((i) => i.json['objectId'])).toEqual([11, 13]);
    const requests = await server.take();
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/crm/v3/objects/tickets',
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: {
          properties: { subject: 'Review deal 11', hs_pipeline: '0', hs_pipeline_stage: '1' },
          associations: [{ to: { id: '11' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 28 }] }],
        },
      },
    ]);

    // The same workflow file through the flowloom command line, with the call's body as the trigger's input.
    const cli = await runThroughCli(workflow, {
      routes: { 'api.hubapi.com': server.url },
      credentials: [
        { id: 'app', type: 'hubspotAppToken', data: { accessToken: TOKEN } },
        { id: 'secret', type: 'hubspotAppSecret', data: { clientSecret: SECRET } },
      ],
      input: [{ json: { body: batch } }],
    });
    expect(cli.code).toBe(0);
    expect(cli.execution.nodes['ticket']![0]!.output['main']).toEqual(run!.nodes['ticket']![0]!.output['main']);
    expect(await server.take()).toEqual(requests);
  });

  it('accepts a signature made over the URL with the characters HubSpot decodes', async () => {
    const before = finished.length;
    const encoded = `${URL_CALLED}?portal=62515%2Cdeals`;
    const call = hubspotCall(batch, { url: `${URL_CALLED}?portal=62515,deals` });
    const response = await engine.handleWebhook(new Request(encoded, { method: 'POST', headers: call.headers, body: await call.text() }));
    expect(response.status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before + 1);
    await server.take();
  });

  it('refuses a tampered body, a wrong secret and a stale timestamp with 401, starting nothing', async () => {
    const before = finished.length;
    const tampered = await engine.handleWebhook(hubspotCall(batch, { tamper: true }));
    const wrongSecret = await engine.handleWebhook(hubspotCall(batch, { secret: 'not-the-secret' }));
    const stale = await engine.handleWebhook(hubspotCall(batch, { timestamp: clock.now() - 6 * 60_000 }));
    const unsigned = await engine.handleWebhook(new Request(URL_CALLED, { method: 'POST', body: JSON.stringify(batch) }));
    expect([tampered.status, wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    expect(((await tampered.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its HubSpot signature does not match',
    );
    expect(((await stale.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its timestamp is outside the 5 minute window',
    );
    expect(((await unsigned.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: it has no HubSpot v3 signature',
    );
    await engine.idle();
    expect(finished.length).toBe(before);
    expect(await server.take()).toEqual([]);
  });

  it('starts nothing for a batch with none of the chosen events', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(hubspotCall([event('contact.creation', 12), event('company.deletion', 14)]));
    expect(response.status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });
});
