// What the palette needs of Jira, without loading its trigger (its credential type is in jira-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Jira as the palette lists it. */
export const jiraInfo = {
  id: 'jira',
  displayName: 'Jira',
  description: 'Start workflows on Jira issues, comments, worklogs, sprints, boards, projects, versions and users.',
  icon: monogram('J', '0052CC'),
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/webhooks/',
};
