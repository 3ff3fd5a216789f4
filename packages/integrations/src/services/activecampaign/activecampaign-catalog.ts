// ActiveCampaign in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { activecampaignInfo } from './activecampaign-info.js';

/** Stand-in of the ActiveCampaign webhook secret, which checks the trigger's calls. */
export const activecampaignWebhookSecret = lazyCredential(
  'activecampaignWebhookSecret',
  'ActiveCampaign webhook secret',
  async () => (await import('./activecampaign-credentials.js')).activecampaignWebhookSecret,
);

/** Stand-in of the ActiveCampaign Trigger: calls checked with the secret in the webhook URL. */
export const activecampaignTrigger = lazyTrigger(
  activecampaignInfo,
  activecampaignWebhookSecret,
  async () => (await import('./activecampaign-trigger.js')).activecampaignTrigger,
);

/** ActiveCampaign's node types, for the catalog's `allIntegrations`. */
export const activecampaignNodeTypes: readonly NodeType[] = [activecampaignTrigger];
/** ActiveCampaign's credential types, for the catalog's `allIntegrationCredentials`. */
export const activecampaignCredentialTypes: readonly LazyCredentialType[] = [activecampaignWebhookSecret];
