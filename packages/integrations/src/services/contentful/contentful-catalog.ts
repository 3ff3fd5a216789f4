// Contentful in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { contentfulInfo } from './contentful-info.js';

/** Stand-in of the Contentful API keys credential type. */
export const contentfulApi = lazyCredential(
  'contentfulApi',
  'Contentful API keys',
  async () => (await import('./contentful-credentials.js')).contentfulApi,
);

/** Stand-in of the Contentful node. */
export const contentful = lazyService(contentfulInfo, [contentfulApi], async () => (await import('./contentful.js')).contentful.node);

/** Contentful's node types, for the catalog's `allIntegrations`. */
export const contentfulNodeTypes: readonly NodeType[] = [contentful];
/** Contentful's credential types, for the catalog's `allIntegrationCredentials`. */
export const contentfulCredentialTypes: readonly LazyCredentialType[] = [contentfulApi];
