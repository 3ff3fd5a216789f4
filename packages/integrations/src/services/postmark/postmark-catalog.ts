// Postmark in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { postmarkInfo } from './postmark-info.js';

/** Stand-in of the Postmark webhook credentials, which check the trigger's calls. */
export const postmarkWebhookAuth = lazyCredential(
  'postmarkWebhookAuth',
  'Postmark webhook credentials',
  async () => (await import('./postmark-credentials.js')).postmarkWebhookAuth,
);

/** Stand-in of the Postmark Trigger: calls checked with the webhook URL's HTTP Basic credentials. */
export const postmarkTrigger = lazyTrigger(
  postmarkInfo,
  postmarkWebhookAuth,
  async () => (await import('./postmark-trigger.js')).postmarkTrigger,
);

/** Postmark's node types, for the catalog's `allIntegrations`. */
export const postmarkNodeTypes: readonly NodeType[] = [postmarkTrigger];
/** Postmark's credential types, for the catalog's `allIntegrationCredentials`. */
export const postmarkCredentialTypes: readonly LazyCredentialType[] = [postmarkWebhookAuth];
