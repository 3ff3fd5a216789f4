// Bitbucket in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { bitbucketInfo } from './bitbucket-info.js';

/** Stand-in of the Bitbucket webhook secret credential type, which checks the trigger's calls. */
export const bitbucketWebhookSecret = lazyCredential(
  'bitbucketWebhookSecret',
  'Bitbucket webhook secret',
  async () => (await import('./bitbucket-credentials.js')).bitbucketWebhookSecret,
);

/** Stand-in of the Bitbucket Trigger: webhook calls checked with the webhook's secret. */
export const bitbucketTrigger = lazyTrigger(
  bitbucketInfo,
  bitbucketWebhookSecret,
  async () => (await import('./bitbucket-trigger.js')).bitbucketTrigger,
);

/** Bitbucket's node types, for the catalog's `allIntegrations`. */
export const bitbucketNodeTypes: readonly NodeType[] = [bitbucketTrigger];
/** Bitbucket's credential types, for the catalog's `allIntegrationCredentials`. */
export const bitbucketCredentialTypes: readonly LazyCredentialType[] = [bitbucketWebhookSecret];
