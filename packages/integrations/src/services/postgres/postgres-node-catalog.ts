// The Postgres node for engines in Node.js, as the catalog lists it: the catalog's stand-in, loading the
// implementation (and with it `pg`) when a workflow first uses it.
import type { NodeType } from '@flowloom/engine';
import { postgresStandIn } from './postgres-catalog.js';
import type { PostgresNodeOptions } from './postgres-node.js';

/**
 * The Postgres node for an engine in Node.js, in place of the catalog's
 * `postgres` (which only describes it): the same stand-in, whose work loads
 * on first use. It connects once per activation with the credential in slot
 * `postgres`, to public addresses only unless `allowPrivateNetworks` is set.
 * `createNodeIntegrations()` lists it among the other services.
 *
 * @example
 * import { postgresCredential, slack, slackBotToken } from '@flowloom/integrations';
 * import { createPostgresNode } from '@flowloom/integrations/node';
 * const engine = createNodeEngine({
 *   nodeTypes: [slack, createPostgresNode({ allowPrivateNetworks: true })],
 *   credentialTypes: [slackBotToken, postgresCredential],
 * });
 */
export function createPostgresNode(options: PostgresNodeOptions = {}): NodeType {
  return postgresStandIn(async () => (await import('./postgres-node.js')).implementPostgresNode(options));
}
