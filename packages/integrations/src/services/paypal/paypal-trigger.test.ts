// The PayPal trigger, checked against PayPal's published verify-webhook-signature call
// (developer.paypal.com/docs/api/webhooks/v1/#verify-webhook-signature_post; the server SDK has no notifications
// calls): each call's transmission headers, the webhook ID and the event exactly as received go to PayPal, whose
// answer decides. Then a whole workflow: a verified capture event, an If on its amount, and the PayPal node.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { paypal, paypalOAuth2 } from './paypal.js';
import { paypalTrigger } from './paypal-trigger.js';

const SANDBOX = 'api-m.sandbox.paypal.com';
const WEBHOOK_ID = '8PT597110X687430LKGECATA';
const credential = { clientId: 'AaZ-client', clientSecret: 'EJ-secret', environment: 'sandbox', webhookId: WEBHOOK_ID };
const verifyBodies: string[] = [];

const event = (type: string, value: string) => ({
  id: 'WH-2WR32451HC0233532-67976317FL4543714',
  event_version: '1.0',
  create_time: '2026-06-01T12:00:00.000Z',
  resource_type: 'capture',
  event_type: type,
  summary: `Payment completed for $ ${value} USD`,
  resource: {
    id: '42311647XV020574X',
    status: 'COMPLETED',
    amount: { currency_code: 'USD', value },
    supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } },
  },
});

/** A call as PayPal sends it: its transmission headers, and the event as PayPal wrote it (spacing kept). */
function paypalCall(body: unknown, signature = 'good-signature', headers: Record<string, string> = {}) {
  return new Request('https://hooks.example.com/webhook/paypal/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
      'paypal-transmission-sig': signature,
      'paypal-transmission-time': '2026-06-01T12:00:01Z',
      ...headers,
    },
    body: JSON.stringify(body, null, 1),
  });
}

const workflow = triggerIfThen({
  id: 'paypal-big-captures',
  trigger: {
    name: 'On capture',
    type: paypalTrigger.type,
    parameters: { path: 'paypal/events', events: ['PAYMENT.CAPTURE.COMPLETED'] },
    credentials: { paypalOAuth2Api: 'app' },
  },
  test: {
    name: 'Over 100',
    parameters: { conditions: [{ leftValue: '{{ $number($json.resource.amount.value) }}', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
    id: 'order',
    name: 'Get order',
    type: paypal.node.type,
    parameters: { resource: 'order', operation: 'get', orderId: '{{ $json.resource.supplementary_data.related_ids.order_id }}' },
    credentials: { paypalOAuth2Api: 'app' },
  },
});

/** PayPal's token, verify-webhook-signature and order calls, as its reference documents them. */
function vendor(request: SeenRequest): Answer {
  const path = new URL(request.url, 'http://x').pathname;
  if (path === '/v1/oauth2/token') return { body: { access_token: 'A21-token', token_type: 'Bearer', expires_in: 32400 } };
  if (path === '/v1/notifications/verify-webhook-signature') {
    const text = request.body.toString('utf8');
    verifyBodies.push(text);
    const body = JSON.parse(text) as { transmission_sig?: string; webhook_id?: string };
    const ok = body.transmission_sig === 'good-signature' && body.webhook_id === WEBHOOK_ID;
    return { body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
  }
  return { body: { id: path.split('/').at(-1), status: 'COMPLETED', intent: 'CAPTURE' } };
}

const bed = webhookTestbed({
  answers: vendor,
  hosts: [SANDBOX],
  nodeTypes: [paypal.node, paypalTrigger],
  credentialTypes: [paypalOAuth2],
  credentials: [
    { id: 'app', type: 'paypalOAuth2Api', data: credential },
    { id: 'noHook', type: 'paypalOAuth2Api', data: { ...credential, webhookId: undefined } },
  ],
  workflow,
});

describe('PayPal trigger', () => {
  it('asks PayPal to verify a call as the reference documents, then runs, and the PayPal node gets the order', async () => {
    const body = event('PAYMENT.CAPTURE.COMPLETED', '250.00');
    await bed.runOnce(paypalCall(body));
    const requests = await bed.take();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/oauth2/token',
      'POST /v1/notifications/verify-webhook-signature',
      'GET /v2/checkout/orders/5O190127TN364715T',
    ]);
    expect(requests[1]).toMatchObject({
      auth: 'Bearer A21-token',
      contentType: 'application/json',
      body: {
        auth_algo: 'SHA256withRSA',
        cert_url: 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
        transmission_id: '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
        transmission_sig: 'good-signature',
        transmission_time: '2026-06-01T12:00:01Z',
        webhook_id: WEBHOOK_ID,
        webhook_event: body,
      },
    });
    // The event goes to PayPal byte for byte as it arrived.
    expect(verifyBodies.at(-1)).toContain(`"webhook_event":${JSON.stringify(body, null, 1)}}`);
  });

  // PayPal is asked about the forged call only: the unsigned one is refused before.
  itRefusesCalls(
    bed,
    'refuses a call PayPal does not verify, or one missing a transmission header, with 401, starting nothing',
    () => [
      {
        call: paypalCall(event('PAYMENT.CAPTURE.COMPLETED', '250.00'), 'forged-signature'),
        message: 'The call was refused: PayPal says its signature does not verify',
      },
      {
        call: paypalCall(event('PAYMENT.CAPTURE.COMPLETED', '250.00'), 'x', { 'paypal-transmission-sig': '' }),
        message: 'The call was refused: it has no paypal-transmission-sig header',
      },
    ],
    { asks: ['POST /v1/notifications/verify-webhook-signature'] },
  );

  it('refuses every call when the credential has no webhook ID', async () => {
    const call = { method: 'POST', url: 'https://hooks.example.com/x', headers: new Headers(), body: new Uint8Array() };
    expect(await bed.engine.credentials.verifyWebhook('noHook', call)).toBe(
      'the PayPal credential has no webhook ID to check calls against',
    );
  });

  itStartsNothingFor(
    bed,
    'starts nothing for an event type the node does not listen to',
    () => paypalCall(event('PAYMENT.CAPTURE.DENIED', '250.00')),
    { asks: ['POST /v1/notifications/verify-webhook-signature'] },
  );
});

describe('PayPal in a workflow', () => {
  it('gets the order of a capture over 100 in engine.run and the CLI alike', async () => {
    const input = [
      { json: { body: event('PAYMENT.CAPTURE.COMPLETED', '250.00') } },
      { json: { body: event('PAYMENT.CAPTURE.COMPLETED', '99.99') } },
    ];
    // A new engine, which gets its token first as the command line does: the same requests from both.
    const fresh = { engine: await bed.startEngine(), routes: bed.routes, take: bed.take };
    const { execution, requests } = await runInEngineAndCli(fresh, workflow, {
      credentials: [{ id: 'app', type: 'paypalOAuth2Api', data: credential }],
      input,
      compare: 'order',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/oauth2/token', 'GET /v2/checkout/orders/5O190127TN364715T']);
    expect(execution.nodes['order']![0]!.output['main']!).toHaveLength(1);
  });
});
