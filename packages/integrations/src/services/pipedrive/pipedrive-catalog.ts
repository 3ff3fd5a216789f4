// Pipedrive in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { pipedriveInfo } from './pipedrive-info.js';

const credentials = () => import('./pipedrive-credentials.js');

/** Stand-in of the Pipedrive API token credential type. */
export const pipedriveApiToken = lazyCredential('pipedriveApi', 'Pipedrive API token', async () => (await credentials()).pipedriveApiToken);
/** Stand-in of the Pipedrive OAuth2 credential type. */
export const pipedriveOAuth2 = lazyCredential('pipedriveOAuth2Api', 'Pipedrive OAuth2', async () => (await credentials()).pipedriveOAuth2);
/** Stand-in of the Pipedrive webhook credentials type (HTTP Basic), which checks the trigger's requests. */
export const pipedriveWebhookAuth = lazyCredential(
  'pipedriveWebhookAuth',
  'Pipedrive webhook credentials',
  async () => (await credentials()).pipedriveWebhookAuth,
);

/** Stand-in of the Pipedrive node. */
export const pipedrive = lazyService(
  pipedriveInfo,
  [pipedriveApiToken, pipedriveOAuth2],
  async () => (await import('./pipedrive.js')).pipedrive.node,
);
/** Stand-in of the Pipedrive Trigger: webhook calls checked with the webhook credentials. */
export const pipedriveTrigger = lazyTrigger(
  pipedriveInfo,
  pipedriveWebhookAuth,
  async () => (await import('./pipedrive-trigger.js')).pipedriveTrigger,
);

/** Pipedrive's node types, for the catalog's `allIntegrations`. */
export const pipedriveNodeTypes: readonly NodeType[] = [pipedrive, pipedriveTrigger];
/** Pipedrive's credential types, for the catalog's `allIntegrationCredentials`. */
export const pipedriveCredentialTypes: readonly LazyCredentialType[] = [pipedriveApiToken, pipedriveOAuth2, pipedriveWebhookAuth];
