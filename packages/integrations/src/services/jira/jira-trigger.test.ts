// The Jira trigger, checked against Atlassian's documented webhook calls: the event in the payload's webhookEvent, the
// values Jira fills in the URL's query, and X-Hub-Signature: "sha256=" and the hex HMAC-SHA256 of the raw body with
// the webhook's secret (computed here with node:crypto), on an issue event abridged from Jira's webhook page.
import { createHmac } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { jiraTrigger, jiraWebhookSecret } from './jira-trigger.js';

const SECRET = 'jira-secret-1b7e4c';

const issueCreated = {
  timestamp: 1525698237764,
  webhookEvent: 'jira:issue_created',
  issue_event_type_name: 'issue_created',
  user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Lovelace' },
  issue: { id: '10004', key: 'JRA-20', fields: { summary: 'Boom on save', priority: { name: 'High' } } },
};

/** A call as Jira makes it; `signature: null` sends none. */
function call(body: unknown, options: { secret?: string; signature?: string | null; tamper?: boolean } = {}): Request {
  const text = JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', options.secret ?? SECRET)
          .update(text)
          .digest('hex')}`
      : options.signature;
  return new Request('https://hooks.example.com/webhook/jira/events?issueKey=JRA-20', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-atlassian-webhook-identifier': '1234567890123',
      ...(signature === null ? {} : { 'x-hub-signature': signature }),
    },
    body: options.tamper ? text.replace('High', 'Low') : text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [jiraTrigger],
  credentialTypes: [jiraWebhookSecret],
  credentials: [{ id: 'hook', type: 'jiraWebhookSecret', data: { secret: SECRET } }],
  workflow: buildWorkflow({
    id: 'jira-issues',
    nodes: [
      {
        id: 'trigger',
        type: jiraTrigger.type,
        parameters: { path: 'jira/events', events: ['jira:issue_created', 'comment_created'] },
        credentials: { jiraWebhookSecret: 'hook' },
      },
    ],
  }),
});

describe('Jira trigger', () => {
  it("runs for a signed issue event, with the payload and the URL's query as the item", async () => {
    const { run } = await bed.runOnce(call(issueCreated));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([{ ...issueCreated, issueKey: 'JRA-20' }]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and an unsigned call with 401, starting nothing', () => [
    { call: call(issueCreated, { tamper: true }), message: 'The call was refused: its Jira signature does not match' },
    { call: call(issueCreated, { secret: 'not-it' }) },
    { call: call(issueCreated, { signature: null }), message: 'The call was refused: it has no X-Hub-Signature header' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    call({ ...issueCreated, webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_generic' }),
  );
});
