// Slack in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { slackInfo } from './slack-info.js';

const credentials = () => import('./slack-credentials.js');

/** Stand-in of the Slack bot token credential type. */
export const slackBotToken = lazyCredential('slackApi', 'Slack bot token', async () => (await credentials()).slackBotToken);
/** Stand-in of the Slack OAuth2 credential type. */
export const slackOAuth2 = lazyCredential('slackOAuth2Api', 'Slack OAuth2', async () => (await credentials()).slackOAuth2);
/** Stand-in of the Slack signing secret credential type, which checks the trigger's requests. */
export const slackSigningSecret = lazyCredential(
  'slackSigningSecret',
  'Slack signing secret',
  async () => (await credentials()).slackSigningSecret,
);

/** Stand-in of the Slack node. */
export const slack = lazyService(slackInfo, [slackBotToken, slackOAuth2], async () => (await import('./slack.js')).slack.node);
/** Stand-in of the Slack Trigger: Events API requests checked with the signing secret. */
export const slackTrigger = lazyTrigger(slackInfo, slackSigningSecret, async () => (await import('./slack-trigger.js')).slackTrigger);

/** Slack's node types, for the catalog's `allIntegrations`. */
export const slackNodeTypes: readonly NodeType[] = [slack, slackTrigger];
/** Slack's credential types, for the catalog's `allIntegrationCredentials`. */
export const slackCredentialTypes: readonly LazyCredentialType[] = [slackBotToken, slackOAuth2, slackSigningSecret];
