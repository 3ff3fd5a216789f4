// `@flowloom/integrations`: node and credential types for third-party services, built with the service kit.
import type { CredentialType, NodeType } from '@flowloom/engine';
import type { Service } from './kit/service-types.js';
import { slack, slackBotToken, slackOAuth2 } from './services/slack/slack.js';

export { slack, slackBotToken, slackOAuth2 };

/** Every service of this package. */
export const allServices: readonly Service[] = [slack];

/** Their node types, for `createEngine({ nodeTypes: [...allIntegrations] })`. */
export const allIntegrations: readonly NodeType[] = allServices.map((s) => s.node);

/** Their credential types, for `createEngine({ credentialTypes: [...allIntegrationCredentials] })`. */
export const allIntegrationCredentials: readonly CredentialType[] = [...new Set(allServices.flatMap((s) => s.definition.credentials))];
