import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { githubWebhookSecret } from './github-credentials.js';
import { githubInfo, githubTriggerDescription } from './github-info.js';

export { githubWebhookSecret };

const events: Record<string, string> = {
  push: 'Push',
  issues: 'Issue opened, edited, closed, labeled...',
  issue_comment: 'Issue or pull request comment',
  pull_request: 'Pull request opened, closed, merged, synchronized...',
  pull_request_review: 'Pull request review',
  pull_request_review_comment: 'Pull request review comment',
  release: 'Release published, created, edited...',
  create: 'Branch or tag created',
  delete: 'Branch or tag deleted',
  fork: 'Repository forked',
  star: 'Repository starred or unstarred',
  watch: 'Repository watched',
  workflow_run: 'Actions workflow run requested or completed',
  workflow_job: 'Actions job queued, started or completed',
  check_suite: 'Check suite',
  check_run: 'Check run',
  deployment: 'Deployment created',
  deployment_status: 'Deployment status',
  discussion: 'Discussion',
  discussion_comment: 'Discussion comment',
  member: 'Collaborator added, changed or removed',
  repository: 'Repository created, renamed, archived...',
};

const header = (call: CallJson, name: string) => call.headers?.[name];

/** The payload: the JSON body, or the `payload` field of a webhook set to send form data. */
function payloadOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return { body };
  const { payload, ...rest } = body as { payload?: unknown };
  if (typeof payload === 'string' && Object.keys(rest).length === 0) {
    try {
      return JSON.parse(payload) as Record<string, unknown>;
    } catch {
      // Not JSON after all: the form as it came.
    }
  }
  return body as Record<string, unknown>;
}

/**
 * Starts a workflow with each delivery of a repository's or organization's
 * webhook, for the events chosen. The item is the event's payload, with the
 * event's name (`X-GitHub-Event`) as `event` and its delivery ID as
 * `delivery`. The `ping` GitHub sends when the webhook is created is
 * answered without a run, once its signature is checked.
 */
export const githubTrigger = defineTrigger({
  id: 'github',
  displayName: 'GitHub',
  description: githubTriggerDescription,
  icon: githubInfo.icon,
  docsUrl: 'https://docs.github.com/en/webhooks/webhook-events-and-payloads',
  credentials: [githubWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  handshake: (call) =>
    header(call, 'x-github-event') === 'ping'
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } }
      : undefined,
  eventOf: (call) => header(call, 'x-github-event'),
  items: (call) => [
    {
      event: header(call, 'x-github-event'),
      delivery: header(call, 'x-github-delivery'),
      ...payloadOf(call.body),
    },
  ],
});
