// ClickUp in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { clickUpInfo } from './clickup-info.js';

/** Stand-in of the ClickUp webhook secret credential type, which checks the trigger's calls. */
export const clickUpWebhookSecret = lazyCredential(
  'clickUpWebhookSecret',
  'ClickUp webhook secret',
  async () => (await import('./clickup-credentials.js')).clickUpWebhookSecret,
);

/** Stand-in of the ClickUp Trigger: calls checked with the webhook's secret. */
export const clickUpTrigger = lazyTrigger(
  clickUpInfo,
  clickUpWebhookSecret,
  async () => (await import('./clickup-trigger.js')).clickUpTrigger,
);

/** ClickUp's node types, for the catalog's `allIntegrations`. */
export const clickUpNodeTypes: readonly NodeType[] = [clickUpTrigger];
/** ClickUp's credential types, for the catalog's `allIntegrationCredentials`. */
export const clickUpCredentialTypes: readonly LazyCredentialType[] = [clickUpWebhookSecret];
