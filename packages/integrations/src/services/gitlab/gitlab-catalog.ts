// GitLab in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { gitlabInfo } from './gitlab-info.js';

/** Stand-in of the GitLab webhook secret token credential type, which checks the trigger's calls. */
export const gitlabWebhookToken = lazyCredential(
  'gitlabWebhookToken',
  'GitLab webhook secret token',
  async () => (await import('./gitlab-credentials.js')).gitlabWebhookToken,
);

/** Stand-in of the GitLab Trigger: webhook calls checked with the secret token. */
export const gitlabTrigger = lazyTrigger(gitlabInfo, gitlabWebhookToken, async () => (await import('./gitlab-trigger.js')).gitlabTrigger);

/** GitLab's node types, for the catalog's `allIntegrations`. */
export const gitlabNodeTypes: readonly NodeType[] = [gitlabTrigger];
/** GitLab's credential types, for the catalog's `allIntegrationCredentials`. */
export const gitlabCredentialTypes: readonly LazyCredentialType[] = [gitlabWebhookToken];
