// The HubSpot trigger, checked against the SDK's own v3 signing (`Signature.getSignature` of @hubspot/api-client), and a
// whole workflow: a signed batch of deal events, If the amount is over 100, then a HubSpot ticket for the deal.
import { createTestClock } from '@flowloom/engine/testing';
import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { expectCliAgrees } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { hubspot, hubspotPrivateApp } from './hubspot.js';
import { hubspotAppSecret, hubspotTrigger } from './hubspot-trigger.js';

const SECRET = 'a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6';
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const URL_CALLED = 'https://hooks.example.com/webhook/hubspot/events';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });

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

const workflow = triggerIfThen({
  id: 'hubspot-big-deals',
  trigger: {
    name: 'Deal changed',
    type: hubspotTrigger.type,
    parameters: { path: 'hubspot/events', events: ['deal.propertyChange'] },
    credentials: { hubspotAppSecret: 'secret' },
  },
  test: {
    name: 'Amount over 100',
    // HubSpot sends property values as text.
    parameters: { looseTypeValidation: true, conditions: [{ field: 'propertyValue', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
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
});

const credentials = [
  { id: 'app', type: 'hubspotAppToken', data: { accessToken: TOKEN } },
  { id: 'secret', type: 'hubspotAppSecret', data: { clientSecret: SECRET } },
];
const bed = webhookTestbed({
  answers: (request) => {
    const body = JSON.parse(request.body.toString('utf8')) as { properties: Record<string, unknown> };
    return { status: 201, body: { id: '901', properties: body.properties, archived: false } };
  },
  hosts: ['api.hubapi.com'],
  nodeTypes: [hubspot.node, hubspotTrigger],
  credentialTypes: [hubspotPrivateApp, hubspotAppSecret],
  credentials,
  clock,
  workflow,
});

describe('HubSpot trigger', () => {
  it('runs for a signed batch with the chosen events only, and opens a ticket for the big deal, in engine.run and the CLI', async () => {
    const { run } = await bed.runOnce(hubspotCall(batch));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json['objectId'])).toEqual([11, 13]);
    const requests = await bed.take();
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
    await expectCliAgrees(
      bed,
      workflow,
      { execution: run!, requests },
      { credentials, input: [{ json: { body: batch } }], compare: 'ticket' },
    );
  });

  it('accepts a signature made over the URL with the characters HubSpot decodes', async () => {
    const encoded = `${URL_CALLED}?portal=62515%2Cdeals`;
    const call = hubspotCall(batch, { url: `${URL_CALLED}?portal=62515,deals` });
    await bed.runOnce(new Request(encoded, { method: 'POST', headers: call.headers, body: await call.text() }));
    await bed.take();
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and a stale timestamp with 401, starting nothing', () => [
    { call: hubspotCall(batch, { tamper: true }), message: 'The call was refused: its HubSpot signature does not match' },
    { call: hubspotCall(batch, { secret: 'not-the-secret' }) },
    {
      call: hubspotCall(batch, { timestamp: clock.now() - 6 * 60_000 }),
      message: 'The call was refused: its timestamp is outside the 5 minute window',
    },
    {
      call: new Request(URL_CALLED, { method: 'POST', body: JSON.stringify(batch) }),
      message: 'The call was refused: it has no HubSpot v3 signature',
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a batch with none of the chosen events', () =>
    hubspotCall([event('contact.creation', 12), event('company.deletion', 14)]),
  );
});
