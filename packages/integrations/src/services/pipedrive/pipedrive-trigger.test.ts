// The Pipedrive trigger: Pipedrive signs no webhook call but sends the HTTP Basic credentials the webhook was created
// with (https://pipedrive.readme.io/docs/guide-for-webhooks-v2), so calls are checked against them. A whole workflow:
// a deal created in Pipedrive, If its value is over 100, then a follow-up activity through the Pipedrive node.
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { v2 } from 'pipedrive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThroughCli, serviceEngine, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { pipedrive, pipedriveApiToken } from './pipedrive.js';
import { pipedriveTrigger, pipedriveWebhookAuth } from './pipedrive-trigger.js';

const TOKEN = '0123456789abcdef0123456789abcdef01234567';
const AUTH = { user: 'pipedrive', password: 'c0rrect-h0rse-battery' };
const URL_CALLED = 'https://hooks.example.com/webhook/pipedrive/events';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
let server: VendorServer;
let engine: Engine;
const finished: Execution[] = [];

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

const workflow = buildWorkflow({
  id: 'pipedrive-follow-up',
  nodes: [
    {
      id: 'trigger',
      name: 'Deal created',
      type: pipedriveTrigger.type,
      parameters: { path: 'pipedrive/events', events: ['create.deal'] },
      credentials: { pipedriveWebhookAuth: 'hook' },
    },
    {
      id: 'big',
      name: 'Value over 100',
      type: 'core.if',
      parameters: { conditions: [{ field: 'data.value', operator: 'number:gt', rightValue: 100 }] },
    },
    {
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
  ],
  connections: [
    ['trigger', 'big'],
    ['big:true', 'follow'],
  ],
});

beforeAll(async () => {
  server = await startVendorServer(
    (request) => ({ status: 201, body: { success: true, data: { id: 77, ...(JSON.parse(request.body.toString('utf8')) as object) } } }),
    ['x-api-token'],
  );
  engine = await serviceEngine({
    nodeTypes: [pipedrive.node, pipedriveTrigger],
    credentialTypes: [pipedriveApiToken, pipedriveWebhookAuth],
    routes: { 'api.pipedrive.com': server.url },
    clock,
    credentials: [
      { id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } },
      { id: 'hook', type: 'pipedriveWebhookAuth', data: AUTH },
    ],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(workflow);
});

afterAll(async () => {
  await server.close();
});

describe('Pipedrive trigger', () => {
  it('runs for a call with the webhook\u2019s credentials and adds an activity to the big deal, as the SDK would, in engine.run and the CLI', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(pipedriveCall(dealCreated(5, 5000)));
    expect(response.status).toBe(200);
    await engine.idle();
    const [run] = finished.slice(before);
    expect(run!.error?.message).toBeUndefined();
    expect(run!.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ event: 'create.deal', data: { id: 5, value: 5000 } });
    const requests = await server.take();
    await new v2.ActivitiesApi(new v2.Configuration({ apiKey: TOKEN, basePath: `${server.url}/api/v2` })).addActivity({
      AddActivityRequest: { subject: 'Call about Deal 5', type: 'call', deal_id: 5, person_id: 3 },
    });
    expect(requests).toEqual(await server.take());

    const cli = await runThroughCli(workflow, {
      routes: { 'api.pipedrive.com': server.url },
      credentials: [
        { id: 'token', type: 'pipedriveApi', data: { apiToken: TOKEN } },
        { id: 'hook', type: 'pipedriveWebhookAuth', data: AUTH },
      ],
      input: [{ json: { body: dealCreated(5, 5000) } }],
    });
    expect(cli.code).toBe(0);
    expect(cli.execution.nodes['follow']![0]!.output['main']).toEqual(run!.nodes['follow']![0]!.output['main']);
    expect(await server.take()).toEqual(requests);
  });

  it('runs a small deal through without an activity, and reads webhooks v1 calls too', async () => {
    const before = finished.length;
    await engine.handleWebhook(pipedriveCall(dealCreated(6, 50)));
    const v1 = {
      current: { id: 8, title: 'Deal 8', value: 900 },
      previous: null,
      event: 'added.deal',
      meta: { action: 'added', object: 'deal', id: 8 },
    };
    await engine.handleWebhook(pipedriveCall(v1));
    await engine.idle();
    const runs = finished.slice(before);
    expect(runs.map((r) => r.nodes['trigger']![0]!.output['main']![0]!.json['event'])).toEqual(['create.deal', 'create.deal']);
    expect((await server.take()).map((r) => (r.body as { deal_id: number }).deal_id)).toEqual([8]);
  });

  it('refuses a call with the wrong password, another user or no credentials with 401, starting nothing', async () => {
    const before = finished.length;
    const wrong = await engine.handleWebhook(pipedriveCall(dealCreated(5, 5000), { ...AUTH, password: 'c0rrect-h0rse-batterx' }));
    const other = await engine.handleWebhook(pipedriveCall(dealCreated(5, 5000), { ...AUTH, user: 'someone' }));
    const none = await engine.handleWebhook(pipedriveCall(dealCreated(5, 5000), null));
    expect([wrong.status, other.status, none.status]).toEqual([401, 401, 401]);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: its HTTP Basic credentials do not match',
    );
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
      'The call was refused: it has no HTTP Basic credentials',
    );
    await engine.idle();
    expect(finished.length).toBe(before);
    expect(await server.take()).toEqual([]);
  });

  it('starts nothing for an event the node does not listen to', async () => {
    const before = finished.length;
    const changed = { ...dealCreated(5, 5000), meta: { ...dealCreated(5, 5000).meta, action: 'change' } };
    expect((await engine.handleWebhook(pipedriveCall(changed))).status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });

  it('refuses a webhook password too short to guess at', async () => {
    await expect(
      engine.credentials.create({ name: 'weak', type: 'pipedriveWebhookAuth', data: { user: 'u', password: 'short' } }),
    ).rejects.toThrow(/must be at least 12 characters/);
  });
});
