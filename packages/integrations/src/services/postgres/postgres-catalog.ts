// Postgres as the catalog lists it: a stand-in for its node type and one for its credential type. The catalog's node
// loads the description (the form, marked Node-only, which fails with NODE_UNAVAILABLE when run); the same stand-in
// loading the implementation instead is `createPostgresNode()` (postgres-node-catalog.ts), for engines in Node.js.
import { defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { lazyCredential } from '../catalog-parts.js';
import { postgresInfo } from './postgres-info.js';

/** Stand-in of the Postgres credential type. */
export const postgresCredential: LazyCredentialType = lazyCredential(
  'postgres',
  'Postgres',
  async () => (await import('./postgres-credentials.js')).postgresCredential,
);

/**
 * A stand-in of the Postgres node: what the palette lists (Node-only), and `load`, which brings the description or,
 * on Node.js, the implementation.
 */
export function postgresStandIn(load: () => Promise<NodeType>): NodeType {
  return defineLazyNode({
    type: `integrations.${postgresInfo.id}`,
    version: 1,
    displayName: postgresInfo.displayName,
    description: postgresInfo.description,
    group: 'integration',
    icon: postgresInfo.icon,
    inputs: ['main'],
    outputs: ['main'],
    credentials: [{ name: 'postgres', type: 'postgres', required: false }],
    nodeOnly: true,
    load,
  });
}

/**
 * Stand-in of the Postgres node as every engine knows it: it loads the description, which validates and edits
 * workflows and fails saying where it runs. `createNodeIntegrations()` of `@flowloom/integrations/node` puts
 * `createPostgresNode()` in its place.
 */
export const postgres: NodeType = postgresStandIn(async () => (await import('./postgres-description.js')).postgresDescription);

/** Postgres's node types, for the catalog's `allIntegrations`. */
export const postgresNodeTypes: readonly NodeType[] = [postgres];
/** Postgres's credential types, for the catalog's `allIntegrationCredentials`. */
export const postgresCredentialTypes: readonly LazyCredentialType[] = [postgresCredential];
