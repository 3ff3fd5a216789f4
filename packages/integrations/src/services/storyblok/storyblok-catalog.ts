// Storyblok in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { storyblokInfo } from './storyblok-info.js';

/** Stand-in of the Storyblok personal access token credential type. */
export const storyblokManagementApi = lazyCredential(
  'storyblokManagementApi',
  'Storyblok personal access token',
  async () => (await import('./storyblok-credentials.js')).storyblokManagementApi,
);

/** Stand-in of the Storyblok node. */
export const storyblok = lazyService(storyblokInfo, [storyblokManagementApi], async () => (await import('./storyblok.js')).storyblok.node);

/** Storyblok's node types, for the catalog's `allIntegrations`. */
export const storyblokNodeTypes: readonly NodeType[] = [storyblok];
/** Storyblok's credential types, for the catalog's `allIntegrationCredentials`. */
export const storyblokCredentialTypes: readonly LazyCredentialType[] = [storyblokManagementApi];
