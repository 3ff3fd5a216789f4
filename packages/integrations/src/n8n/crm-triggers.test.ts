// n8n's webhook triggers of CRM, support, billing and project tools services, from the real corpus nodes in
// `fixtures/crm-trigger-nodes.json`: each becomes the Flowloom trigger of its service on the same events, on a path of
// n8n's webhook id, with the webhook's registration left to its user.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Workflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { zendeskTrigger, zendeskWebhookSecret } from '../services/zendesk/zendesk-trigger.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/crm-trigger-nodes.json', import.meta.url), 'utf8')) as {
  source: string;
  node: N8nFixtureNode;
}[];

/** The corpus node of this n8n type. */
function fixture(n8nType: string): N8nFixtureNode {
  const found = fixtures.find((f) => f.node.type === `n8n-nodes-base.${n8nType}`);
  if (!found) throw new Error(`no fixture node of type ${n8nType}`);
  return structuredClone(found.node);
}

/** The corpus node of this n8n type, imported alone with the integrations' mappings. */
function imported(n8nType: string) {
  const result = importAfterTrigger(fixture(n8nType));
  expect(result.report.placeholders).toEqual([]);
  expect(result.report.problems.map((p) => p.code)).toContain('webhook-registration');
  return result;
}

const SIGNING_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const zendesk = importAfterTrigger(fixture('zendeskTrigger'));
/** The imported Zendesk workflow with the credential its user fills in, as the import report asks. */
const zendeskWorkflow: Workflow = {
  ...zendesk.workflow,
  nodes: zendesk.workflow.nodes.map((n) => (n.id === 'service' ? { ...n, credentials: { zendeskWebhookSecret: 'signing' } } : n)),
};
const zendeskBed = webhookTestbed({
  hosts: [],
  nodeTypes: [zendeskTrigger],
  credentialTypes: [zendeskWebhookSecret],
  credentials: [{ id: 'signing', type: 'zendeskWebhookSecret', data: { secret: SIGNING_SECRET } }],
  workflow: zendeskWorkflow,
});

/** A call of a Zendesk webhook, signed as Zendesk signs: base64 HMAC-SHA256 of the timestamp and the body. */
function zendeskCall(body: unknown): Request {
  const text = JSON.stringify(body);
  const timestamp = '2026-06-01T12:00:00Z';
  return new Request('https://hooks.example.com/webhook/zendesk/7d01a119-83c7-43b7-8668-a2f26b95d225', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': createHmac('sha256', SIGNING_SECRET)
        .update(timestamp + text)
        .digest('base64'),
      'x-zendesk-webhook-signature-timestamp': timestamp,
    },
    body: text,
  });
}

describe("n8n's CRM, support, billing and project tools triggers, imported from the corpus", () => {
  it('makes a Zendesk Trigger a Flowloom one on ticket trigger calls, its conditions left to a Zendesk trigger', () => {
    const { node, report } = imported('zendeskTrigger');
    expect(node).toMatchObject({
      type: 'integrations.zendeskTrigger',
      parameters: { path: 'zendesk/7d01a119-83c7-43b7-8668-a2f26b95d225', events: ['conditional_ticket_events'] },
    });
    expect(node?.credentials ?? {}).toEqual({});
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'zendesk-trigger-conditions', parameter: 'conditions' }));
  });

  it('makes a HelpScout Trigger a Flowloom Help Scout one on the same events', () => {
    const { node } = imported('helpScoutTrigger');
    expect(node).toMatchObject({
      type: 'integrations.helpscoutTrigger',
      parameters: { path: 'helpscout/aaaf8b3f-8247-4d98-ae65-8c6626aade95', events: ['customer.created'] },
    });
  });

  it("makes a ClickUp Trigger on every event ('*') a Flowloom one on its default path and events, every event", () => {
    const { node } = imported('clickUpTrigger');
    expect(node?.type).toBe('integrations.clickupTrigger');
    // The corpus node has no webhook id: the trigger keeps its default path.
    expect(node?.parameters).toEqual({});
  });

  it("names n8n's ClickUp key result deletion as ClickUp does, and warns of filters the webhook is created with", () => {
    const node = {
      ...fixture('clickUpTrigger'),
      parameters: { team: '123', events: ['taskCreated', 'keyResultDelete'], filters: { listId: '#9' } },
    };
    const { node: mapped, report } = importAfterTrigger(node);
    expect(report.placeholders).toEqual([]);
    expect(mapped?.parameters).toEqual({ events: ['taskCreated', 'keyResultDeleted'] });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'clickup-filters', parameter: 'filters' }));
  });

  it("makes a Chargebee Trigger on every event ('*') a Flowloom one on every event", () => {
    const { node } = imported('chargebeeTrigger');
    expect(node?.type).toBe('integrations.chargebeeTrigger');
    expect(node?.parameters).toEqual({});
  });

  it('keeps a trigger on an event Flowloom does not offer as a placeholder naming the event', () => {
    const { report } = importAfterTrigger({ ...fixture('chargebeeTrigger'), parameters: { events: ['gift_scheduled'] } });
    expect(report.placeholders).toHaveLength(1);
    expect(JSON.stringify(report.placeholders[0])).toContain('gift_scheduled');
  });

  it('makes a Copper Trigger a Flowloom one on its resource and event', () => {
    const { node } = imported('copperTrigger');
    expect(node).toMatchObject({
      type: 'integrations.copperTrigger',
      parameters: { path: 'copper/493ce79a-6a08-4062-86d9-7f4618b6c1ea', events: ['project.new'] },
    });
  });

  it('makes an Invoice Ninja Trigger a Flowloom one on its event, the URL to name the event and the secret', () => {
    const { node, report } = imported('invoiceNinjaTrigger');
    expect(node).toMatchObject({
      type: 'integrations.invoiceninjaTrigger',
      parameters: { path: 'invoiceninja/97be21b3-ebf5-48cf-b291-5d954657a544', events: ['create_invoice'] },
    });
    expect(report.problems.find((p) => p.code === 'webhook-registration')?.message).toContain('&event=create_invoice');
  });

  it('makes an Affinity Trigger a Flowloom one on the same events', () => {
    const { node } = imported('affinityTrigger');
    expect(node).toMatchObject({
      type: 'integrations.affinityTrigger',
      parameters: { path: 'affinity/e9d2b8f0-9fa9-43c2-b45d-dc96c869bd20', events: ['list.created'] },
    });
  });

  it("runs the imported Zendesk trigger for a signed call of n8n's default fields, and not for a user event", async () => {
    // n8n's Zendesk trigger sends {"ticket.id": "{{ticket.id}}"} when no fields are chosen.
    const { run } = await zendeskBed.runOnce(zendeskCall({ 'ticket.id': '35436' }));
    expect(run.nodes['service']![0]!.output['main']!.map((i) => i.json)).toEqual([{ 'ticket.id': '35436' }]);
    const { responses, runs } = await zendeskBed.deliver(zendeskCall({ type: 'zen:event-type:user.created', detail: { id: '1' } }));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
  });
});
