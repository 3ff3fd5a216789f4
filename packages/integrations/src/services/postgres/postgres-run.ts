// Running one activation's statements on a connection: batching, the items each result becomes, and errors that
// name the node, the item and what Postgres said.
import { NodeExecutionError, type Item, type NodeContext } from '@flowloom/engine';
import type pg from 'pg';
import type { PostgresParams } from './postgres-properties.js';
import type { Statement } from './postgres-statements.js';

/** A result value as JSON: times as ISO text, bytes as base64, lists element by element. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

const jsonRow = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]));

/** SQLSTATE classes worth another try: connection trouble, serialization failures and deadlocks, resources, shutdowns. */
const RETRYABLE = /^(08|40|53|57P)/;

interface DatabaseErrorFields {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  severity?: string;
}

/** The error of a statement that failed: Postgres's own message (and detail, hint) with the node and the item. */
export function queryError(ctx: NodeContext, error: unknown, statement: Statement): NodeExecutionError {
  const e = (error instanceof Error ? error : new Error(String(error))) as Error & DatabaseErrorFields;
  const fromServer = typeof e.code === 'string' && e.severity !== undefined;
  const item = `item ${statement.itemIndex}`;
  const message = fromServer
    ? `Postgres refused the query of ${item}: ${e.message}${e.detail ? ` (${e.detail})` : ''}${e.hint ? `. Hint: ${e.hint}` : ''}`
    : `the query of ${item} could not be completed: ${e.message}`;
  return new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, {
    code: 'POSTGRES_QUERY_FAILED',
    retryable: fromServer ? RETRYABLE.test(e.code!) : true,
    details: {
      itemIndex: statement.itemIndex,
      query: statement.text.slice(0, 1000),
      ...(fromServer ? { sqlState: e.code, detail: e.detail, hint: e.hint, position: e.position } : {}),
    },
    cause: error,
  });
}

async function run(client: pg.Client, statement: Statement): Promise<pg.QueryResult[]> {
  // Without values the simple protocol runs the text as it is, several statements included.
  const answer = (await (statement.values.length > 0
    ? client.query({ text: statement.text, values: statement.values })
    : client.query(statement.text))) as pg.QueryResult | pg.QueryResult[];
  return Array.isArray(answer) ? answer : [answer];
}

/**
 * Runs the statements and returns the items, as n8n's query batching does:
 * `single` and `transaction` in one transaction (rolled back on the first
 * error), `independently` one after another, each kept. Rows become items
 * paired with the item whose statement gave them. A statement that gives no
 * row and is not a SELECT gives `{ success: true }`: per statement, or with
 * `single` once for the whole run when no statement gave a row.
 */
export async function runStatements(
  ctx: NodeContext,
  client: pg.Client,
  statements: readonly Statement[],
  batching: PostgresParams['queryBatching'],
): Promise<Item[]> {
  const inTransaction = batching !== 'independently' && statements.length > 1;
  const out: Item[] = [];
  let allSelect = true;
  if (inTransaction) await client.query('BEGIN');
  for (const statement of statements) {
    let results: pg.QueryResult[];
    try {
      results = await run(client, statement);
    } catch (error) {
      if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      throw queryError(ctx, error, statement);
    }
    const rows = results.flatMap((r) => r.rows ?? []);
    const select = results.every((r) => r.command === 'SELECT');
    allSelect &&= select;
    const pairedItem = { item: statement.itemIndex };
    for (const row of rows) out.push({ json: jsonRow(row as Record<string, unknown>), pairedItem });
    if (rows.length === 0 && !select && batching !== 'single') out.push({ json: { success: true }, pairedItem });
  }
  if (inTransaction) {
    try {
      await client.query('COMMIT');
    } catch (error) {
      throw queryError(ctx, error, { text: 'COMMIT', values: [], itemIndex: statements[statements.length - 1]!.itemIndex });
    }
  }
  if (batching === 'single' && out.length === 0 && !allSelect) {
    const paired = statements.map((s) => ({ item: s.itemIndex }));
    out.push({ json: { success: true }, pairedItem: paired.length === 1 ? paired[0]! : paired });
  }
  return out;
}
