// What the palette needs of GitLab, without loading its trigger (its credential type is in gitlab-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** GitLab as the palette lists it. */
export const gitlabInfo = {
  id: 'gitlab',
  displayName: 'GitLab',
  description:
    'Start workflows on pushes, tags, issues, merge requests, comments, pipelines, jobs, deployments and releases of a GitLab project.',
  icon: monogram('GL', 'FC6D26'),
  docsUrl: 'https://docs.gitlab.com/user/project/integrations/webhook_events/',
};
