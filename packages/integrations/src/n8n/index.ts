// `@flowloom/integrations/n8n`: how n8n's service nodes become these services' nodes when an n8n workflow is imported.
//
// @example
// import { importN8nWorkflow } from '@flowloom/engine/n8n';
// import { n8nMappings, n8nNodeTypes } from '@flowloom/integrations/n8n';
// const { workflow, report } = importN8nWorkflow(json, { mappings: n8nMappings, nodeTypes: n8nNodeTypes });
import type { NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';
import { airtable } from '../services/airtable/airtable-catalog.js';
import { awsS3 } from '../services/aws-s3/aws-s3-catalog.js';
import { githubTrigger } from '../services/github/github-trigger.js';
import { discord } from '../services/discord/discord-catalog.js';
import { gmailNewMessage } from '../services/google-gmail/gmail-catalog.js';
import { googleSheets, googleSheetsNewRow } from '../services/google-sheets/google-sheets-catalog.js';
import { mailchimpTrigger } from '../services/mailchimp/mailchimp-trigger.js';
import { pipedrive } from '../services/pipedrive/pipedrive-catalog.js';
import { pipedriveTrigger } from '../services/pipedrive/pipedrive-trigger.js';
import { postgres } from '../services/postgres/postgres-catalog.js';
import { paypal } from '../services/paypal/paypal-catalog.js';
import { paypalTrigger } from '../services/paypal/paypal-trigger.js';
import { slack } from '../services/slack/slack-catalog.js';
import { stripe } from '../services/stripe/stripe-catalog.js';
import { telegram } from '../services/telegram/telegram-catalog.js';
import { telegramTrigger } from '../services/telegram/telegram-trigger.js';
import { woocommerceTrigger } from '../services/woocommerce/woocommerce-trigger.js';
import { utilityMappings, utilityN8nNodeTypes } from './utility-services.js';
import { contentMappings, contentN8nNodeTypes } from './content-services.js';
import { messagingMappings, messagingN8nNodeTypes } from './messaging-services.js';
import { airtableMapping } from './airtable.js';
import { awsS3Mapping, s3Mapping } from './aws-s3.js';
import { crmTriggerMappings, crmTriggerN8nNodeTypes } from './crm-triggers.js';
import { developerTriggerMappings, developerTriggerN8nNodeTypes } from './developer-triggers.js';
import { discordMapping } from './discord.js';
import { formTriggerMappings, formTriggerN8nNodeTypes } from './form-triggers.js';
import { googleSheetsMapping } from './google-sheets.js';
import { marketingTriggerMappings, marketingTriggerN8nNodeTypes } from './marketing-triggers.js';
import { payPalMapping } from './paypal.js';
import { pipedriveMapping } from './pipedrive.js';
import { postgresMapping } from './postgres.js';
import { gmailTriggerMapping, googleSheetsTriggerMapping } from './polling-triggers.js';
import { slackMapping } from './slack.js';
import { stripeMapping } from './stripe.js';
import { telegramMapping } from './telegram.js';
import {
  githubTriggerMapping,
  mailchimpTriggerMapping,
  payPalTriggerMapping,
  pipedriveTriggerMapping,
  telegramTriggerMapping,
  wooCommerceTriggerMapping,
} from './webhook-triggers.js';

/** n8n node type -> how it becomes one of these services' nodes: `importN8nWorkflow(doc, { mappings: n8nMappings })`. */
export const n8nMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.slack': slackMapping,
  'n8n-nodes-base.airtable': airtableMapping,
  'n8n-nodes-base.googleSheets': googleSheetsMapping,
  'n8n-nodes-base.telegram': telegramMapping,
  'n8n-nodes-base.telegramTrigger': telegramTriggerMapping,
  'n8n-nodes-base.githubTrigger': githubTriggerMapping,
  'n8n-nodes-base.wooCommerceTrigger': wooCommerceTriggerMapping,
  'n8n-nodes-base.payPalTrigger': payPalTriggerMapping,
  'n8n-nodes-base.mailchimpTrigger': mailchimpTriggerMapping,
  'n8n-nodes-base.awsS3': awsS3Mapping,
  'n8n-nodes-base.s3': s3Mapping,
  'n8n-nodes-base.discord': discordMapping,
  'n8n-nodes-base.stripe': stripeMapping,
  'n8n-nodes-base.pipedrive': pipedriveMapping,
  'n8n-nodes-base.pipedriveTrigger': pipedriveTriggerMapping,
  'n8n-nodes-base.payPal': payPalMapping,
  'n8n-nodes-base.gmailTrigger': gmailTriggerMapping,
  'n8n-nodes-base.googleSheetsTrigger': googleSheetsTriggerMapping,
  'n8n-nodes-base.postgres': postgresMapping,
  ...developerTriggerMappings,
  ...formTriggerMappings,
  ...marketingTriggerMappings,
  ...crmTriggerMappings,
  ...utilityMappings,
  ...contentMappings,
  ...messagingMappings,
};

/**
 * The node types `n8nMappings` make, for `importN8nWorkflow(doc, { nodeTypes })`: the catalog's light stand-ins, and
 * the webhook triggers themselves, so the events an n8n trigger names are checked against those Flowloom's offers.
 */
export const n8nNodeTypes: readonly NodeType[] = [
  slack,
  airtable,
  googleSheets,
  telegram,
  telegramTrigger,
  githubTrigger,
  woocommerceTrigger,
  paypal,
  paypalTrigger,
  mailchimpTrigger,
  awsS3,
  discord,
  stripe,
  pipedrive,
  pipedriveTrigger,
  gmailNewMessage,
  googleSheetsNewRow,
  postgres,
  ...developerTriggerN8nNodeTypes,
  ...formTriggerN8nNodeTypes,
  ...marketingTriggerN8nNodeTypes,
  ...crmTriggerN8nNodeTypes,
  ...utilityN8nNodeTypes,
  ...contentN8nNodeTypes,
  ...messagingN8nNodeTypes,
];
