// `@flowloom/integrations`: node and credential types for third-party services, and the AI nodes.
//
// This entry is the catalog: each service's node type here is a light stand-in (names, icon, ports, credential
// slots) whose operations load on first use, and each credential type a stand-in (name, display name) whose form,
// signer and test load when a credential of that type is first created, shown or used. Registering every service
// therefore adds little to a page's first JavaScript. Each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { CredentialType, LazyCredentialType, NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';
import { aiCredentialTypes, aiNodeTypes } from './ai/ai-catalog.js';
import { airtableCredentialTypes, airtableNodeTypes } from './services/airtable/airtable-catalog.js';
import { awsS3CredentialTypes, awsS3NodeTypes } from './services/aws-s3/aws-s3-catalog.js';
import { discordCredentialTypes, discordNodeTypes } from './services/discord/discord-catalog.js';
import { dropboxCredentialTypes, dropboxNodeTypes } from './services/dropbox/dropbox-catalog.js';
import { githubCredentialTypes, githubNodeTypes } from './services/github/github-catalog.js';
import { googleAnalyticsCredentialTypes, googleAnalyticsNodeTypes } from './services/google-analytics/google-analytics-catalog.js';
import { googleDriveCredentialTypes, googleDriveNodeTypes } from './services/google-drive/google-drive-catalog.js';
import { gmailCredentialTypes, gmailNodeTypes } from './services/google-gmail/gmail-catalog.js';
import { googleSheetsCredentialTypes, googleSheetsNodeTypes } from './services/google-sheets/google-sheets-catalog.js';
import { hubspotCredentialTypes, hubspotNodeTypes } from './services/hubspot/hubspot-catalog.js';
import { mailchimpCredentialTypes, mailchimpNodeTypes } from './services/mailchimp/mailchimp-catalog.js';
import { metaAdsCredentialTypes, metaAdsNodeTypes } from './services/meta-ads/meta-ads-catalog.js';
import { microsoftTeamsCredentialTypes, microsoftTeamsNodeTypes } from './services/microsoft-teams/microsoft-teams-catalog.js';
import { notionCredentialTypes, notionNodeTypes } from './services/notion/notion-catalog.js';
import { paypalCredentialTypes, paypalNodeTypes } from './services/paypal/paypal-catalog.js';
import { pipedriveCredentialTypes, pipedriveNodeTypes } from './services/pipedrive/pipedrive-catalog.js';
import { postgresCredentialTypes, postgresNodeTypes } from './services/postgres/postgres-catalog.js';
import { salesforceCredentialTypes, salesforceNodeTypes } from './services/salesforce/salesforce-catalog.js';
import { sendgridCredentialTypes, sendgridNodeTypes } from './services/sendgrid/sendgrid-catalog.js';
import { shopifyCredentialTypes, shopifyNodeTypes } from './services/shopify/shopify-catalog.js';
import { slackCredentialTypes, slackNodeTypes } from './services/slack/slack-catalog.js';
import { stripeCredentialTypes, stripeNodeTypes } from './services/stripe/stripe-catalog.js';
import { telegramCredentialTypes, telegramNodeTypes } from './services/telegram/telegram-catalog.js';
import { twilioCredentialTypes, twilioNodeTypes } from './services/twilio/twilio-catalog.js';
import { utilityCredentialTypes, utilityNodeTypes } from './services/utility-services.js';
import { contentCredentialTypes, contentNodeTypes } from './services/content-services.js';
import { messagingCredentialTypes, messagingNodeTypes } from './services/messaging-services.js';
import { woocommerceCredentialTypes, woocommerceNodeTypes } from './services/woocommerce/woocommerce-catalog.js';
import { developerTriggerCredentialTypes, developerTriggerNodeTypes } from './services/developer-triggers.js';
import { formTriggerCredentialTypes, formTriggerNodeTypes } from './services/form-triggers.js';
import { marketingTriggerCredentialTypes, marketingTriggerNodeTypes } from './services/marketing-triggers.js';
import { crmTriggerCredentialTypes, crmTriggerNodeTypes } from './services/crm-triggers.js';

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
export { airtable, airtableChangedRecord, airtableOAuth2, airtableToken } from './services/airtable/airtable-catalog.js';
export { awsS3, awsS3AccessKey } from './services/aws-s3/aws-s3-catalog.js';
export { discord, discordBotToken } from './services/discord/discord-catalog.js';
export { dropbox, dropboxOAuth2Api } from './services/dropbox/dropbox-catalog.js';
export { github, githubApp, githubToken, githubTrigger, githubWebhookSecret } from './services/github/github-catalog.js';
export {
  googleAnalytics,
  googleAnalyticsEvents,
  googleAnalyticsMeasurement,
  googleAnalyticsOAuth2,
  googleAnalyticsServiceAccount,
} from './services/google-analytics/google-analytics-catalog.js';
export { googleDrive, googleDriveOAuth2, googleDriveServiceAccount } from './services/google-drive/google-drive-catalog.js';
export { gmail, gmailNewMessage, gmailOAuth2 } from './services/google-gmail/gmail-catalog.js';
export {
  googleSheets,
  googleSheetsNewRow,
  googleSheetsOAuth2,
  googleSheetsServiceAccount,
} from './services/google-sheets/google-sheets-catalog.js';
export { hubspot, hubspotAppSecret, hubspotOAuth2, hubspotPrivateApp, hubspotTrigger } from './services/hubspot/hubspot-catalog.js';
export {
  mailchimp,
  mailchimpApiKey,
  mailchimpNewMember,
  mailchimpOAuth2,
  mailchimpTrigger,
  mailchimpWebhookSecret,
} from './services/mailchimp/mailchimp-catalog.js';
export { metaAds, metaAdsAccessToken } from './services/meta-ads/meta-ads-catalog.js';
export { microsoftTeams, teamsOAuth2 } from './services/microsoft-teams/microsoft-teams-catalog.js';
export { notion, notionOAuth2, notionToken } from './services/notion/notion-catalog.js';
export { paypal, paypalOAuth2, paypalTrigger } from './services/paypal/paypal-catalog.js';
export {
  pipedrive,
  pipedriveApiToken,
  pipedriveOAuth2,
  pipedriveTrigger,
  pipedriveWebhookAuth,
} from './services/pipedrive/pipedrive-catalog.js';
export { postgres, postgresCredential } from './services/postgres/postgres-catalog.js';
export { salesforce, salesforceOAuth2, salesforceRecordChanged } from './services/salesforce/salesforce-catalog.js';
export { sendgrid, sendGridApiKey } from './services/sendgrid/sendgrid-catalog.js';
export { shopify, shopifyAccessToken, shopifyOAuth2, shopifyTrigger, shopifyWebhookSecret } from './services/shopify/shopify-catalog.js';
export { slack, slackBotToken, slackOAuth2, slackSigningSecret, slackTrigger } from './services/slack/slack-catalog.js';
export { stripe, stripeApiKey, stripeTrigger, stripeWebhookSecret } from './services/stripe/stripe-catalog.js';
export { telegram, telegramBotToken, telegramTrigger } from './services/telegram/telegram-catalog.js';
export { twilio, twilioApiKey, twilioAuthToken, twilioTrigger } from './services/twilio/twilio-catalog.js';
export {
  woocommerce,
  wooCommerceApiKey,
  woocommerceTrigger,
  wooCommerceWebhookSecret,
} from './services/woocommerce/woocommerce-catalog.js';

