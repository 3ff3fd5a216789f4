// The GetResponse trigger, with callbacks shaped as GetResponse's callback documentation shows them: a GET whose
// query names the action, the account, the list (campaign), the message and the contact. GetResponse signs nothing,
// so the secret in the callback URL is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { getresponseTrigger, getresponseWebhookSecret } from './getresponse-trigger.js';

const SECRET = 'gr-7c5a3e1f9d2b4c6e';
const HOOK = 'https://hooks.example.com/webhook/getresponse/callbacks';

/** A callback's query as GetResponse's documentation shows it. */
const callback = (action: string) => ({
  action,
  ACCOUNT_ID: 'A1',
  account_login: 'myaccount',
  CAMPAIGN_ID: 'C1',
  campaign_name: 'mycampaign',
  CONTACT_ID: 'C1',
  contact_name: 'Friend',
  contact_email: 'friend@implix.com',
});

/** A callback as GetResponse makes it: a GET to the callback URL, the URL's own query first. */
const get = (query: Record<string, string>, secret: string | null = SECRET) =>
  new Request(`${HOOK}?${new URLSearchParams({ ...(secret === null ? {} : { secret }), ...query }).toString()}`);

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [getresponseTrigger],
  credentialTypes: [getresponseWebhookSecret],
  credentials: [{ id: 'hook', type: 'getresponseWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'subscribers',
    nodes: [
      {
        id: 'gr',
        name: 'New subscribers',
        type: getresponseTrigger.type,
        parameters: { path: 'getresponse/callbacks', events: ['subscribe'] },
        credentials: { getresponseWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('GetResponse trigger', () => {
  it('runs for a subscribe callback with the secret, and puts out its query without the secret', async () => {
    const { run } = await bed.runOnce(get(callback('subscribe')));
    expect(run.nodes['gr']![0]!.output['main']!.map((i) => i.json)).toEqual([callback('subscribe')]);
    // The engine keeps the secret out of the run it records (the call's query).
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  itRefusesCalls(bed, 'refuses a wrong secret and a URL without one with 401, starting nothing', () => [
    { call: get(callback('subscribe'), 'guessed-secret-000'), message: 'The call was refused: its secret does not match' },
    { call: get(callback('subscribe'), null), message: 'The call was refused: its URL has no secret' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an open, an action the node does not listen to', () => get(callback('open')));
});
