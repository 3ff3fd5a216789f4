// The SQL each operation sends for one item: text with $1, $2... placeholders and the values apart, identifiers
// quoted. Pure functions, so the statements can be read and tested without a server.
import type { PostgresParams, WhereCondition } from './postgres-properties.js';

/** One statement for one item. */
export interface Statement {
  text: string;
  values: unknown[];
  itemIndex: number;
}

/** A problem with a parameter's value, found while writing the statement. */
export class StatementProblem {
  constructor(
    readonly parameter: string,
    readonly problem: string,
  ) {}
}

/** An identifier in double quotes, quotes inside doubled: any name is safe to write into SQL. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const tableOf = (p: PostgresParams) => {
  if (!p.table) throw new StatementProblem('table', 'is required for this operation');
  return `${ident(p.schema)}.${ident(p.table)}`;
};

/** Values are numbered in the order they are added. */
class Values {
  readonly list: unknown[] = [];
  add(value: unknown): string {
    this.list.push(value === undefined ? null : value);
    return `$${this.list.length}`;
  }
}

/**
 * The query parameters: a list as it is, text split at commas (each part
 * trimmed, empty parts left out), as n8n reads its "Query Parameters" text.
 */
export function queryParameterValues(given: PostgresParams['queryParameters']): unknown[] {
  if (given === undefined) return [];
  if (Array.isArray(given)) return given;
  return given
    .split(',')
    .filter((part) => part !== '')
    .map((part) => part.trim());
}

/** Column -> value for an item: the chosen columns, or the item's fields. */
export function rowValues(p: PostgresParams, json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let row: Record<string, unknown>;
  if (p.dataMode === 'define') row = { ...p.columns };
  else if (p.columnNames && p.columnNames.length > 0) row = Object.fromEntries(p.columnNames.map((c) => [c, json[c] ?? null]));
  else row = { ...json };
  if (p.replaceEmptyStrings) for (const [k, v] of Object.entries(row)) if (v === '') row[k] = null;
  return row;
}

const returning = (p: PostgresParams) => ` RETURNING ${p.outputColumns.length > 0 ? p.outputColumns.map(ident).join(', ') : '*'}`;

function whereClause(p: PostgresParams, values: Values): string {
  if (p.where.length === 0) return '';
  const parts = p.where.map((w: WhereCondition, i) => {
    if (w.condition === 'IS NULL' || w.condition === 'IS NOT NULL') return `${ident(w.column)} ${w.condition}`;
    let value = w.value;
    if (['>', '<', '>=', '<='].includes(w.condition)) {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (Number.isNaN(n)) {
        throw new StatementProblem(
          `where.${i}.value`,
          `compares with '${w.condition}', which needs a number, got ${JSON.stringify(value)}`,
        );
      }
      value = n;
    }
    return `${ident(w.column)} ${w.condition === 'equal' ? '=' : w.condition} ${values.add(value)}`;
  });
  return ` WHERE ${parts.join(` ${p.combineConditions} `)}`;
}

function insert(p: PostgresParams, row: Record<string, unknown>): [string, unknown[]] {
  const values = new Values();
  const columns = Object.keys(row);
  const into =
    columns.length === 0
      ? ' DEFAULT VALUES'
      : ` (${columns.map(ident).join(', ')}) VALUES (${columns.map((c) => values.add(row[c])).join(', ')})`;
  let text = `INSERT INTO ${tableOf(p)}${into}`;
  if (p.operation === 'upsert') {
    if (p.matchingColumns.length === 0) throw new StatementProblem('matchingColumns', 'needs at least one column to match on');
    const updated = columns.filter((c) => !p.matchingColumns.includes(c));
    const set = updated.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ');
    text += ` ON CONFLICT (${p.matchingColumns.map(ident).join(', ')}) ${updated.length > 0 ? `DO UPDATE SET ${set}` : 'DO NOTHING'}`;
  } else if (p.skipOnConflict) text += ' ON CONFLICT DO NOTHING';
  return [text + returning(p), values.list];
}

function update(p: PostgresParams, row: Record<string, unknown>): [string, unknown[]] {
  if (p.matchingColumns.length === 0) throw new StatementProblem('matchingColumns', 'needs at least one column to match on');
  const missing = p.matchingColumns.find((c) => !(c in row));
  if (missing !== undefined) throw new StatementProblem('matchingColumns', `names '${missing}', which has no value to match on`);
  const set = Object.keys(row).filter((c) => !p.matchingColumns.includes(c));
  if (set.length === 0) throw new StatementProblem('columns', 'gives no column to update besides the columns to match on');
  const values = new Values();
  const assignments = set.map((c) => `${ident(c)} = ${values.add(row[c])}`).join(', ');
  const match = p.matchingColumns.map((c) => `${ident(c)} = ${values.add(row[c])}`).join(' AND ');
  return [`UPDATE ${tableOf(p)} SET ${assignments} WHERE ${match}${returning(p)}`, values.list];
}

function select(p: PostgresParams): [string, unknown[]] {
  const values = new Values();
  const columns = p.outputColumns.length > 0 ? p.outputColumns.map(ident).join(', ') : '*';
  let text = `SELECT ${columns} FROM ${tableOf(p)}${whereClause(p, values)}`;
  if (p.sort.length > 0) text += ` ORDER BY ${p.sort.map((s) => `${ident(s.column)} ${s.direction}`).join(', ')}`;
  if (!p.returnAll) text += ` LIMIT ${p.limit}`;
  return [text, values.list];
}

function remove(p: PostgresParams): [string, unknown[]] {
  const table = tableOf(p);
  if (p.deleteCommand === 'truncate') {
    return [`TRUNCATE TABLE ${table}${p.restartSequences ? ' RESTART IDENTITY' : ''}${p.cascade ? ' CASCADE' : ''}`, []];
  }
  if (p.deleteCommand === 'drop') return [`DROP TABLE IF EXISTS ${table}${p.cascade ? ' CASCADE' : ''}`, []];
  const values = new Values();
  return [`DELETE FROM ${table}${whereClause(p, values)}`, values.list];
}

/** The statement of one item's parameters and fields; throws a `StatementProblem` for a bad parameter. */
export function statementFor(p: PostgresParams, json: Readonly<Record<string, unknown>>, itemIndex: number): Statement {
  let built: [string, unknown[]];
  switch (p.operation) {
    case 'executeQuery':
      if (!p.query) throw new StatementProblem('query', 'is required to execute a query');
      built = [p.query, queryParameterValues(p.queryParameters)];
      break;
    case 'insert':
    case 'upsert':
      built = insert(p, rowValues(p, json));
      break;
    case 'update':
      built = update(p, rowValues(p, json));
      break;
    case 'select':
      built = select(p);
      break;
    case 'delete':
      built = remove(p);
      break;
  }
  return { text: built[0], values: built[1], itemIndex };
}
