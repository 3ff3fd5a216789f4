import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { jiraWebhookSecret } from './jira-credentials.js';
import { jiraInfo } from './jira-info.js';

export { jiraWebhookSecret };

/** Jira's webhook events, by the name each call carries in `webhookEvent`. */
const events: Record<string, string> = {
  'jira:issue_created': 'Issue created',
  'jira:issue_updated': 'Issue updated',
  'jira:issue_deleted': 'Issue deleted',
  comment_created: 'Comment created',
  comment_updated: 'Comment updated',
  comment_deleted: 'Comment deleted',
  issuelink_created: 'Issue link created',
  issuelink_deleted: 'Issue link deleted',
  worklog_created: 'Worklog created',
  worklog_updated: 'Worklog updated',
  worklog_deleted: 'Worklog deleted',
  sprint_created: 'Sprint created',
  sprint_updated: 'Sprint updated',
  sprint_started: 'Sprint started',
  sprint_closed: 'Sprint closed',
  sprint_deleted: 'Sprint deleted',
  board_created: 'Board created',
  board_updated: 'Board updated',
  board_deleted: 'Board deleted',
  board_configuration_changed: 'Board configuration changed',
  project_created: 'Project created',
  project_updated: 'Project updated',
  project_deleted: 'Project deleted',
  'jira:version_created': 'Version created',
  'jira:version_updated': 'Version updated',
  'jira:version_released': 'Version released',
  'jira:version_unreleased': 'Version unreleased',
  'jira:version_moved': 'Version moved',
  'jira:version_deleted': 'Version deleted',
  user_created: 'User created',
  user_updated: 'User updated',
  user_deleted: 'User deleted',
  option_voting_changed: 'Voting turned on or off',
  option_watching_changed: 'Watching turned on or off',
  option_unassigned_issues_changed: 'Unassigned issues allowed or not',
  option_subtasks_changed: 'Subtasks turned on or off',
  option_attachments_changed: 'Attachments turned on or off',
  option_issuelinks_changed: 'Issue links turned on or off',
  option_timetracking_changed: 'Time tracking turned on or off',
};

const payload = (call: CallJson): Record<string, unknown> =>
  typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body) ? (call.body as Record<string, unknown>) : {};

/**
 * Starts a workflow with each call of a Jira webhook for the chosen events
 * (the payload's `webhookEvent`), signed with the webhook's secret. The item
 * is the payload, with the URL's query parameters added: the values Jira
 * fills in a webhook URL such as `?issue=${issue.key}`.
 */
export const jiraTrigger = defineTrigger({
  id: 'jira',
  displayName: 'Jira',
  icon: jiraInfo.icon,
  docsUrl: jiraInfo.docsUrl,
  credentials: [jiraWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf: (call: CallJson) => {
    const event = payload(call)['webhookEvent'];
    return typeof event === 'string' ? event : undefined;
  },
  items: (call: CallJson) => [{ ...payload(call), ...call.query }],
});
