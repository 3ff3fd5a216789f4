// GitHub in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import { defineLazyCredentialType, defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { githubInfo, githubTriggerDescription } from './github-info.js';

const credentials = () => import('./github-credentials.js');

/** Stand-in of the GitHub personal access token credential type. */
export const githubToken = defineLazyCredentialType({
  name: 'githubApi',
  displayName: 'GitHub personal access token',
  load: async () => (await credentials()).githubToken,
});
/** Stand-in of the GitHub App credential type (a JWT the engine signs, exchanged for an installation token). */
export const githubApp = defineLazyCredentialType({
  name: 'githubAppApi',
  displayName: 'GitHub App',
  load: async () => (await credentials()).githubApp,
});
/** Stand-in of the GitHub webhook secret credential type, which checks `X-Hub-Signature-256`. */
export const githubWebhookSecret = defineLazyCredentialType({
  name: 'githubWebhookSecret',
  displayName: 'GitHub webhook secret',
  load: async () => (await credentials()).githubWebhookSecret,
});

/** Stand-in of the GitHub node: issues, comments, pull requests, releases and files. */
export const github = defineLazyNode({
  type: `integrations.${githubInfo.id}`,
  version: 1,
  displayName: githubInfo.displayName,
  description: githubInfo.description,
  group: 'integration',
  icon: githubInfo.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: [githubToken, githubApp].map((type) => ({ name: type.name, type: type.name, required: false })),
  load: async () => (await import('./github.js')).github.node,
});

/** Stand-in of the GitHub Trigger: webhook deliveries checked with `X-Hub-Signature-256`. */
export const githubTrigger = defineLazyNode({
  type: `integrations.${githubInfo.id}Trigger`,
  version: 1,
  displayName: `${githubInfo.displayName} Trigger`,
  description: githubTriggerDescription,
  group: 'trigger',
  icon: githubInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: githubWebhookSecret.name, type: githubWebhookSecret.name, required: false }],
  load: async () => (await import('./github-trigger.js')).githubTrigger,
});

/** GitHub's node types, for the catalog's `allIntegrations`. */
export const githubNodeTypes: readonly NodeType[] = [github, githubTrigger];
/** GitHub's credential types, for the catalog's `allIntegrationCredentials`. */
export const githubCredentialTypes: readonly LazyCredentialType[] = [githubToken, githubApp, githubWebhookSecret];
