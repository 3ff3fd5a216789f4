// The webhook triggers of developer tools and IT operations services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { awsSnsCredentialTypes, awsSnsNodeTypes } from './aws-sns/aws-sns-catalog.js';
import { bitbucketCredentialTypes, bitbucketNodeTypes } from './bitbucket/bitbucket-catalog.js';
import { gitlabCredentialTypes, gitlabNodeTypes } from './gitlab/gitlab-catalog.js';
import { jiraCredentialTypes, jiraNodeTypes } from './jira/jira-catalog.js';
import { netlifyCredentialTypes, netlifyNodeTypes } from './netlify/netlify-catalog.js';
import { taigaCredentialTypes, taigaNodeTypes } from './taiga/taiga-catalog.js';
import { thehiveCredentialTypes, thehiveNodeTypes } from './thehive/thehive-catalog.js';
import { trelloCredentialTypes, trelloNodeTypes } from './trello/trello-catalog.js';

/** The trigger node types of these services, for the catalog's `allIntegrations`. */
export const developerTriggerNodeTypes: readonly NodeType[] = [
  ...gitlabNodeTypes,
  ...bitbucketNodeTypes,
  ...jiraNodeTypes,
  ...netlifyNodeTypes,
  ...trelloNodeTypes,
  ...taigaNodeTypes,
  ...thehiveNodeTypes,
  ...awsSnsNodeTypes,
];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const developerTriggerCredentialTypes: readonly LazyCredentialType[] = [
  ...gitlabCredentialTypes,
  ...bitbucketCredentialTypes,
  ...jiraCredentialTypes,
  ...netlifyCredentialTypes,
  ...trelloCredentialTypes,
  ...taigaCredentialTypes,
  ...thehiveCredentialTypes,
  ...awsSnsCredentialTypes,
];
