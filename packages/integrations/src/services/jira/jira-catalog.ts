// Jira in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { jiraInfo } from './jira-info.js';

/** Stand-in of the Jira webhook secret credential type, which checks the trigger's calls. */
export const jiraWebhookSecret = lazyCredential(
  'jiraWebhookSecret',
  'Jira webhook secret',
  async () => (await import('./jira-credentials.js')).jiraWebhookSecret,
);

/** Stand-in of the Jira Trigger: webhook calls checked with the webhook's secret. */
export const jiraTrigger = lazyTrigger(jiraInfo, jiraWebhookSecret, async () => (await import('./jira-trigger.js')).jiraTrigger);

/** Jira's node types, for the catalog's `allIntegrations`. */
export const jiraNodeTypes: readonly NodeType[] = [jiraTrigger];
/** Jira's credential types, for the catalog's `allIntegrationCredentials`. */
export const jiraCredentialTypes: readonly LazyCredentialType[] = [jiraWebhookSecret];
