// n8n's PayPal node imported with the integrations' mappings: the corpus payout becomes a Flowloom payout, and an
// imported payout sends what PayPal's Payouts v1 reference (developer.paypal.com/docs/api/payments.payouts-batch/v1/)
// documents for what the n8n node's parameters mean: a sender batch header, and one payout item per row of n8n's form.
import type { Workflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { paypal } from '../services/paypal/paypal.js';
import { fixtureNode, importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';

const SANDBOX = 'api-m.sandbox.paypal.com';
const TOKEN = 'A21AAF-token';
const APP = { id: 'app', type: 'paypalOAuth2Api', data: { clientId: 'AaZ-client', clientSecret: 'EJ-secret', environment: 'sandbox' } };

const bed = serviceTestbed(paypal, {
  name: 'PayPal',
  answers: (request) => {
    if (request.url === '/v1/oauth2/token') return { body: { access_token: TOKEN, token_type: 'Bearer', expires_in: 32400 } };
    if (request.url === '/v1/payments/payouts' && request.method === 'POST') {
      return { status: 201, body: { batch_header: { payout_batch_id: 'FYXMPQTX4JC9N', batch_status: 'PENDING' } } };
    }
    return undefined;
  },
  hosts: [SANDBOX],
  credentials: [APP],
});

/** An n8n PayPal node of version 1 with these parameters. */
const n8nNode = (parameters: Record<string, unknown>): N8nFixtureNode => ({
  name: 'PayPal',
  type: 'n8n-nodes-base.payPal',
  typeVersion: 1,
  parameters,
  credentials: { payPalApi: { id: 'app', name: 'PayPal account' } },
});

/** The imported workflow, with the credential its user fills in as the import report asks. */
const withCredential = (workflow: Workflow): Workflow => ({
  ...workflow,
  nodes: workflow.nodes.map((n) => (n.id === 'service' ? { ...n, credentials: { paypalOAuth2Api: 'app' } } : n)),
});

describe("n8n's PayPal node, imported", () => {
  it('makes the corpus payout a Flowloom payout create, with no placeholder', () => {
    const { node, report, workflow } = importAfterTrigger(fixtureNode('0957_Manual_Paypal_Automation_Triggered.json', 'PayPal'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.paypal',
      parameters: { resource: 'payout', operation: 'create', senderBatchId: '123' },
      credentials: { paypalOAuth2Api: 'paypal-credentials' },
    });
    expect(report.credentials).toEqual([expect.objectContaining({ slot: 'paypalOAuth2Api', n8nType: 'payPalApi' })]);
    expect(node!.parameters).not.toHaveProperty('payoutItems');
    expect(workflow.nodes.map((n) => n.type)).toEqual(['core.manualTrigger', 'integrations.paypal']);
  });

  it('runs the corpus payout, which has no items, to the error n8n gives too, sending PayPal nothing', async () => {
    const { workflow } = importAfterTrigger(fixtureNode('0957_Manual_Paypal_Automation_Triggered.json', 'PayPal'));
    await bed.take();
    const execution = await bed.engine.run(withCredential(workflow));
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'PayPal': PayPal payout.create: parameter 'payoutItems' or 'receiver', 'amount' and 'currency', are required.",
    );
    expect((await bed.take()).filter((r) => r.path !== '/v1/oauth2/token')).toEqual([]);
  });

  it("sends n8n's form rows and options as PayPal's documented payout body, in the engine and the command line alike", async () => {
    const { workflow, report } = importAfterTrigger(
      n8nNode({
        senderBatchId: '={{ $json.batch }}',
        itemsUi: {
          itemsValues: [
            { receiverValue: '={{ $json.email }}', amount: '9.87', currency: 'EUR', senderItemId: 'A-1' },
            {
              recipientType: 'phone',
              receiverValue: '408-234-1234',
              amount: '={{ $json.bonus }}',
              note: 'Thanks!',
              recipientWallet: 'venmo',
            },
            { recipientType: 'paypalId', receiverValue: 'QWERTY12345', amount: '1.5', note: '', senderItemId: '' },
          ],
        },
        additionalFields: { emailSubject: 'You have a payout!', emailMessage: 'Your June commission', note: 'June' },
      }),
    );
    expect(report.placeholders).toEqual([]);
    const { requests, execution } = await runInEngineAndCli(bed, withCredential(workflow), {
      credentials: [APP],
      input: [{ json: { batch: 'Payouts_2026_06', email: 'ada@example.com', bonus: '112.34' } }],
      compare: 'service',
    });
    const payout = requests.find((r) => r.path === '/v1/payments/payouts');
    expect(payout).toMatchObject({ method: 'POST', auth: `Bearer ${TOKEN}`, contentType: 'application/json' });
    expect(payout!.body).toEqual({
      sender_batch_header: {
        sender_batch_id: 'Payouts_2026_06',
        recipient_type: 'EMAIL',
        email_subject: 'You have a payout!',
        email_message: 'Your June commission',
        note: 'June',
      },
      items: [
        {
          recipient_type: 'EMAIL',
          receiver: 'ada@example.com',
          amount: { value: '9.87', currency: 'EUR' },
          sender_item_id: 'A-1',
          recipient_wallet: 'PAYPAL',
        },
        {
          recipient_type: 'PHONE',
          receiver: '408-234-1234',
          amount: { value: '112.34', currency: 'USD' },
          note: 'Thanks!',
          recipient_wallet: 'VENMO',
        },
        { recipient_type: 'PAYPAL_ID', receiver: 'QWERTY12345', amount: { value: '1.5', currency: 'USD' }, recipient_wallet: 'PAYPAL' },
      ],
    });
    expect(execution.nodes['service']?.[0]?.output['main']?.[0]?.json).toMatchObject({
      batch_header: { payout_batch_id: 'FYXMPQTX4JC9N', batch_status: 'PENDING' },
    });
  });

  it("takes n8n's JSON items as written, with expressions in their strings", () => {
    const { node, report } = importAfterTrigger(
      n8nNode({
        senderBatchId: 'B-7',
        jsonParameters: true,
        itemsJson: '=[{"recipient_type": "EMAIL", "receiver": "{{ $json.email }}", "amount": {"value": "2.00", "currency": "USD"}}]',
      }),
    );
    expect(report.placeholders).toEqual([]);
    expect(node!.parameters).toEqual({
      resource: 'payout',
      operation: 'create',
      senderBatchId: 'B-7',
      payoutItems: [{ recipient_type: 'EMAIL', receiver: '{{ $json.email }}', amount: { value: '2.00', currency: 'USD' } }],
    });
  });

  it("makes n8n's payout get and payout item get and cancel the Flowloom operations of the same name", () => {
    const map = (parameters: Record<string, unknown>) => importAfterTrigger(n8nNode(parameters)).node!.parameters;
    expect(map({ operation: 'get', payoutBatchId: 'FYXMPQTX4JC9N' })).toEqual({
      resource: 'payout',
      operation: 'get',
      payoutBatchId: 'FYXMPQTX4JC9N',
      limit: 100,
    });
    expect(map({ operation: 'get', payoutBatchId: 'FYXMPQTX4JC9N', returnAll: true })).toMatchObject({ returnAll: true });
    expect(map({ resource: 'payoutItem', payoutItemId: '8AELMXH8UB2P8' })).toEqual({
      resource: 'payoutItem',
      operation: 'get',
      payoutItemId: '8AELMXH8UB2P8',
    });
    expect(map({ resource: 'payoutItem', operation: 'cancel', payoutItemId: '8AELMXH8UB2P8' })).toMatchObject({ operation: 'cancel' });
  });

  it('leaves a placeholder naming an option Flowloom does not know', () => {
    const { report } = importAfterTrigger(n8nNode({ senderBatchId: 'B-1', additionalFields: { emailSubject: 'Hi', priority: 'high' } }));
    expect(report.placeholders).toEqual([expect.objectContaining({ node: 'PayPal', parameter: 'additionalFields.priority' })]);
  });
});
