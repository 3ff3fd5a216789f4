// n8n's PayPal Trigger imported with the integrations' mappings: the corpus trigger on a billing plan's activation
// becomes Flowloom's on that event, and once given its credential it asks PayPal to verify each call as PayPal's
// verify-webhook-signature reference documents, then runs for the events the n8n node chose, and for no other.
import type { Workflow } from '@flowloom/engine';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { paypalOAuth2 } from '../services/paypal/paypal-credentials.js';
import { paypalTrigger } from '../services/paypal/paypal-trigger.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import type { Answer } from '../testing/service-harness.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';

const SANDBOX = 'api-m.sandbox.paypal.com';
const WEBHOOK_ID = '1JE4291016473214C';
const corpus = importAfterTrigger(fixtureNode('0965_Paypal_Update_Triggered.json', 'PayPal Trigger'));
const path = String(corpus.node?.parameters['path']);
/** The imported workflow with the credential its user fills in, as the import report asks. */
const workflow: Workflow = {
  ...corpus.workflow,
  nodes: corpus.workflow.nodes.map((n) => (n.id === 'service' ? { ...n, credentials: { paypalOAuth2Api: 'app' } } : n)),
};

/** PayPal's token and verify-webhook-signature calls, as its reference documents them. */
function vendor(request: SeenRequest): Answer | undefined {
  if (request.url === '/v1/oauth2/token') return { body: { access_token: 'A21-token', token_type: 'Bearer', expires_in: 32400 } };
  if (request.url === '/v1/notifications/verify-webhook-signature') return { body: { verification_status: 'SUCCESS' } };
  return undefined;
}

const bed = webhookTestbed({
  answers: vendor,
  hosts: [SANDBOX],
  nodeTypes: [paypalTrigger],
  credentialTypes: [paypalOAuth2],
  credentials: [
    {
      id: 'app',
      type: 'paypalOAuth2Api',
      data: { clientId: 'AaZ-client', clientSecret: 'EJ-secret', environment: 'sandbox', webhookId: WEBHOOK_ID },
    },
  ],
  workflow,
});

/** An event as PayPal's webhook event reference shows a billing plan's. */
const event = (type: string) => ({
  id: 'WH-7Y7254563A4550640-11V2185806837105M',
  event_version: '1.0',
  create_time: '2026-06-01T12:00:00.000Z',
  resource_type: 'plan',
  event_type: type,
  summary: 'A billing plan was activated.',
  resource: {
    id: 'P-7GL4271244454362WXNWU5NQ',
    product_id: 'PROD-XXCD1234QWER65782',
    name: 'Video Streaming Service Plan',
    status: 'ACTIVE',
  },
});

const call = (body: unknown) =>
  new Request(`https://hooks.example.com/webhook/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
      'paypal-transmission-sig': 'signature',
      'paypal-transmission-time': '2026-06-01T12:00:01Z',
    },
    body: JSON.stringify(body),
  });

describe("n8n's PayPal Trigger, imported", () => {
  it("becomes a Flowloom PayPal trigger on the corpus node's event, on a path of n8n's webhook id", () => {
    expect(corpus.report.placeholders).toEqual([]);
    expect(corpus.node).toMatchObject({
      type: 'integrations.paypalTrigger',
      parameters: { path: 'paypal/242a300e-b5a0-45a2-87bc-40def6fe56ef', events: ['BILLING.PLAN.ACTIVATED'] },
    });
  });

  it('has PayPal verify a billing plan activation, then runs with the event, and not for another event', async () => {
    const body = event('BILLING.PLAN.ACTIVATED');
    const { run } = await bed.runOnce(call(body));
    expect(run.nodes['service']![0]!.output['main']![0]!.json).toEqual(body);
    const requests = await bed.take();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/oauth2/token',
      'POST /v1/notifications/verify-webhook-signature',
    ]);
    expect(requests[1]).toMatchObject({ body: { webhook_id: WEBHOOK_ID, transmission_sig: 'signature', webhook_event: body } });
    const { runs } = await bed.deliver(call(event('BILLING.PLAN.DEACTIVATED')));
    expect(runs).toEqual([]);
  });
});
