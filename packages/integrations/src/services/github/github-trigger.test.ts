// The GitHub Trigger, checked against GitHub's published signing (X-Hub-Signature-256: "sha256=" and the hex
// HMAC-SHA256 of the raw body with the webhook's secret, computed here with node:crypto), and a whole workflow:
// an issue opened, an If on its labels, then the GitHub node commenting on it, as @octokit/rest would.
import { createHmac } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { triggerIfThen } from '../../testing/workflows.js';
import { github, githubToken } from './github.js';
import { githubTrigger, githubWebhookSecret } from './github-trigger.js';

const SECRET = "It's a Secret to Everybody";
const TOKEN = 'ghp_bot0123456789';

/** The example GitHub's documentation gives: this payload and secret sign to this signature. */
const DOCUMENTED = {
  payload: 'Hello, World!',
  signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

const issueOpened = (labels: string[]) => ({
  action: 'opened',
  issue: { number: 7, title: 'Crash on start', labels: labels.map((name) => ({ name })) },
  repository: { name: 'hello', full_name: 'octo/hello', owner: { login: 'octo' } },
  sender: { login: 'ada' },
});

/** A delivery as GitHub sends it. */
function delivery(
  event: string,
  body: unknown,
  options: { secret?: string; tamper?: boolean; signature?: string | null; headers?: Record<string, string> } = {},
): Request {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signature = `sha256=${createHmac('sha256', options.secret ?? SECRET)
    .update(text)
    .digest('hex')}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'user-agent': 'GitHub-Hookshot/044aadd',
    ...options.headers,
  };
  if (options.signature !== null) headers['x-hub-signature-256'] = options.signature ?? signature;
  return new Request('https://hooks.example.com/webhook/github/events', {
    method: 'POST',
    headers,
    body: options.tamper ? text.replace('Crash', 'Smash') : text,
  });
}

const workflow = triggerIfThen({
  id: 'github-triage',
  trigger: {
    name: 'On issue',
    type: githubTrigger.type,
    parameters: { path: 'github/events', events: ['issues'] },
    credentials: { githubWebhookSecret: 'hook' },
  },
  test: {
    name: 'Is a bug',
    parameters: { conditions: [{ field: 'issue.labels', operator: 'array:contains', rightValue: { name: 'bug' } }] },
  },
  then: {
    id: 'comment',
    name: 'Thank the reporter',
    type: github.node.type,
    parameters: {
      resource: 'comment',
      operation: 'create',
      owner: '{{ $json.repository.owner.login }}',
      repo: '{{ $json.repository.name }}',
      issueNumber: '{{ $json.issue.number }}',
      text: 'Thanks @{{ $json.sender.login }}, we are looking at it.',
    },
    credentials: { githubApi: 'bot' },
  },
});

const bed = webhookTestbed({
  answers: (request) => ({ status: 201, body: { id: 1, ...(JSON.parse(request.body.toString('utf8')) as object) } }),
  hosts: ['api.github.com'],
  nodeTypes: [github.node, githubTrigger],
  credentialTypes: [githubToken, githubWebhookSecret],
  credentials: [
    { id: 'bot', type: 'githubApi', data: { token: TOKEN } },
    { id: 'hook', type: 'githubWebhookSecret', data: { secret: SECRET } },
  ],
  workflow,
});

describe('GitHub Trigger', () => {
  it('signs as GitHub documents it', () => {
    expect(`sha256=${createHmac('sha256', SECRET).update(DOCUMENTED.payload).digest('hex')}`).toBe(DOCUMENTED.signature);
  });

  it('runs for a signed issue labelled bug, and the GitHub node comments as the library would', async () => {
    const { run } = await bed.runOnce(delivery('issues', issueOpened(['bug'])));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({
      event: 'issues',
      delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      action: 'opened',
      issue: { number: 7 },
    });
    const sent = await bed.take();
    await new Octokit({ auth: TOKEN, baseUrl: bed.server.url }).rest.issues.createComment({
      owner: 'octo',
      repo: 'hello',
      issue_number: 7,
      body: 'Thanks @ada, we are looking at it.',
    });
    expect(sent).toEqual(await bed.take());
  });

  it('runs for an issue without the label, without calling GitHub', async () => {
    await bed.runOnce(delivery('issues', issueOpened(['question'])));
    expect(await bed.take()).toEqual([]);
  });

  it('reads a delivery sent as a form (payload=...) like one sent as JSON', async () => {
    const form = `payload=${encodeURIComponent(JSON.stringify(issueOpened(['question'])))}`;
    const signature = `sha256=${createHmac('sha256', SECRET).update(form).digest('hex')}`;
    const { run } = await bed.runOnce(
      new Request('https://hooks.example.com/webhook/github/events', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-github-event': 'issues', 'x-hub-signature-256': signature },
        body: form,
      }),
    );
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ event: 'issues', action: 'opened', issue: { number: 7 } });
  });

  it('answers the ping GitHub sends when the webhook is created, without a run', async () => {
    const { responses, runs } = await bed.deliver(delivery('ping', { zen: 'Design for failure.', hook_id: 1 }));
    expect(responses[0]!.status).toBe(200);
    expect(await responses[0]!.json()).toEqual({ ok: true });
    expect(runs).toEqual([]);
  });

  itRefusesCalls(bed, 'refuses a tampered body, a wrong secret and a call without a signature with 401, starting nothing', () => [
    {
      call: delivery('issues', issueOpened(['bug']), { tamper: true }),
      error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'The call was refused: its GitHub signature does not match' },
    },
    { call: delivery('issues', issueOpened(['bug']), { secret: 'not it' }) },
    {
      call: delivery('issues', issueOpened(['bug']), { signature: null }),
      message: 'The call was refused: it has no X-Hub-Signature-256 header',
    },
    {
      // The legacy SHA-1 header alone, however right, is not enough.
      call: delivery('issues', issueOpened(['bug']), {
        signature: null,
        headers: {
          'x-hub-signature': `sha1=${createHmac('sha1', SECRET)
            .update(JSON.stringify(issueOpened(['bug'])))
            .digest('hex')}`,
        },
      }),
    },
  ]);

  itStartsNothingFor(bed, 'starts nothing for an event the node does not listen to', () => delivery('star', { action: 'created' }));
});
