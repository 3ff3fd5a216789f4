// The Postgres node's work, for engines in Node.js: it implements the description every engine knows
// (postgres-description.ts), and `createPostgresNode()` (postgres-node-catalog.ts) loads it on first use.
import { implementNode, NodeExecutionError, type NodeContext, type NodeType } from '@flowloom/engine';
import { connect, type PostgresNetworkOptions } from './postgres-connection.js';
import { postgresFields } from './postgres-credentials.js';
import { POSTGRES_SLOT, postgresDescription } from './postgres-description.js';
import type { PostgresParams } from './postgres-properties.js';
import { runStatements } from './postgres-run.js';
import { statementFor, StatementProblem, type Statement } from './postgres-statements.js';

/** Where the Postgres node may connect (`createPostgresNode(options)`, `createNodeIntegrations(options)`). */
export type PostgresNodeOptions = PostgresNetworkOptions;

async function credential(ctx: NodeContext) {
  const parsed = postgresFields.safeParse(await ctx.credentialData(POSTGRES_SLOT));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `field '${issue.path.join('.')}' ` : '';
  throw new NodeExecutionError(
    `Node '${ctx.node.name}': the credential in slot '${POSTGRES_SLOT}' is not a valid Postgres credential: ${where}${issue?.message ?? 'invalid'}.`,
    { code: 'CREDENTIAL_INVALID', retryable: false },
  );
}

async function execute(ctx: NodeContext, options: PostgresNodeOptions) {
  const items = ctx.input();
  const count = Math.max(items.length, 1);
  const params: PostgresParams[] = [];
  const statements: Statement[] = [];
  for (let i = 0; i < count; i++) {
    const p = ctx.params(i) as PostgresParams;
    params.push(p);
    try {
      statements.push(statementFor(p, items[i]?.json ?? {}, i));
    } catch (error) {
      if (!(error instanceof StatementProblem)) throw error;
      throw new NodeExecutionError(`Node '${ctx.node.name}': parameter '${error.parameter}' ${error.problem} (item ${i}).`, {
        code: 'PARAMETER_INVALID',
        retryable: false,
        details: { parameter: error.parameter, itemIndex: i },
      });
    }
  }
  // The connection and the batching are the first item's, as n8n reads them.
  const first = params[0]!;
  const { client, close } = await connect(ctx, await credential(ctx), first, options);
  try {
    return await runStatements(ctx, client, statements, first.queryBatching);
  } finally {
    await close();
  }
}

/**
 * The implementation of the Postgres description, bound to where it may
 * connect. Hosts get it through `createPostgresNode()`
 * (postgres-node-catalog.ts), which loads it, and `pg` with it, on first use.
 */
export function implementPostgresNode(options: PostgresNodeOptions = {}): NodeType {
  return implementNode(postgresDescription, { execute: (ctx) => execute(ctx as NodeContext, options) });
}
