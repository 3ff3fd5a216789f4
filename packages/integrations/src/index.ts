// `@flowloom/integrations`: node and credential types for third-party services, and the AI nodes.
//
// This entry is the catalog: each service's node type here is a light stand-in (names, icon, ports, credential
// slots) whose operations load on first use, and each credential type a stand-in (name, display name) whose form,
// signer and test load when a credential of that type is first created, shown or used. Registering every service
// therefore adds little to a page's first JavaScript.
import { defineLazyCredentialType, defineLazyNode, type CredentialType, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { airtableInfo } from './services/airtable/airtable-info.js';
import { discordInfo } from './services/discord/discord-info.js';
import { mailchimpInfo } from './services/mailchimp/mailchimp-info.js';
import { notionInfo } from './services/notion/notion-info.js';
import { shopifyInfo } from './services/shopify/shopify-info.js';
import { teamsInfo } from './services/microsoft-teams/microsoft-teams-info.js';
import { sendgridInfo } from './services/sendgrid/sendgrid-info.js';
import { slackInfo } from './services/slack/slack-info.js';
import { twilioInfo } from './services/twilio/twilio-info.js';
import { stripeInfo } from './services/stripe/stripe-info.js';
import { paypalInfo } from './services/paypal/paypal-info.js';
import { woocommerceInfo } from './services/woocommerce/woocommerce-info.js';
import { salesforceInfo } from './services/salesforce/salesforce-info.js';
import { hubspotInfo } from './services/hubspot/hubspot-info.js';
import { pipedriveInfo } from './services/pipedrive/pipedrive-info.js';
import { aiCredentialTypes, aiNodeTypes } from './ai/ai-catalog.js';
import { githubCredentialTypes, githubNodeTypes } from './services/github/github-catalog.js';
import { metaAdsCredentialTypes, metaAdsNodeTypes } from './services/meta-ads/meta-ads-catalog.js';
import { telegramCredentialTypes, telegramNodeTypes } from './services/telegram/telegram-catalog.js';
import { awsS3CredentialTypes, awsS3NodeTypes } from './services/aws-s3/aws-s3-catalog.js';
import { dropboxCredentialTypes, dropboxNodeTypes } from './services/dropbox/dropbox-catalog.js';
import { googleDriveCredentialTypes, googleDriveNodeTypes } from './services/google-drive/google-drive-catalog.js';
import { googleSheetsCredentialTypes, googleSheetsNodeTypes } from './services/google-sheets/google-sheets-catalog.js';
import { gmailCredentialTypes, gmailNodeTypes } from './services/google-gmail/gmail-catalog.js';
import { googleAnalyticsCredentialTypes, googleAnalyticsNodeTypes } from './services/google-analytics/google-analytics-catalog.js';

/** A credential type's stand-in: its name and display name, and where the type loads from. */
function credential(name: string, displayName: string, load: () => Promise<CredentialType>): LazyCredentialType {
  return defineLazyCredentialType({ name, displayName, load });
}

const slackCredentials = () => import('./services/slack/slack-credentials.js');
export const slackBotToken = credential('slackApi', 'Slack bot token', async () => (await slackCredentials()).slackBotToken);
export const slackOAuth2 = credential('slackOAuth2Api', 'Slack OAuth2', async () => (await slackCredentials()).slackOAuth2);
export const slackSigningSecret = credential(
  'slackSigningSecret',
  'Slack signing secret',
  async () => (await slackCredentials()).slackSigningSecret,
);
export const discordBotToken = credential(
  'discordBotApi',
  'Discord bot token',
  async () => (await import('./services/discord/discord-credentials.js')).discordBotToken,
);
export const teamsOAuth2 = credential(
  'microsoftTeamsOAuth2Api',
  'Microsoft Teams OAuth2',
  async () => (await import('./services/microsoft-teams/microsoft-teams-credentials.js')).teamsOAuth2,
);
const twilioCredentials = () => import('./services/twilio/twilio-credentials.js');
export const twilioAuthToken = credential('twilioApi', 'Twilio auth token', async () => (await twilioCredentials()).twilioAuthToken);
export const twilioApiKey = credential('twilioApiKey', 'Twilio API key', async () => (await twilioCredentials()).twilioApiKey);
export const sendGridApiKey = credential(
  'sendGridApi',
  'SendGrid API key',
  async () => (await import('./services/sendgrid/sendgrid-credentials.js')).sendGridApiKey,
);
const mailchimpCredentials = () => import('./services/mailchimp/mailchimp-credentials.js');
export const mailchimpApiKey = credential('mailchimpApi', 'Mailchimp API key', async () => (await mailchimpCredentials()).mailchimpApiKey);
export const mailchimpOAuth2 = credential(
  'mailchimpOAuth2Api',
  'Mailchimp OAuth2',
  async () => (await mailchimpCredentials()).mailchimpOAuth2,
);
export const mailchimpWebhookSecret = credential(
  'mailchimpWebhookSecret',
  'Mailchimp webhook secret',
  async () => (await mailchimpCredentials()).mailchimpWebhookSecret,
);

interface ServiceInfo {
  id: string;
  displayName: string;
  description: string;
  icon: string;
}

/** A service node's stand-in: what the palette lists, and where the service loads from. */
function lazyService(
  info: ServiceInfo,
  credentials: readonly (CredentialType | LazyCredentialType)[],
  load: () => Promise<NodeType>,
): NodeType {
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
function lazyTrigger(info: ServiceInfo, credential: CredentialType | LazyCredentialType, load: () => Promise<NodeType>): NodeType {
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

const airtableCredentials = () => import('./services/airtable/airtable-credentials.js');
export const airtableToken = credential(
  'airtableTokenApi',
  'Airtable personal access token',
  async () => (await airtableCredentials()).airtableToken,
);
export const airtableOAuth2 = credential('airtableOAuth2Api', 'Airtable OAuth2', async () => (await airtableCredentials()).airtableOAuth2);
export const airtable = lazyService(
  airtableInfo,
  [airtableToken, airtableOAuth2],
  async () => (await import('./services/airtable/airtable.js')).airtable.node,
);
export const airtableChangedRecord = defineLazyNode({
  type: 'integrations.airtableChangedRecord',
  version: 1,
  displayName: 'Airtable New or Changed Record',
  description:
    'Starts the workflow with each record created or changed in a table, by its last-modified field, asking Airtable at the chosen interval.',
  group: 'trigger',
  icon: airtableInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [airtableToken, airtableOAuth2].map((type) => ({ name: type.name, type: type.name, required: false })),
  load: async () => (await import('./services/airtable/airtable-changed-record.js')).airtableChangedRecord,
});

const stripeCredentials = () => import('./services/stripe/stripe-credentials.js');
export const stripeApiKey = credential('stripeApi', 'Stripe secret key', async () => (await stripeCredentials()).stripeApiKey);
export const stripeWebhookSecret = credential(
  'stripeWebhookSecret',
  'Stripe webhook signing secret',
  async () => (await stripeCredentials()).stripeWebhookSecret,
);
export const stripe = lazyService(stripeInfo, [stripeApiKey], async () => (await import('./services/stripe/stripe.js')).stripe.node);
export const stripeTrigger = lazyTrigger(
  stripeInfo,
  stripeWebhookSecret,
  async () => (await import('./services/stripe/stripe-trigger.js')).stripeTrigger,
);
export const paypalOAuth2 = credential(
  'paypalOAuth2Api',
  'PayPal app (client credentials)',
  async () => (await import('./services/paypal/paypal-credentials.js')).paypalOAuth2,
);
export const paypal = lazyService(paypalInfo, [paypalOAuth2], async () => (await import('./services/paypal/paypal.js')).paypal.node);
export const paypalTrigger = lazyTrigger(
  paypalInfo,
  paypalOAuth2,
  async () => (await import('./services/paypal/paypal-trigger.js')).paypalTrigger,
);
const wooCommerceCredentials = () => import('./services/woocommerce/woocommerce-credentials.js');
export const wooCommerceApiKey = credential(
  'wooCommerceApi',
  'WooCommerce REST API key',
  async () => (await wooCommerceCredentials()).wooCommerceApiKey,
);
export const wooCommerceWebhookSecret = credential(
  'wooCommerceWebhookSecret',
  'WooCommerce webhook secret',
  async () => (await wooCommerceCredentials()).wooCommerceWebhookSecret,
);
export const woocommerce = lazyService(
  woocommerceInfo,
  [wooCommerceApiKey],
  async () => (await import('./services/woocommerce/woocommerce.js')).woocommerce.node,
);
export const woocommerceTrigger = lazyTrigger(
  woocommerceInfo,
  wooCommerceWebhookSecret,
  async () => (await import('./services/woocommerce/woocommerce-trigger.js')).woocommerceTrigger,
);

export const salesforceOAuth2 = credential(
  'salesforceOAuth2Api',
  'Salesforce OAuth2',
  async () => (await import('./services/salesforce/salesforce-credentials.js')).salesforceOAuth2,
);
export const salesforce = lazyService(
  salesforceInfo,
  [salesforceOAuth2],
  async () => (await import('./services/salesforce/salesforce.js')).salesforce.node,
);
export const salesforceRecordChanged = defineLazyNode({
  type: 'integrations.salesforceRecordChanged',
  version: 1,
  displayName: 'Salesforce Record Changed',
  description: 'Starts the workflow with each record of an object that is created or changed, asking Salesforce at the chosen interval.',
  group: 'trigger',
  icon: salesforceInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: salesforceOAuth2.name, type: salesforceOAuth2.name, required: false }],
  load: async () => (await import('./services/salesforce/salesforce-trigger.js')).salesforceRecordChanged,
});

const notionCredentials = () => import('./services/notion/notion-credentials.js');
export const notionToken = credential(
  'notionApi',
  'Notion internal integration token',
  async () => (await notionCredentials()).notionToken,
);
export const notionOAuth2 = credential('notionOAuth2Api', 'Notion OAuth2', async () => (await notionCredentials()).notionOAuth2);
export const notion = lazyService(
  notionInfo,
  [notionToken, notionOAuth2],
  async () => (await import('./services/notion/notion.js')).notion.node,
);

const hubspotCredentials = () => import('./services/hubspot/hubspot-credentials.js');
export const hubspotPrivateApp = credential(
  'hubspotAppToken',
  'HubSpot private app token',
  async () => (await hubspotCredentials()).hubspotPrivateApp,
);
export const hubspotOAuth2 = credential('hubspotOAuth2Api', 'HubSpot OAuth2', async () => (await hubspotCredentials()).hubspotOAuth2);
export const hubspotAppSecret = credential(
  'hubspotAppSecret',
  'HubSpot app secret',
  async () => (await hubspotCredentials()).hubspotAppSecret,
);
export const hubspot = lazyService(
  hubspotInfo,
  [hubspotPrivateApp, hubspotOAuth2],
  async () => (await import('./services/hubspot/hubspot.js')).hubspot.node,
);
export const hubspotTrigger = lazyTrigger(
  hubspotInfo,
  hubspotAppSecret,
  async () => (await import('./services/hubspot/hubspot-trigger.js')).hubspotTrigger,
);

const shopifyCredentials = () => import('./services/shopify/shopify-credentials.js');
export const shopifyAccessToken = credential(
  'shopifyAccessTokenApi',
  'Shopify access token',
  async () => (await shopifyCredentials()).shopifyAccessToken,
);
export const shopifyOAuth2 = credential('shopifyOAuth2Api', 'Shopify OAuth2', async () => (await shopifyCredentials()).shopifyOAuth2);
export const shopifyWebhookSecret = credential(
  'shopifyWebhookSecret',
  'Shopify webhook secret',
  async () => (await shopifyCredentials()).shopifyWebhookSecret,
);
export const shopify = lazyService(
  shopifyInfo,
  [shopifyAccessToken, shopifyOAuth2],
  async () => (await import('./services/shopify/shopify.js')).shopify.node,
);
export const shopifyTrigger = lazyTrigger(
  shopifyInfo,
  shopifyWebhookSecret,
  async () => (await import('./services/shopify/shopify-trigger.js')).shopifyTrigger,
);

const pipedriveCredentials = () => import('./services/pipedrive/pipedrive-credentials.js');
export const pipedriveApiToken = credential(
  'pipedriveApi',
  'Pipedrive API token',
  async () => (await pipedriveCredentials()).pipedriveApiToken,
);
export const pipedriveOAuth2 = credential(
  'pipedriveOAuth2Api',
  'Pipedrive OAuth2',
  async () => (await pipedriveCredentials()).pipedriveOAuth2,
);
export const pipedriveWebhookAuth = credential(
  'pipedriveWebhookAuth',
  'Pipedrive webhook credentials',
  async () => (await pipedriveCredentials()).pipedriveWebhookAuth,
);
export const pipedrive = lazyService(
  pipedriveInfo,
  [pipedriveApiToken, pipedriveOAuth2],
  async () => (await import('./services/pipedrive/pipedrive.js')).pipedrive.node,
);
export const pipedriveTrigger = lazyTrigger(
  pipedriveInfo,
  pipedriveWebhookAuth,
  async () => (await import('./services/pipedrive/pipedrive-trigger.js')).pipedriveTrigger,
);

export {
  aiAgent,
  aiChatModel,
  aiEmbeddings,
  aiInformationExtractor,
  aiLlmChain,
  aiMemory,
  aiStructuredOutput,
  aiTextClassifier,
  aiVectorStore,
  anthropicApi,
  openAiApi,
  openAiCompatibleApi,
} from './ai/ai-catalog.js';
export { github, githubApp, githubToken, githubTrigger, githubWebhookSecret } from './services/github/github-catalog.js';
export { metaAds, metaAdsAccessToken } from './services/meta-ads/meta-ads-catalog.js';
export { telegram, telegramBotToken, telegramTrigger } from './services/telegram/telegram-catalog.js';
export { awsS3, awsS3AccessKey } from './services/aws-s3/aws-s3-catalog.js';
export { dropbox, dropboxOAuth2Api } from './services/dropbox/dropbox-catalog.js';
export { googleDrive, googleDriveOAuth2, googleDriveServiceAccount } from './services/google-drive/google-drive-catalog.js';
export {
  googleSheets,
  googleSheetsNewRow,
  googleSheetsOAuth2,
  googleSheetsServiceAccount,
} from './services/google-sheets/google-sheets-catalog.js';
export { gmail, gmailNewMessage, gmailOAuth2 } from './services/google-gmail/gmail-catalog.js';
export {
  googleAnalytics,
  googleAnalyticsEvents,
  googleAnalyticsMeasurement,
  googleAnalyticsOAuth2,
  googleAnalyticsServiceAccount,
} from './services/google-analytics/google-analytics-catalog.js';

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
  airtable,
  airtableChangedRecord,
  notion,
  shopify,
  shopifyTrigger,
  stripe,
  stripeTrigger,
  paypal,
  paypalTrigger,
  woocommerce,
  woocommerceTrigger,
  salesforce,
  salesforceRecordChanged,
  hubspot,
  hubspotTrigger,
  pipedrive,
  pipedriveTrigger,
  ...githubNodeTypes,
  ...metaAdsNodeTypes,
  ...telegramNodeTypes,
  ...awsS3NodeTypes,
  ...dropboxNodeTypes,
  ...googleDriveNodeTypes,
  ...googleSheetsNodeTypes,
  ...gmailNodeTypes,
  ...googleAnalyticsNodeTypes,
  ...aiNodeTypes,
];

/**
 * Every credential type of this package, as stand-ins that load on first use, for
 * `createEngine({ credentialTypes: [...allIntegrationCredentials] })`.
 */
export const allIntegrationCredentials: readonly (CredentialType | LazyCredentialType)[] = [
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
  airtableToken,
  airtableOAuth2,
  notionToken,
  notionOAuth2,
  shopifyAccessToken,
  shopifyOAuth2,
  shopifyWebhookSecret,
  stripeApiKey,
  stripeWebhookSecret,
  paypalOAuth2,
  wooCommerceApiKey,
  wooCommerceWebhookSecret,
  salesforceOAuth2,
  hubspotPrivateApp,
  hubspotOAuth2,
  hubspotAppSecret,
  pipedriveApiToken,
  pipedriveOAuth2,
  pipedriveWebhookAuth,
  ...githubCredentialTypes,
  ...metaAdsCredentialTypes,
  ...telegramCredentialTypes,
  ...awsS3CredentialTypes,
  ...dropboxCredentialTypes,
  ...googleDriveCredentialTypes,
  ...googleSheetsCredentialTypes,
  ...gmailCredentialTypes,
  ...googleAnalyticsCredentialTypes,
  ...aiCredentialTypes,
];
