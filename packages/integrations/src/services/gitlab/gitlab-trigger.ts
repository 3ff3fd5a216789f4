import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { gitlabWebhookToken } from './gitlab-credentials.js';
import { gitlabInfo } from './gitlab-info.js';

export { gitlabWebhookToken };

/** The events, by the names GitLab's API gives their webhook switches (`push_events`...), and the header of each call. */
const events: Record<string, { displayName: string; header: string }> = {
  push: { displayName: 'Push (not tags)', header: 'Push Hook' },
  tag_push: { displayName: 'Tag pushed or deleted', header: 'Tag Push Hook' },
  issues: { displayName: 'Issue opened, updated, closed or reopened', header: 'Issue Hook' },
  confidential_issues: { displayName: 'Confidential issue', header: 'Confidential Issue Hook' },
  note: { displayName: 'Comment on a commit, merge request, issue or snippet', header: 'Note Hook' },
  confidential_note: { displayName: 'Confidential comment', header: 'Confidential Note Hook' },
  merge_requests: { displayName: 'Merge request opened, updated, merged or closed', header: 'Merge Request Hook' },
  wiki_page: { displayName: 'Wiki page created, updated or deleted', header: 'Wiki Page Hook' },
  pipeline: { displayName: 'Pipeline status changed', header: 'Pipeline Hook' },
  job: { displayName: 'Job status changed', header: 'Job Hook' },
  deployment: { displayName: 'Deployment started, succeeded, failed or canceled', header: 'Deployment Hook' },
  releases: { displayName: 'Release created, updated or deleted', header: 'Release Hook' },
};

const byHeader = new Map(Object.entries(events).map(([name, e]) => [e.header, name]));

/**
 * Starts a workflow with each call of a GitLab project or group webhook for
 * the chosen events (`X-Gitlab-Event`), checked with the webhook's secret
 * token. The item is `{ body, headers, query }` of the call, the event's
 * payload in `body`; the token is left out of `headers`.
 */
export const gitlabTrigger = defineTrigger({
  id: 'gitlab',
  displayName: 'GitLab',
  icon: gitlabInfo.icon,
  docsUrl: gitlabInfo.docsUrl,
  credentials: [gitlabWebhookToken],
  events: Object.fromEntries(Object.entries(events).map(([name, { displayName }]) => [name, { displayName }])),
  eventOf: (call: CallJson) => byHeader.get(call.headers?.['x-gitlab-event'] ?? ''),
  items: (call: CallJson) => {
    const { ['x-gitlab-token']: _token, ...headers } = call.headers ?? {};
    return [{ body: call.body, headers, query: call.query ?? {} }];
  },
});
