// n8n's Mailchimp Trigger imported with the integrations' mappings: the corpus trigger becomes Flowloom's on the same
// events, and once given the webhook's secret it runs for the calls Mailchimp's webhook guide documents (the event's
// fields as a form, data[merges][FNAME]...) of the events the n8n node chose, and for no other.
import type { Workflow } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { mailchimpTrigger, mailchimpWebhookSecret } from '../services/mailchimp/mailchimp-trigger.js';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import { webhookTestbed } from '../testing/webhook-testbed.js';

const SECRET = 'c3a9f1e07b5d4e2a9c81';
const corpus = importAfterTrigger(fixtureNode('0989_Mailchimp_Automate_Triggered.json', 'Mailchimp Trigger'));
/** The imported workflow with the credential its user fills in, as the import report asks. */
const workflow: Workflow = {
  ...corpus.workflow,
  nodes: corpus.workflow.nodes.map((n) => (n.id === 'service' ? { ...n, credentials: { mailchimpWebhookSecret: 'hook' } } : n)),
};

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [mailchimpTrigger],
  credentialTypes: [mailchimpWebhookSecret],
  credentials: [{ id: 'hook', type: 'mailchimpWebhookSecret', data: { secret: SECRET } }],
  workflow,
});

/** A call as Mailchimp's guide shows it, to the trigger's default path. */
const call = (type: string) =>
  new Request(`https://hooks.example.com/webhook/mailchimp/events?secret=${SECRET}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      type,
      fired_at: '2026-03-26 21:35:57',
      'data[id]': '8a25ff1d98',
      'data[list_id]': '0a5a4ca5de',
      'data[email]': 'ada@example.com',
      'data[merges][FNAME]': 'Ada',
    }).toString(),
  });

describe("n8n's Mailchimp Trigger, imported", () => {
  it('becomes a Flowloom Mailchimp trigger on the events the corpus node chose, the registration left to the user', () => {
    expect(corpus.report.placeholders).toEqual([]);
    expect(corpus.node).toMatchObject({ type: 'integrations.mailchimpTrigger', parameters: { events: ['subscribe'] } });
    expect(corpus.report.problems.map((p) => p.code)).toContain('webhook-registration');
  });

  it('runs for a subscribe call as Mailchimp sends it, and not for an event the n8n node did not choose', async () => {
    const { run } = await bed.runOnce(call('subscribe'));
    expect(run.nodes['service']![0]!.output['main']![0]!.json).toMatchObject({
      type: 'subscribe',
      data: { list_id: '0a5a4ca5de', email: 'ada@example.com', merges: { FNAME: 'Ada' } },
    });
    const { responses, runs } = await bed.deliver(call('unsubscribe'));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
  });
});
