// The Mailchimp trigger, with calls shaped as Mailchimp's webhook guide documents them (form fields such as
// data[merges][FNAME]); Mailchimp signs nothing, so the URL's secret is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { webhookTestbed } from '../../testing/webhook-testbed.js';
import { mailchimpTrigger, mailchimpWebhookSecret } from './mailchimp-trigger.js';

const SECRET = 'b2f1c0d9e8a7b6c5d4e3';
const HOOK = `https://hooks.example.com/webhook/mailchimp/audience?secret=${SECRET}`;
const subscribe = {
  type: 'subscribe',
  fired_at: '2026-03-26 21:35:57',
  'data[id]': '8a25ff1d98',
  'data[list_id]': 'a6b5da1054',
  'data[email]': 'ada@example.com',
  'data[email_type]': 'html',
  'data[merges][EMAIL]': 'ada@example.com',
  'data[merges][FNAME]': 'Ada',
  'data[merges][INTERESTS]': 'Group1,Group2',
  'data[ip_opt]': '10.20.10.30',
};

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [mailchimpTrigger],
  credentialTypes: [mailchimpWebhookSecret],
  credentials: [{ id: 'hook', type: 'mailchimpWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'audience',
    nodes: [
      {
        id: 'mc',
        name: 'Audience changes',
        type: mailchimpTrigger.type,
        parameters: { path: 'mailchimp/audience', events: ['subscribe', 'unsubscribe'] },
        credentials: { mailchimpWebhookSecret: 'hook' },
      },
    ],
  }),
});
/** A call as Mailchimp makes it: the event's fields as a form. */
const post = (fields: Record<string, string>, url = HOOK) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('Mailchimp trigger', () => {
  it("answers Mailchimp's GET check of the URL without a run, and refuses it without the secret", async () => {
    const { responses, runs } = await bed.deliver(new Request(HOOK), new Request(HOOK.replace(SECRET, 'guess')));
    expect(responses.map((r) => r.status)).toEqual([200, 401]);
    expect(runs).toEqual([]);
  });

  it('runs for a subscribe with the secret, and puts out the event as nested data', async () => {
    const { run } = await bed.runOnce(post(subscribe));
    expect(run.nodes['mc']![0]!.output['main']![0]!.json).toEqual({
      type: 'subscribe',
      fired_at: '2026-03-26 21:35:57',
      data: {
        id: '8a25ff1d98',
        list_id: 'a6b5da1054',
        email: 'ada@example.com',
        email_type: 'html',
        merges: { EMAIL: 'ada@example.com', FNAME: 'Ada', INTERESTS: 'Group1,Group2' },
        ip_opt: '10.20.10.30',
      },
    });
  });

  it('keeps a field named after a prototype as data: it changes no object of the engine', async () => {
    const { run } = await bed.runOnce(post({ ...subscribe, 'data[__proto__][polluted]': 'yes', 'data[merges][constructor]': 'x' }));
    const json = run.nodes['mc']![0]!.output['main']![0]!.json as { data: Record<string, Record<string, unknown>> };
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(json.data)).toContain('__proto__');
    expect(json.data.merges).toMatchObject({ FNAME: 'Ada', constructor: 'x' });
  });

  it('refuses a call without the secret or with a wrong one, and ignores events it does not listen to', async () => {
    const { responses, runs } = await bed.deliver(
      post(subscribe, HOOK.replace(`?secret=${SECRET}`, '')),
      post(subscribe, HOOK.replace(SECRET, `${SECRET}x`)),
      post({ ...subscribe, type: 'cleaned' }),
    );
    expect(responses.map((r) => r.status)).toEqual([401, 401, 200]);
    expect(runs).toEqual([]);
  });
});
