// The ActiveCampaign trigger, with calls shaped as ActiveCampaign's webhook guide describes them: each field of the
// event posted as a form field (`contact[email]`...). ActiveCampaign signs nothing, so the URL's secret is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { activecampaignTrigger, activecampaignWebhookSecret } from './activecampaign-trigger.js';

const SECRET = 'ac-3f9b1d7e5a2c4e6f';
const HOOK = `https://hooks.example.com/webhook/activecampaign/accounts?secret=${SECRET}`;

/** An account added by a user, as ActiveCampaign posts it. */
const accountAdd = {
  type: 'account_add',
  date_time: '2026-03-26T16:35:57-05:00',
  initiated_from: 'admin',
  initiated_by: 'admin',
  list: '0',
  'account[id]': '12',
  'account[name]': 'Example Co',
  'account[account_url]': 'https://example.com',
  'account[fields][0][id]': '1',
  'account[fields][0][value]': '250',
  'account[fields][1][id]': '2',
  'account[fields][1][value]': 'Retail',
};
const subscribe = {
  type: 'subscribe',
  date_time: '2026-03-26T16:35:57-05:00',
  initiated_from: 'public',
  'contact[id]': '7',
  'contact[email]': 'ada@example.com',
};

/** A call as ActiveCampaign makes it: the event's fields as a form. */
const post = (fields: Record<string, string>, url = HOOK) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [activecampaignTrigger],
  credentialTypes: [activecampaignWebhookSecret],
  credentials: [{ id: 'hook', type: 'activecampaignWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'accounts',
    nodes: [
      {
        id: 'ac',
        name: 'Accounts added',
        type: activecampaignTrigger.type,
        parameters: { path: 'activecampaign/accounts', events: ['account_add'] },
        credentials: { activecampaignWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('ActiveCampaign trigger', () => {
  it('runs for an account added, with the secret, and puts out the form as nested data', async () => {
    const { run } = await bed.runOnce(post(accountAdd));
    // The engine keeps the secret out of the run it records (the call's query).
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(run.nodes['ac']![0]!.output['main']!.map((i) => i.json)).toEqual([
      {
        type: 'account_add',
        date_time: '2026-03-26T16:35:57-05:00',
        initiated_from: 'admin',
        initiated_by: 'admin',
        list: '0',
        account: {
          id: '12',
          name: 'Example Co',
          account_url: 'https://example.com',
          fields: [
            { id: '1', value: '250' },
            { id: '2', value: 'Retail' },
          ],
        },
      },
    ]);
  });

  it('keeps a field named __proto__ as data, changing no object', async () => {
    const { run } = await bed.runOnce(post({ ...accountAdd, '__proto__[polluted]': 'yes' }));
    const json = run.nodes['ac']![0]!.output['main']![0]!.json;
    expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  itRefusesCalls(bed, 'refuses a wrong secret and a URL without one with 401, starting nothing', () => [
    { call: post(accountAdd, HOOK.replace(SECRET, 'guessed-secret-000')), message: 'The call was refused: its secret does not match' },
    { call: post(accountAdd, HOOK.replace(/\?.*$/, '')), message: 'The call was refused: its URL has no secret' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a subscribe, an event the node does not listen to', () => post(subscribe));
});
