// Mailjet in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { mailjetInfo } from './mailjet-info.js';

/** Stand-in of the Mailjet webhook credentials, which check the trigger's calls. */
export const mailjetWebhookAuth = lazyCredential(
  'mailjetWebhookAuth',
  'Mailjet webhook credentials',
  async () => (await import('./mailjet-credentials.js')).mailjetWebhookAuth,
);

/** Stand-in of the Mailjet Trigger: calls checked with the callback URL's HTTP Basic credentials. */
export const mailjetTrigger = lazyTrigger(
  mailjetInfo,
  mailjetWebhookAuth,
  async () => (await import('./mailjet-trigger.js')).mailjetTrigger,
);

/** Mailjet's node types, for the catalog's `allIntegrations`. */
export const mailjetNodeTypes: readonly NodeType[] = [mailjetTrigger];
/** Mailjet's credential types, for the catalog's `allIntegrationCredentials`. */
export const mailjetCredentialTypes: readonly LazyCredentialType[] = [mailjetWebhookAuth];
