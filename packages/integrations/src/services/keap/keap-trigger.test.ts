// The Keap trigger, with calls shaped as Keap's REST hook documentation describes them: the verification request
// (an X-Hook-Secret header the URL must echo) and the batched events (`event_key`, `object_type`, `object_keys`).
// Keap signs no event, so the secret in the hook URL is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { keapTrigger, keapWebhookSecret } from './keap-trigger.js';

const SECRET = 'kp-2b4d6f8a0c1e3a5c';
const HOOK = `https://hooks.example.com/webhook/keap/contacts?secret=${SECRET}`;

/** An event as Keap sends it: its key, the objects' type, and each object's id, time and API URL. */
const event = (eventKey: string, ids: number[]) => ({
  event_key: eventKey,
  object_type: 'contact',
  object_keys: ids.map((id) => ({
    apiUrl: `https://api.infusionsoft.com/crm/rest/v1/contacts/${id}`,
    id,
    timestamp: '2026-03-26T21:35:57.000Z',
  })),
});

/** A call as Keap makes it to the hook URL. */
const post = (body: unknown, options: { url?: string; hookSecret?: string } = {}) =>
  new Request(options.url ?? HOOK, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.hookSecret ? { 'x-hook-secret': options.hookSecret } : {}) },
    body: JSON.stringify(body),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [keapTrigger],
  credentialTypes: [keapWebhookSecret],
  credentials: [{ id: 'hook', type: 'keapWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'new-contacts',
    nodes: [
      {
        id: 'kp',
        name: 'New contacts',
        type: keapTrigger.type,
        parameters: { path: 'keap/contacts', events: ['contact.add'] },
        credentials: { keapWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Keap trigger', () => {
  it("answers Keap's verification request by echoing its X-Hook-Secret, without a run", async () => {
    const { responses, runs } = await bed.deliver(
      post({ eventKey: 'contact.add', hookUrl: HOOK }, { hookSecret: 'c2VjcmV0LWZyb20ta2VhcA' }),
    );
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(responses[0]!.headers.get('x-hook-secret')).toBe('c2VjcmV0LWZyb20ta2VhcA');
    expect(runs).toEqual([]);
  });

  it('runs for a contact.add with the secret, and puts out each contact of the batch as an item', async () => {
    const { run } = await bed.runOnce(post(event('contact.add', [1234, 1235])));
    // The engine keeps the secret out of the run it records (the call's query).
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(run.nodes['kp']![0]!.output['main']!.map((i) => i.json)).toEqual(
      [1234, 1235].map((id) => ({
        eventKey: 'contact.add',
        objectType: 'contact',
        id,
        timestamp: '2026-03-26T21:35:57.000Z',
        apiUrl: `https://api.infusionsoft.com/crm/rest/v1/contacts/${id}`,
      })),
    );
  });

  itRefusesCalls(bed, 'refuses a wrong secret, a URL without one and a verification request without one with 401', () => [
    {
      call: post(event('contact.add', [1]), { url: HOOK.replace(SECRET, 'guessed-secret-000') }),
      message: 'The call was refused: its secret does not match',
    },
    { call: post(event('contact.add', [1]), { url: HOOK.replace(/\?.*$/, '') }), message: 'The call was refused: its URL has no secret' },
    { call: post({}, { url: HOOK.replace(/\?.*$/, ''), hookSecret: 'forged' }) },
  ]);

  itStartsNothingFor(bed, 'starts nothing for contact.edit, an event the node does not listen to', () => post(event('contact.edit', [1])));
});
