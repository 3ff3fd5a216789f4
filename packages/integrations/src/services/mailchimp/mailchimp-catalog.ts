// Mailchimp in the catalog: stand-ins for its node, its two triggers and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyPollingTrigger, lazyService, lazyTrigger } from '../catalog-parts.js';
import { mailchimpInfo } from './mailchimp-info.js';

const credentials = () => import('./mailchimp-credentials.js');

/** Stand-in of the Mailchimp API key credential type. */
export const mailchimpApiKey = lazyCredential('mailchimpApi', 'Mailchimp API key', async () => (await credentials()).mailchimpApiKey);
/** Stand-in of the Mailchimp OAuth2 credential type. */
export const mailchimpOAuth2 = lazyCredential('mailchimpOAuth2Api', 'Mailchimp OAuth2', async () => (await credentials()).mailchimpOAuth2);
/** Stand-in of the Mailchimp webhook secret credential type, which checks the trigger's requests. */
export const mailchimpWebhookSecret = lazyCredential(
  'mailchimpWebhookSecret',
  'Mailchimp webhook secret',
  async () => (await credentials()).mailchimpWebhookSecret,
);

/** Stand-in of the Mailchimp node. */
export const mailchimp = lazyService(
  mailchimpInfo,
  [mailchimpApiKey, mailchimpOAuth2],
  async () => (await import('./mailchimp.js')).mailchimp.node,
);
/** Stand-in of the Mailchimp Trigger: audience webhook calls checked with the webhook secret. */
export const mailchimpTrigger = lazyTrigger(
  mailchimpInfo,
  mailchimpWebhookSecret,
  async () => (await import('./mailchimp-trigger.js')).mailchimpTrigger,
);
/** Stand-in of the Mailchimp New Member polling trigger. */
export const mailchimpNewMember = lazyPollingTrigger(
  {
    type: 'integrations.mailchimpNewMember',
    displayName: 'Mailchimp New Member',
    description: 'Starts the workflow with each member who opts in to an audience, asking Mailchimp at the chosen interval.',
    icon: mailchimpInfo.icon,
  },
  [mailchimpApiKey, mailchimpOAuth2],
  async () => (await import('./mailchimp-new-member.js')).mailchimpNewMember,
);

/** Mailchimp's node types, for the catalog's `allIntegrations`. */
export const mailchimpNodeTypes: readonly NodeType[] = [mailchimp, mailchimpTrigger, mailchimpNewMember];
/** Mailchimp's credential types, for the catalog's `allIntegrationCredentials`. */
export const mailchimpCredentialTypes: readonly LazyCredentialType[] = [mailchimpApiKey, mailchimpOAuth2, mailchimpWebhookSecret];
