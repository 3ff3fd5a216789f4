import type { WebhookReply } from '@flowloom/engine';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { bitbucketWebhookSecret } from './bitbucket-credentials.js';
import { bitbucketInfo } from './bitbucket-info.js';

export { bitbucketWebhookSecret };

/** Bitbucket Cloud's event keys (`X-Event-Key`), of repositories and workspaces. */
const events: Record<string, string> = {
  'repo:push': 'Push',
  'repo:fork': 'Repository forked',
  'repo:updated': 'Repository updated',
  'repo:transfer': 'Repository ownership transferred',
  'repo:created': 'Repository created',
  'repo:deleted': 'Repository deleted',
  'repo:imported': 'Repository imported',
  'repo:commit_comment_created': 'Commit comment created',
  'repo:commit_status_created': 'Build status created',
  'repo:commit_status_updated': 'Build status updated',
  'issue:created': 'Issue created',
  'issue:updated': 'Issue updated',
  'issue:comment_created': 'Issue comment created',
  'pullrequest:created': 'Pull request created',
  'pullrequest:updated': 'Pull request updated',
  'pullrequest:changes_request_created': 'Pull request changes requested',
  'pullrequest:changes_request_removed': 'Pull request change request removed',
  'pullrequest:approved': 'Pull request approved',
  'pullrequest:unapproved': 'Pull request approval removed',
  'pullrequest:fulfilled': 'Pull request merged',
  'pullrequest:rejected': 'Pull request declined',
  'pullrequest:comment_created': 'Pull request comment created',
  'pullrequest:comment_updated': 'Pull request comment updated',
  'pullrequest:comment_deleted': 'Pull request comment deleted',
  'pullrequest:comment_resolved': 'Pull request comment resolved',
  'pullrequest:comment_reopened': 'Pull request comment reopened',
  'project:updated': 'Project updated',
};

const PONG: WebhookReply = { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } };

/**
 * Starts a workflow with each call of a Bitbucket repository or workspace
 * webhook for the chosen events (`X-Event-Key`), signed with the webhook's
 * secret. The item is the event's payload. The test call Bitbucket sends
 * from the webhook's settings (`diagnostics:ping`) is answered without a run.
 */
export const bitbucketTrigger = defineTrigger({
  id: 'bitbucket',
  displayName: 'Bitbucket',
  icon: bitbucketInfo.icon,
  docsUrl: bitbucketInfo.docsUrl,
  credentials: [bitbucketWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([key, displayName]) => [key, { displayName }])),
  handshake: (call: CallJson) => (call.headers?.['x-event-key'] === 'diagnostics:ping' ? PONG : undefined),
  eventOf: (call: CallJson) => call.headers?.['x-event-key'],
});