/**
 * Every node type of this package, for `createEngine({ nodeTypes: [...allIntegrations] })`. Postgres, whose work
 * needs Node.js, is here as its description (it validates, edits, and fails with `NODE_UNAVAILABLE` when run); on
 * Node.js, `createNodeIntegrations()` of `@flowloom/integrations/node` is this list with Postgres's implementation.
 */
export const allIntegrations: readonly NodeType[] = [
  ...slackNodeTypes,
  ...discordNodeTypes,
  ...microsoftTeamsNodeTypes,
  ...twilioNodeTypes,
  ...sendgridNodeTypes,
  ...mailchimpNodeTypes,
  ...airtableNodeTypes,
  ...notionNodeTypes,
  ...shopifyNodeTypes,
  ...stripeNodeTypes,
  ...paypalNodeTypes,
  ...woocommerceNodeTypes,
  ...salesforceNodeTypes,
  ...hubspotNodeTypes,
  ...pipedriveNodeTypes,
  ...postgresNodeTypes,
  ...githubNodeTypes,
  ...metaAdsNodeTypes,
  ...telegramNodeTypes,
  ...awsS3NodeTypes,
  ...dropboxNodeTypes,
  ...googleDriveNodeTypes,
  ...googleSheetsNodeTypes,
  ...gmailNodeTypes,
  ...googleAnalyticsNodeTypes,
  ...developerTriggerNodeTypes,
  ...formTriggerNodeTypes,
  ...marketingTriggerNodeTypes,
  ...crmTriggerNodeTypes,
  ...utilityNodeTypes,
  ...contentNodeTypes,
  ...messagingNodeTypes,
  ...aiNodeTypes,
];

/**
 * Every credential type of this package, as stand-ins that load on first use, for
 * `createEngine({ credentialTypes: [...allIntegrationCredentials] })`.
 */
export const allIntegrationCredentials: readonly (CredentialType | LazyCredentialType)[] = [
  ...slackCredentialTypes,
  ...discordCredentialTypes,
  ...microsoftTeamsCredentialTypes,
  ...twilioCredentialTypes,
  ...sendgridCredentialTypes,
  ...mailchimpCredentialTypes,
  ...airtableCredentialTypes,
  ...notionCredentialTypes,
  ...shopifyCredentialTypes,
  ...stripeCredentialTypes,
  ...paypalCredentialTypes,
  ...woocommerceCredentialTypes,
  ...salesforceCredentialTypes,
  ...hubspotCredentialTypes,
  ...pipedriveCredentialTypes,
  ...postgresCredentialTypes,
  ...githubCredentialTypes,
  ...metaAdsCredentialTypes,
  ...telegramCredentialTypes,
  ...awsS3CredentialTypes,
  ...dropboxCredentialTypes,
  ...googleDriveCredentialTypes,
  ...googleSheetsCredentialTypes,
  ...gmailCredentialTypes,
  ...googleAnalyticsCredentialTypes,
  ...developerTriggerCredentialTypes,
  ...formTriggerCredentialTypes,
  ...marketingTriggerCredentialTypes,
  ...crmTriggerCredentialTypes,
  ...utilityCredentialTypes,
  ...contentCredentialTypes,
  ...messagingCredentialTypes,
  ...aiCredentialTypes,
];

/**
 * The mappings of n8n's service nodes to these services' nodes (`n8nMappings` of `@flowloom/integrations/n8n`),
 * loaded when asked so the catalog stays light. `flowloom import n8n --nodes @flowloom/integrations` uses it.
 *
 * @example
 * const { workflow } = importN8nWorkflow(json, { mappings: await loadN8nMappings(), nodeTypes: allIntegrations });
 */
export async function loadN8nMappings(): Promise<Readonly<Record<string, NodeMapping>>> {
  return (await import('./n8n/index.js')).n8nMappings;
}
