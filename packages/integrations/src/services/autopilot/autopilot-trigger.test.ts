// The Autopilot trigger, with calls shaped as Autopilot's REST hooks post them (the hook, its event in snake case
// and the contact, as JSON). Autopilot signs nothing, so the secret in the hook's target URL is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { autopilotTrigger, autopilotWebhookSecret } from './autopilot-trigger.js';

const SECRET = 'ap-6a4c2e8f0b1d3f5a';
const HOOK = `https://hooks.example.com/webhook/autopilot/contacts?secret=${SECRET}`;

const contactHook = (event: string) => ({
  hook_id: 'hook_1E5A7C9B-2D4F-4A6C-8E0B-1C3D5E7F9A2B',
  event,
  contact: {
    contact_id: 'person_0E9F8D7C-6B5A-4938-2716-0F1E2D3C4B5A',
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Email: 'ada@example.com',
    created_at: '2026-03-26T21:35:57.000Z',
  },
});

/** A call as Autopilot makes it to the hook's target URL. */
const post = (body: unknown, url = HOOK) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [autopilotTrigger],
  credentialTypes: [autopilotWebhookSecret],
  credentials: [{ id: 'hook', type: 'autopilotWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'new-contacts',
    nodes: [
      {
        id: 'ap',
        name: 'New contacts',
        type: autopilotTrigger.type,
        parameters: { path: 'autopilot/contacts', events: ['contactAdded'] },
        credentials: { autopilotWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Autopilot trigger', () => {
  it('runs for contact_added with the secret, and puts out the hook call with its contact', async () => {
    const { run } = await bed.runOnce(post(contactHook('contact_added')));
    expect(run.nodes['ap']![0]!.output['main']!.map((i) => i.json)).toEqual([contactHook('contact_added')]);
    // The engine keeps the secret out of the run it records (the call's query).
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  itRefusesCalls(bed, 'refuses a wrong secret and a URL without one with 401, starting nothing', () => [
    {
      call: post(contactHook('contact_added'), HOOK.replace(SECRET, 'guessed-secret-000')),
      message: 'The call was refused: its secret does not match',
    },
    { call: post(contactHook('contact_added'), HOOK.replace(/\?.*$/, '')), message: 'The call was refused: its URL has no secret' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for contact_updated, an event the node does not listen to', () =>
    post(contactHook('contact_updated')),
  );
});
