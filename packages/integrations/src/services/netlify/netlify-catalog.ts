// Netlify in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { netlifyInfo } from './netlify-info.js';

/** Stand-in of the Netlify webhook JWS secret credential type, which checks the trigger's calls. */
export const netlifyWebhookSecret = lazyCredential(
  'netlifyWebhookSecret',
  'Netlify webhook JWS secret',
  async () => (await import('./netlify-credentials.js')).netlifyWebhookSecret,
);

/** Stand-in of the Netlify Trigger: outgoing webhook calls checked with the JWS secret token. */
export const netlifyTrigger = lazyTrigger(
  netlifyInfo,
  netlifyWebhookSecret,
  async () => (await import('./netlify-trigger.js')).netlifyTrigger,
);

/** Netlify's node types, for the catalog's `allIntegrations`. */
export const netlifyNodeTypes: readonly NodeType[] = [netlifyTrigger];
/** Netlify's credential types, for the catalog's `allIntegrationCredentials`. */
export const netlifyCredentialTypes: readonly LazyCredentialType[] = [netlifyWebhookSecret];
