// The GitLab trigger, checked against GitLab's documented webhook calls: the event named in X-Gitlab-Event, the secret
// token sent as given in X-Gitlab-Token, and the push event's payload as GitLab's webhook events page shows it.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { gitlabTrigger, gitlabWebhookToken } from './gitlab-trigger.js';

const TOKEN = 'glwt-7c1e0b5a9d2f';

/** A push event, abridged from GitLab's documentation. */
const push = {
  object_kind: 'push',
  event_name: 'push',
  before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
  after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
  ref: 'refs/heads/master',
  user_username: 'jsmith',
  project_id: 15,
  project: { id: 15, name: 'Diaspora', path_with_namespace: 'mike/diaspora', default_branch: 'master' },
  commits: [{ id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', message: 'fixed readme', author: { name: 'GitLab dev user' } }],
  total_commits_count: 1,
};

/** A call as GitLab makes it. */
function call(event: string, body: unknown, token: string | null = TOKEN): Request {
  return new Request('https://hooks.example.com/webhook/gitlab/events?source=ci', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gitlab-event': event,
      'x-gitlab-instance': 'https://gitlab.com',
      'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e',
      ...(token === null ? {} : { 'x-gitlab-token': token }),
    },
    body: JSON.stringify(body),
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [gitlabTrigger],
  credentialTypes: [gitlabWebhookToken],
  credentials: [{ id: 'hook', type: 'gitlabWebhookToken', data: { token: TOKEN } }],
  workflow: buildWorkflow({
    id: 'gitlab-pushes',
    nodes: [
      {
        id: 'trigger',
        type: gitlabTrigger.type,
        parameters: { path: 'gitlab/events', events: ['push', 'merge_requests'] },
        credentials: { gitlabWebhookToken: 'hook' },
      },
    ],
  }),
});

describe('GitLab trigger', () => {
  it('runs for a push carrying the secret token, with the call as body, headers and query, the token left out', async () => {
    const { run } = await bed.runOnce(call('Push Hook', push));
    const item = run.nodes['trigger']![0]!.output['main']![0]!.json;
    expect(item).toEqual({
      body: push,
      headers: expect.objectContaining({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-instance': 'https://gitlab.com' }) as unknown,
      query: { source: 'ci' },
    });
    expect(Object.keys(item['headers'] as object)).not.toContain('x-gitlab-token');
  });

  itRefusesCalls(bed, 'refuses a wrong token and a call without one with 401, starting nothing', () => [
    { call: call('Push Hook', push, 'glwt-guess'), message: 'The call was refused: its GitLab token does not match' },
    { call: call('Push Hook', push, null), message: 'The call was refused: it has no X-Gitlab-Token header' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () =>
    call('Issue Hook', { object_kind: 'issue', event_type: 'issue', object_attributes: { id: 301, action: 'open' } }),
  );

  itStartsNothingFor(bed, 'starts nothing for a hook GitLab sends that the node does not know', () =>
    call('Emoji Hook', { object_kind: 'emoji', event_type: 'award' }),
  );
});
