// The content, bookmark, monitoring and CI services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { cockpitCredentialTypes, cockpitNodeTypes } from './cockpit/cockpit-catalog.js';
import { contentfulCredentialTypes, contentfulNodeTypes } from './contentful/contentful-catalog.js';
import { ghostCredentialTypes, ghostNodeTypes } from './ghost/ghost-catalog.js';
import { raindropCredentialTypes, raindropNodeTypes } from './raindrop/raindrop-catalog.js';
import { storyblokCredentialTypes, storyblokNodeTypes } from './storyblok/storyblok-catalog.js';

/** The node types of these services, for the catalog's `allIntegrations`. */
export const contentNodeTypes: readonly NodeType[] = [
  ...raindropNodeTypes,
  ...ghostNodeTypes,
  ...storyblokNodeTypes,
  ...contentfulNodeTypes,
  ...cockpitNodeTypes,
];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const contentCredentialTypes: readonly LazyCredentialType[] = [
  ...raindropCredentialTypes,
  ...ghostCredentialTypes,
  ...storyblokCredentialTypes,
  ...contentfulCredentialTypes,
  ...cockpitCredentialTypes,
];
