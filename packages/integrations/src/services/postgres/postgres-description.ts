// The Postgres node type as every engine knows it: its form, ports and credential slot. Its work needs Node.js
// (a TCP connection through `pg`): postgres-node.ts implements it, for the Node engines given `createPostgresNode()`.
import { defineNode, NodeExecutionError, type NodeType } from '@flowloom/engine';
import { postgresInfo } from './postgres-info.js';
import { postgresProperties } from './postgres-properties.js';

/** The credential slot, named as the credential type. */
export const POSTGRES_SLOT = 'postgres';

/**
 * The description of the Postgres node (`integrations.postgres`), which the
 * catalog's `postgres` loads. On an engine without its implementation it
 * fails saying where it runs: a Node.js engine runs it when given
 * `createNodeIntegrations()` (or `createPostgresNode()`) from
 * `@flowloom/integrations/node`.
 */
export const postgresDescription: NodeType = defineNode({
  type: `integrations.${postgresInfo.id}`,
  version: 1,
  displayName: postgresInfo.displayName,
  description: postgresInfo.description,
  group: 'integration',
  icon: postgresInfo.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: POSTGRES_SLOT, type: POSTGRES_SLOT, required: false }],
  properties: postgresProperties,
  nodeOnly: true,
  execute(ctx) {
    throw new NodeExecutionError(
      `Node '${ctx.node.name}': Postgres runs only in Node.js, on an engine given createNodeIntegrations() or createPostgresNode() from @flowloom/integrations/node; this engine cannot run it.`,
      { code: 'NODE_UNAVAILABLE', retryable: false },
    );
  },
}) as unknown as NodeType;
