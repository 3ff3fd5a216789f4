// `@flowloom/integrations`: node and credential types for third-party services.
//
// This entry is the catalog: each service's node type here is a light stand-in (names, icon, ports, credential
// slots) whose operations load on first use, so registering every service adds little to a page's first
// JavaScript. Credential types are whole: the credentials panel needs their forms before any workflow runs.
import { defineLazyNode, type CredentialType, type NodeType } from '@flowloom/engine';
import { discordBotToken, discordInfo } from './services/discord/discord-info.js';
import { mailchimpApiKey, mailchimpInfo, mailchimpOAuth2, mailchimpWebhookSecret } from './services/mailchimp/mailchimp-info.js';
import { teamsInfo, teamsOAuth2 } from './services/microsoft-teams/microsoft-teams-info.js';
import { sendGridApiKey, sendgridInfo } from './services/sendgrid/sendgrid-info.js';
import { slackBotToken, slackInfo, slackOAuth2, slackSigningSecret } from './services/slack/slack-info.js';
import { twilioApiKey, twilioAuthToken } from './services/twilio/twilio-credentials.js';
import { twilioInfo } from './services/twilio/twilio-info.js';

export {
  discordBotToken,
  mailchimpApiKey,
  mailchimpOAuth2,
  mailchimpWebhookSecret,
  sendGridApiKey,
  slackBotToken,
  slackOAuth2,
  slackSigningSecret,
  teamsOAuth2,
  twilioApiKey,
  twilioAuthToken,
};

interface ServiceInfo {
  id: string;
  displayName: string;
  description: string;
  icon: string;
}

/** A service node's stand-in: what the palette lists, and where the service loads from. */
function lazyService(info: ServiceInfo, credentials: readonly CredentialType[], load: () => Promise<NodeType>): NodeType {
  return defineLazyNode({
    type: `integrations.${info.id}`,
    version: 1,
    displayName: info.displayName,
    description: info.description,
    group: 'integration',
    icon: info.icon,
    inputs: ['main'],
    outputs: ['main'],
    credentials: credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
    load,
  });
}

export const slack = lazyService(
  slackInfo,
  [slackBotToken, slackOAuth2],
  async () => (await import('./services/slack/slack.js')).slack.node,
);
/** A service's webhook trigger's stand-in: what the palette lists, and where the trigger loads from. */
function lazyTrigger(info: ServiceInfo, credential: CredentialType, load: () => Promise<NodeType>): NodeType {
  return defineLazyNode({
    type: `integrations.${info.id}Trigger`,
    version: 1,
    displayName: `${info.displayName} Trigger`,
    description: `Starts the workflow when ${info.displayName} sends one of the chosen events.`,
    group: 'trigger',
    icon: info.icon,
    inputs: [],
    outputs: ['main'],
    credentials: [{ name: credential.name, type: credential.name, required: false }],
    load,
  });
}

export const slackTrigger = lazyTrigger(
  slackInfo,
  slackSigningSecret,
  async () => (await import('./services/slack/slack-trigger.js')).slackTrigger,
);
export const twilioTrigger = lazyTrigger(
  twilioInfo,
  twilioAuthToken,
  async () => (await import('./services/twilio/twilio-trigger.js')).twilioTrigger,
);
export const mailchimpTrigger = lazyTrigger(
  mailchimpInfo,
  mailchimpWebhookSecret,
  async () => (await import('./services/mailchimp/mailchimp-trigger.js')).mailchimpTrigger,
);
export const mailchimpNewMember = defineLazyNode({
  type: 'integrations.mailchimpNewMember',
  version: 1,
  displayName: 'Mailchimp New Member',
  description: 'Starts the workflow with each member who opts in to an audience, asking Mailchimp at the chosen interval.',
  group: 'trigger',
  icon: mailchimpInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [mailchimpApiKey, mailchimpOAuth2].map((type) => ({ name: type.name, type: type.name, required: false })),
  load: async () => (await import('./services/mailchimp/mailchimp-new-member.js')).mailchimpNewMember,
});
export const discord = lazyService(
  discordInfo,
  [discordBotToken],
  async () => (await import('./services/discord/discord.js')).discord.node,
);
export const microsoftTeams = lazyService(
  teamsInfo,
  [teamsOAuth2],
  async () => (await import('./services/microsoft-teams/microsoft-teams.js')).microsoftTeams.node,
);
export const twilio = lazyService(
  twilioInfo,
  [twilioAuthToken, twilioApiKey],
  async () => (await import('./services/twilio/twilio.js')).twilio.node,
);
export const sendgrid = lazyService(
  sendgridInfo,
  [sendGridApiKey],
  async () => (await import('./services/sendgrid/sendgrid.js')).sendgrid.node,
);
export const mailchimp = lazyService(
  mailchimpInfo,
  [mailchimpApiKey, mailchimpOAuth2],
  async () => (await import('./services/mailchimp/mailchimp.js')).mailchimp.node,
);

/** Every node type of this package, for `createEngine({ nodeTypes: [...allIntegrations] })`. */
export const allIntegrations: readonly NodeType[] = [
  slack,
  slackTrigger,
  discord,
  microsoftTeams,
  twilio,
  twilioTrigger,
  sendgrid,
  mailchimp,
  mailchimpTrigger,
  mailchimpNewMember,
];

/** Every credential type of this package, for `createEngine({ credentialTypes: [...allIntegrationCredentials] })`. */
export const allIntegrationCredentials: readonly CredentialType[] = [
  slackBotToken,
  slackOAuth2,
  slackSigningSecret,
  discordBotToken,
  teamsOAuth2,
  twilioAuthToken,
  twilioApiKey,
  sendGridApiKey,
  mailchimpApiKey,
  mailchimpOAuth2,
  mailchimpWebhookSecret,
];
