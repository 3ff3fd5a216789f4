// n8n's webhook triggers of email marketing and messaging services, from the real corpus nodes in
// `fixtures/marketing-trigger-nodes.json`: each becomes the Flowloom trigger of its service on the same events, on a
// path of n8n's webhook id, with the webhook's registration left to its user.
import { readFileSync } from 'node:fs';
import type { Workflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { postmarkTrigger, postmarkWebhookAuth } from '../services/postmark/postmark-trigger.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/marketing-trigger-nodes.json', import.meta.url), 'utf8')) as {
  source: string;
  node: N8nFixtureNode;
}[];

/** The corpus node of this n8n type, imported alone with the integrations' mappings. */
function imported(n8nType: string, parameters?: Record<string, unknown>) {
  const fixture = fixtures.find((f) => f.node.type === `n8n-nodes-base.${n8nType}`);
  if (!fixture) throw new Error(`no fixture node of type ${n8nType}`);
  const node = structuredClone(fixture.node);
  if (parameters) node.parameters = parameters;
  const result = importAfterTrigger(node);
  expect(result.report.placeholders).toEqual([]);
  expect(result.report.problems.map((p) => p.code)).toContain('webhook-registration');
  // The n8n credential is the API access n8n registers the webhook with: the Flowloom trigger's slot stays for its user.
  expect(result.node?.credentials ?? {}).toEqual({});
  return result;
}

describe("n8n's email marketing and messaging triggers, imported from the corpus", () => {
  it('makes a Postmark Trigger a Flowloom one on bounces and opens, the content option left to the webhook in Postmark', () => {
    const { node, report } = imported('postmarkTrigger');
    expect(node).toMatchObject({
      type: 'integrations.postmarkTrigger',
      parameters: { path: 'postmark/1422ac7a-62ba-4f7c-8e22-4e8ecb4950ce', events: ['bounce', 'open'] },
    });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'postmark-webhook-options', parameter: 'includeContent' }));
  });

  it('makes a Mailjet Trigger on sent mail a Flowloom one on its default path (the corpus node has no webhook id)', () => {
    const { node } = imported('mailjetTrigger');
    expect(node?.type).toBe('integrations.mailjetTrigger');
    expect(node?.parameters).toEqual({ events: ['sent'] });
  });

  it('makes a Customer.io Trigger a Flowloom one on customer.unsubscribed', () => {
    const { node } = imported('customerIoTrigger');
    expect(node).toMatchObject({
      type: 'integrations.customerIoTrigger',
      parameters: { path: 'customerio/88092579-1b8d-4d44-98d5-f24b3579cbc2', events: ['customer.unsubscribed'] },
    });
  });

  it('makes a ConvertKit Trigger on a form a Flowloom one on formSubscribe, telling how the URL names the event', () => {
    const { node, report } = imported('convertKitTrigger');
    expect(node).toMatchObject({
      type: 'integrations.convertkitTrigger',
      parameters: { path: 'convertkit/55336480-7be1-4432-8fc8-d860572c1c18', events: ['formSubscribe'] },
    });
    const warning = report.problems.find((p) => p.code === 'convertkit-webhook-event');
    expect(warning?.message).toContain('&event=formSubscribe');
  });

  it('makes an ActiveCampaign Trigger a Flowloom one on account_add, the sources left to the webhook in ActiveCampaign', () => {
    const { node, report } = imported('activeCampaignTrigger');
    expect(node?.type).toBe('integrations.activecampaignTrigger');
    expect(node?.parameters).toEqual({ events: ['account_add'] });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'activecampaign-sources', parameter: 'sources' }));
  });

  it('makes an Autopilot Trigger a Flowloom one on contactAdded', () => {
    const { node } = imported('autopilotTrigger');
    expect(node).toMatchObject({
      type: 'integrations.autopilotTrigger',
      parameters: { path: 'autopilot/d7aa9691-49cb-4b01-8ecc-9a38fd708cf2', events: ['contactAdded'] },
    });
  });

  it('makes a Keap Trigger a Flowloom one on contact.add', () => {
    const { node } = imported('keapTrigger');
    expect(node).toMatchObject({
      type: 'integrations.keapTrigger',
      parameters: { path: 'keap/1df33e6f-7e5c-4d70-b90d-d5666aaf63e7', events: ['contact.add'] },
    });
  });

  it("makes a Keap Trigger with RAW Data a placeholder naming it, n8n's raw body having no equivalent", () => {
    const fixture = fixtures.find((f) => f.node.type === 'n8n-nodes-base.keapTrigger')!;
    const { report } = importAfterTrigger({ ...structuredClone(fixture.node), parameters: { eventId: 'contact.add', rawData: true } });
    expect(report.placeholders).toEqual([expect.objectContaining({ parameter: 'rawData' })]);
  });

  it('makes an event the Flowloom trigger does not offer a placeholder naming it', () => {
    const fixture = fixtures.find((f) => f.node.type === 'n8n-nodes-base.mailjetTrigger')!;
    const { report } = importAfterTrigger({ ...structuredClone(fixture.node), parameters: { event: 'delivered' } });
    expect(report.placeholders).toHaveLength(1);
    expect(JSON.stringify(report.placeholders[0])).toContain('delivered');
  });
});

/** The corpus Postmark workflow as imported, with the credential its user fills in, as the import report asks. */
const postmarkWorkflow = (): Workflow => {
  const { workflow } = importAfterTrigger(structuredClone(fixtures.find((f) => f.node.type === 'n8n-nodes-base.postmarkTrigger')!.node));
  return { ...workflow, nodes: workflow.nodes.map((n) => ({ ...n, credentials: { postmarkWebhookAuth: 'hook' } })) };
};

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [postmarkTrigger],
  credentialTypes: [postmarkWebhookAuth],
  credentials: [{ id: 'hook', type: 'postmarkWebhookAuth', data: { user: 'postmark', password: 'imported-hook-pass' } }],
  workflow: postmarkWorkflow(),
});

/** A call as Postmark makes it to the imported trigger's URL, with the user and password written in that URL. */
const postmarkCall = (recordType: string) =>
  new Request('https://hooks.example.com/webhook/postmark/1422ac7a-62ba-4f7c-8e22-4e8ecb4950ce', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('postmark:imported-hook-pass').toString('base64')}`,
    },
    body: JSON.stringify({ RecordType: recordType, MessageID: '883953f4-6105-42a2-a16a-77a8eac79483', Email: 'john@example.com' }),
  });

describe("n8n's Postmark Trigger, imported and given its credential", () => {
  it('runs for the bounces and opens the n8n node chose, and for no delivery', async () => {
    const { responses, runs } = await bed.deliver(postmarkCall('Bounce'), postmarkCall('Open'), postmarkCall('Delivery'));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(runs.map((r) => r.nodes['service']![0]!.output['main']![0]!.json['RecordType'])).toEqual(['Bounce', 'Open']);
  });
});
