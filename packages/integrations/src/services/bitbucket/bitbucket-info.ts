// What the palette needs of Bitbucket, without loading its trigger (its credential type is in bitbucket-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Bitbucket as the palette lists it. */
export const bitbucketInfo = {
  id: 'bitbucket',
  displayName: 'Bitbucket',
  description: 'Start workflows on pushes, pull requests, issues, comments and commit statuses of a Bitbucket repository or workspace.',
  icon: monogram('Bb', '0052CC'),
  docsUrl: 'https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/',
};
