// The Chargebee trigger: Chargebee signs no webhook call but sends the basic authentication the webhook is protected
// with (https://apidocs.chargebee.com/docs/api/events#webhooks), so calls are checked against it. The calls carry
// events shaped as Chargebee's sample event: `event_type`, and the resources in `content`.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { chargebeeTrigger, chargebeeWebhookAuth } from './chargebee-trigger.js';

const AUTH = { username: 'chargebee', password: 'c0rrect-h0rse-battery' };
const HOOK = 'https://hooks.example.com/webhook/chargebee/events';

/** Chargebee's sample event: a subscription created in trial for a new customer. */
const subscriptionCreated = {
  id: 'ev___test__5SK0bLNFRFuCIi8Nj',
  occurred_at: 1517506759,
  source: 'admin_console',
  user: 'full_access@example.com',
  object: 'event',
  api_version: 'v2',
  content: {
    subscription: {
      id: '__test__5SK0bLNFRFuCIi8Nj',
      plan_id: 'plan1',
      plan_quantity: 1,
      status: 'in_trial',
      trial_start: 1517506759,
      trial_end: 1518802759,
      created_at: 1517506759,
      object: 'subscription',
    },
    customer: { id: '__test__5SK0bLNFRFuCIi8Nj', auto_collection: 'on', card_status: 'no_card', object: 'customer' },
  },
  event_type: 'subscription_created',
  webhook_status: 'not_configured',
};

function chargebeeCall(body: unknown, auth: { username: string; password: string } | null = AUTH): Request {
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [chargebeeTrigger],
  credentialTypes: [chargebeeWebhookAuth],
  credentials: [{ id: 'hook', type: 'chargebeeWebhookAuth', data: AUTH }],
  workflow: buildWorkflow({
    id: 'chargebee-subscriptions',
    nodes: [
      {
        id: 'cb',
        name: 'New subscription',
        type: chargebeeTrigger.type,
        parameters: { path: 'chargebee/events', events: ['subscription_created', 'subscription_cancelled'] },
        credentials: { chargebeeWebhookAuth: 'hook' },
      },
    ],
  }),
});

describe('Chargebee trigger', () => {
  it('runs for a subscription_created call with the basic authentication, and puts out the event', async () => {
    const { run } = await bed.runOnce(chargebeeCall(subscriptionCreated));
    expect(run.nodes['cb']![0]!.output['main']!.map((i) => i.json)).toEqual([subscriptionCreated]);
  });

  itRefusesCalls(bed, 'refuses a wrong password, another user and a call without authentication with 401, starting nothing', () => [
    {
      call: chargebeeCall(subscriptionCreated, { ...AUTH, password: 'guessed-password' }),
      message: 'The call was refused: its HTTP Basic credentials do not match',
    },
    { call: chargebeeCall(subscriptionCreated, { ...AUTH, username: 'admin' }) },
    { call: chargebeeCall(subscriptionCreated, null), message: 'The call was refused: it has no HTTP Basic credentials' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    chargebeeCall({ ...subscriptionCreated, event_type: 'customer_created' }),
  );
});
