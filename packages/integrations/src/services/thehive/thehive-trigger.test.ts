// The TheHive trigger, checked against TheHive's documented webhooks: the bearer token its webhook configuration
// sends in Authorization, and a case task's creation as TheHive 4 posts it (objectType "case_task", operation
// "Creation"), and an alert's as later versions do (objectType "Alert", operation "create").
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { thehiveTrigger, thehiveWebhookToken } from './thehive-trigger.js';

const TOKEN = 'thehive-bearer-0a9b8c7d6e5f';

const taskCreated = {
  operation: 'Creation',
  details: { title: 'Collect logs', status: 'Waiting' },
  objectType: 'case_task',
  objectId: '~4264',
  base: true,
  startDate: 1774560957513,
  rootId: '~8392',
  requestId: 'a0f9e2c1b3d4e5f6:-1a2b3c4d:17a5b6c7d8e:-8000:1234',
  object: { _id: '~4264', _type: 'case_task', title: 'Collect logs', status: 'Waiting', group: 'default' },
  organisation: 'SOC',
};

/** A call as TheHive makes it; `token: null` sends none. */
function call(body: unknown, token: string | null = TOKEN): Request {
  return new Request('https://hooks.example.com/webhook/thehive/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [thehiveTrigger],
  credentialTypes: [thehiveWebhookToken],
  credentials: [{ id: 'hook', type: 'thehiveWebhookToken', data: { token: TOKEN } }],
  workflow: buildWorkflow({
    id: 'thehive-tasks',
    nodes: [
      {
        id: 'trigger',
        type: thehiveTrigger.type,
        parameters: { path: 'thehive/events', events: ['case_task_create', 'alert_create'] },
        credentials: { thehiveWebhookToken: 'hook' },
      },
    ],
  }),
});

describe('TheHive trigger', () => {
  it('runs for a task creation carrying the token, with the event and the call as the item, the token left out', async () => {
    const { run } = await bed.runOnce(call(taskCreated));
    const item = run.nodes['trigger']![0]!.output['main']![0]!.json;
    expect(item).toEqual({ event: 'case_task_create', body: taskCreated, headers: { 'content-type': 'application/json' }, query: {} });
  });

  it('names the event of a call written as later versions of TheHive write it', async () => {
    const { run } = await bed.runOnce(call({ operation: 'create', objectType: 'Alert', objectId: '~41', object: { title: 'Phishing' } }));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      event: 'alert_create',
      body: { object: { title: 'Phishing' } },
    });
  });

  itRefusesCalls(bed, 'refuses a wrong token and a call without one with 401, starting nothing', () => [
    { call: call(taskCreated, 'thehive-bearer-guess'), message: 'The call was refused: its bearer token does not match' },
    { call: call(taskCreated, null), message: 'The call was refused: it has no bearer token' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () => call({ ...taskCreated, operation: 'Update' }));
});
