// `@flowloom/integrations/node`: the catalog for engines in Node.js, where the services that connect over their own
// protocol (Postgres, over TCP through `pg`) run. It is an entry of its own so that a page importing the catalog
// never bundles `pg` or Node's modules: the host, which knows it runs in Node.js, chooses this list.
import type { NodeType } from '@flowloom/engine';
import { allIntegrations } from './index.js';
import { postgres } from './services/postgres/postgres-catalog.js';
import { createPostgresNode } from './services/postgres/postgres-node-catalog.js';
import type { PostgresNodeOptions } from './services/postgres/postgres-node.js';

export { createPostgresNode } from './services/postgres/postgres-node-catalog.js';
export type { PostgresNodeOptions } from './services/postgres/postgres-node.js';

/**
 * Where the services that open their own connections (Postgres) may
 * connect. Like the engine's HTTP requests, they reach public addresses
 * only unless `allowPrivateNetworks` is true; pass it when the database is
 * on the host's own network.
 */
export type NodeIntegrationsOptions = PostgresNodeOptions;

/**
 * Every node type of this package for an engine in Node.js: `allIntegrations`
 * with the Postgres node's implementation (`createPostgresNode(options)`) in
 * place of its description, so each type is registered once. Each still
 * loads on first use. The credential types are `allIntegrationCredentials`.
 *
 * @example
 * import { allIntegrationCredentials } from '@flowloom/integrations';
 * import { createNodeIntegrations } from '@flowloom/integrations/node';
 * const engine = createNodeEngine({
 *   nodeTypes: [...createNodeIntegrations({ allowPrivateNetworks: true })],
 *   credentialTypes: [...allIntegrationCredentials],
 * });
 */
export function createNodeIntegrations(options: NodeIntegrationsOptions = {}): readonly NodeType[] {
  const postgresNode = createPostgresNode(options);
  return allIntegrations.map((type) => (type === postgres ? postgresNode : type));
}
