// The Pipedrive trigger: Pipedrive signs no webhook call but sends the HTTP Basic credentials the webhook was created
// with (https://pipedrive.readme.io/docs/guide-for-webhooks-v2), so calls are checked against them. A whole workflow:
// a deal created in Pipedrive, If its value is over 100, then a follow-up activity through the Pipedrive node.
import { createTestClock } from '@flowloom/engine/testing';
import { v2 } from 'pipedrive';
import { describe, expect, it } from 'vitest';
import { expectCliAgrees } from '../../testing/service-testbed.js';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { pipedrive, pipedriveApiToken } from './pipedrive.js';
import { pipedriveTrigger, pipedriveWebhookAuth } from './pipedrive-trigger.js';

const TOKEN = '0123456789abcdef0123456789abcdef01234567';
const AUTH = { user: 'pipedrive', password: 'c0rrect-h0rse-battery' };
const URL_CALLED = 'https://hooks.example.com/webhook/pipedrive/events';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });

/** A webhooks v2 call: the changed record in `data`, what happened in `meta`. */
const dealCreated = (id: number, value: number) => ({
  data: { id, title: `Deal ${id}`, value, currency: 'EUR', status: 'open', person_id: 3 },
  previous: null,
  meta: {
    action: 'create',
    entity: 'deal',
    entity_id: String(id),
    company_id: '123',
    correlation_id: 'a1b2',
    id: 'c7d8e9f0-0000-4000-8000-000000000001',
    timestamp: '2026-06-01T12:00:00.000Z',
    type: 'general',
    user_id: '1',
    version: '2.0',
    webhook_id: '9',
  },
});

function pipedriveCall(body: unknown, auth: { user: string; password: string } | null = AUTH): Request {
  return new Request(URL_CALLED, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

const workflow = triggerIfThen({
  id: 'pipedrive-follow-up',
  trigger: {
    name: 'Deal created',
    type: pipedriveTrigger.type,
    parameters: { path: 'pipedrive/events', events: ['create.deal'] },
    credentials: { pipedriveWebhookAuth: 'hook' },
  },
  test: {
    name: 'Value over 100',
    parameters: { conditions: [{ field: 'data.value', operator: 'number:gt', rightValue: 100 }] },
  },
  then: {
    id: 'follow',
    name: 'Follow up',
    type: pipedrive.node.type,
    parameters: {
      resource: 'activity',
      operation: 'create',
      subject: 'Call about {{ $json.data.title }}',
      fields: { type: 'call', deal_id: '{{ $json.data.id }}', person_id: '{{ $json.data.person_id }}' },
    },
    credentials: { pipedriveApi: 'token' },
  },
});

const credentials = [
  { id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } },
  { id: 'hook', type: 'pipedriveWebhookAuth', data: AUTH },
];
const bed = webhookTestbed({
  answers: (request) => ({
    status: 201,
    body: { success: true, data: { id: 77, ...(JSON.parse(request.body.toString('utf8')) as object) } },
  }),
  authHeaders: ['x-api-token'],
  hosts: ['api.pipedrive.com'],
  nodeTypes: [pipedrive.node, pipedriveTrigger],
  credentialTypes: [pipedriveApiToken, pipedriveWebhookAuth],
  credentials,
  clock,
  workflow,
});

describe('Pipedrive trigger', () => {
  it('runs for a call with the webhook\u2019s credentials and adds an activity to the big deal, as the SDK would, in engine.run and the CLI', async () => {
    const { run } = await bed.runOnce(pipedriveCall(dealCreated(5, 5000)));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ event: 'create.deal', data: { id: 5, value: 5000 } });
    const requests = await bed.take();
    await new v2.ActivitiesApi(new v2.Configuration({ apiKey: TOKEN, basePath: `${bed.server.url}/api/v2` })).addActivity({
      AddActivityRequest: { subject: 'Call about Deal 5', type: 'call', deal_id: 5, person_id: 3 },
    });
    expect(requests).toEqual(await bed.take());

    await expectCliAgrees(
      bed,
      workflow,
      { execution: run!, requests },
      { credentials, input: [{ json: { body: dealCreated(5, 5000) } }], compare: 'follow' },
    );
  });

  it('runs a small deal through without an activity, and reads webhooks v1 calls too', async () => {
    const v1 = {
      current: { id: 8, title: 'Deal 8', value: 900 },
      previous: null,
      event: 'added.deal',
      meta: { action: 'added', object: 'deal', id: 8 },
    };
    const { runs } = await bed.deliver(pipedriveCall(dealCreated(6, 50)), pipedriveCall(v1));
    expect(runs.map((r) => r.nodes['trigger']![0]!.output['main']![0]!.json['event'])).toEqual(['create.deal', 'create.deal']);
    expect((await bed.take()).map((r) => (r.body as { deal_id: number }).deal_id)).toEqual([8]);
  });

  itRefusesCalls(bed, 'refuses a call with the wrong password, another user or no credentials with 401, starting nothing', () => [
    {
      call: pipedriveCall(dealCreated(5, 5000), { ...AUTH, password: 'c0rrect-h0rse-batterx' }),
      message: 'The call was refused: its HTTP Basic credentials do not match',
    },
    { call: pipedriveCall(dealCreated(5, 5000), { ...AUTH, user: 'someone' }) },
    { call: pipedriveCall(dealCreated(5, 5000), null), message: 'The call was refused: it has no HTTP Basic credentials' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    pipedriveCall({ ...dealCreated(5, 5000), meta: { ...dealCreated(5, 5000).meta, action: 'change' } }),
  );

  it('refuses a webhook password too short to guess at', async () => {
    await expect(
      bed.engine.credentials.create({ name: 'weak', type: 'pipedriveWebhookAuth', data: { user: 'u', password: 'short' } }),
    ).rejects.toThrow(/must be at least 12 characters/);
  });
});
