// Dropbox as the catalog lists it: a stand-in for its node type and one for its credential type, whose code loads
// the first time a workflow uses them.
import { defineLazyCredentialType, defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { dropboxInfo } from './dropbox-info.js';

/** The Dropbox OAuth2 credential's stand-in. */
export const dropboxOAuth2Api = defineLazyCredentialType({
  name: 'dropboxOAuth2Api',
  displayName: 'Dropbox OAuth2',
  load: async () => (await import('./dropbox-credentials.js')).dropboxOAuth2,
});

/** The Dropbox node's stand-in: what the palette lists, and where the service loads from. */
export const dropbox = defineLazyNode({
  type: `integrations.${dropboxInfo.id}`,
  version: 1,
  displayName: dropboxInfo.displayName,
  description: dropboxInfo.description,
  group: 'integration',
  icon: dropboxInfo.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: dropboxOAuth2Api.name, type: dropboxOAuth2Api.name, required: false }],
  load: async () => (await import('./dropbox.js')).dropbox.node,
});

/** Dropbox's node types, for the catalog. */
export const dropboxNodeTypes: readonly NodeType[] = [dropbox];
/** Dropbox's credential types, as stand-ins, for the catalog. */
export const dropboxCredentialTypes: readonly LazyCredentialType[] = [dropboxOAuth2Api];
