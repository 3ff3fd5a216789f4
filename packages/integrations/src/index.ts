// `@flowloom/integrations`: node and credential types for third-party services, built with the service kit.
import type { CredentialType, NodeType } from '@flowloom/engine';
import type { Service } from './kit/service-types.js';
import { slack, slackBotToken, slackOAuth2 } from './services/slack/slack.js';
import { slackSigningSecret, slackTrigger } from './services/slack/slack-trigger.js';

export { slack, slackBotToken, slackOAuth2, slackSigningSecret, slackTrigger };

/** Every service of this package. */
export const allServices: readonly Service[] = [slack];

/** The services' webhook triggers. */
export const allTriggers: readonly NodeType[] = [slackTrigger];

/** Every node type of this package, for `createEngine({ nodeTypes: [...allIntegrations] })`. */
export const allIntegrations: readonly NodeType[] = [...allServices.map((s) => s.node), ...allTriggers];

/** Every credential type of this package, for `createEngine({ credentialTypes: [...allIntegrationCredentials] })`. */
export const allIntegrationCredentials: readonly CredentialType[] = [
  ...new Set([...allServices.flatMap((s) => s.definition.credentials), slackSigningSecret]),
];
