// The Zendesk trigger, checked against Zendesk's published signing (base64 HMAC-SHA256 of the signature timestamp
// followed by the raw body, https://developer.zendesk.com/documentation/webhooks/verifying/, computed here with
// node:crypto), with the signing secret of Zendesk's own verification example and the payloads its docs show: an
// organization.created event and the JSON body a ticket trigger writes.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { zendeskTrigger, zendeskWebhookSecret } from './zendesk-trigger.js';

const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const HOOK = 'https://hooks.example.com/webhook/zendesk/support';
const TIMESTAMP = '2026-06-01T12:00:00Z';

/** Zendesk's example of an organization.created event. */
const organizationCreated = {
  type: 'zen:event-type:organization.created',
  account_id: 10973248,
  subject: 'zen:organization:6607619104125',
  id: 'a540ab78-88f2-49e1-93a7-16152a6f782c',
  time: '2099-07-07T03:44:13Z',
  zendesk_event_version: '2022-06-20',
  detail: {
    created_at: '2099-07-07T03:44:13Z',
    id: '6607619104125',
    name: 'Acme',
    shared_comments: false,
    shared_tickets: false,
    updated_at: '2099-07-07T03:44:13Z',
    group_id: null,
    external_id: null,
  },
  event: {},
};

/** What a ticket trigger notifying the webhook sends: the JSON body written in the trigger, placeholders filled. */
const ticketUpdate = { ticket_id: '35436', status: 'Open', requester_email: 'ada@example.com', title: 'Printer on fire' };

function zendeskCall(body: unknown, options: { secret?: string; timestamp?: string; signedAt?: string; unsigned?: boolean } = {}) {
  const text = JSON.stringify(body);
  const signedAt = options.signedAt ?? TIMESTAMP;
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(signedAt + text)
    .digest('base64');
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
      ...(options.unsigned
        ? {}
        : { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': options.timestamp ?? signedAt }),
    },
    body: text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [zendeskTrigger],
  credentialTypes: [zendeskWebhookSecret],
  credentials: [{ id: 'signing', type: 'zendeskWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'zendesk-support',
    nodes: [
      {
        id: 'zd',
        name: 'Zendesk',
        type: zendeskTrigger.type,
        parameters: { path: 'zendesk/support', events: ['conditional_ticket_events', 'zen:event-type:organization.created'] },
        credentials: { zendeskWebhookSecret: 'signing' },
      },
    ],
  }),
});

describe('Zendesk trigger', () => {
  it('runs for a signed ticket trigger call, and puts out the body the trigger wrote', async () => {
    const { run } = await bed.runOnce(zendeskCall(ticketUpdate));
    expect(run.nodes['zd']![0]!.output['main']!.map((i) => i.json)).toEqual([ticketUpdate]);
  });

  it('runs for a signed organization.created event, and puts out the event', async () => {
    const { run } = await bed.runOnce(zendeskCall(organizationCreated));
    expect(run.nodes['zd']![0]!.output['main']!.map((i) => i.json)).toEqual([organizationCreated]);
  });

  itRefusesCalls(bed, 'refuses a wrong secret, a changed timestamp and an unsigned call with 401, starting nothing', () => [
    {
      call: zendeskCall(ticketUpdate, { secret: 'not-the-secret' }),
      message: 'The call was refused: its Zendesk signature does not match',
    },
    { call: zendeskCall(ticketUpdate, { timestamp: '2026-06-01T12:05:00Z' }) },
    { call: zendeskCall(ticketUpdate, { unsigned: true }), message: 'The call was refused: it has no Zendesk signature' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    zendeskCall({ ...organizationCreated, type: 'zen:event-type:user.created', subject: 'zen:user:6596848315901' }),
  );
});
