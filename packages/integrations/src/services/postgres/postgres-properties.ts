// The Postgres node's parameters: one schema for every operation, each field shown for the operations that read it.
import { z } from 'zod';

const only = (...operation: string[]) => ({ displayOptions: { show: { operation } } });
const identifier = z.string().trim().min(1, 'must not be empty');

/** A condition of Select and Delete: a column compared with a value (none for IS NULL and IS NOT NULL). */
export const whereCondition = z.object({
  column: identifier.meta({ label: 'Column' }),
  condition: z.enum(['equal', '!=', 'LIKE', '>', '<', '>=', '<=', 'IS NULL', 'IS NOT NULL']).default('equal').meta({ label: 'Condition' }),
  value: z.unknown().optional().meta({ label: 'Value' }),
});

/** The Postgres node's parameters. */
export const postgresProperties = z.object({
  operation: z
    .enum(['executeQuery', 'insert', 'update', 'upsert', 'select', 'delete'])
    .default('executeQuery')
    .meta({
      label: 'Operation',
      options: [
        { value: 'executeQuery', label: 'Execute a SQL query' },
        { value: 'insert', label: 'Insert rows' },
        { value: 'update', label: 'Update rows' },
        { value: 'upsert', label: 'Insert or update rows' },
        { value: 'select', label: 'Select rows' },
        { value: 'delete', label: 'Delete rows, or empty or drop a table' },
      ],
    }),
  query: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .optional()
    .meta({
      label: 'Query',
      editor: 'sql',
      language: 'postgresql',
      placeholder: 'SELECT id, name FROM product WHERE quantity > $1',
      description: 'Refer to the query parameters as $1, $2... rather than writing values into the text.',
      ...only('executeQuery'),
    }),
  queryParameters: z
    .union([z.array(z.unknown()), z.string()])
    .optional()
    .meta({
      label: 'Query parameters',
      description: 'The values of $1, $2...: a list (each entry one value), or text of comma-separated values.',
      ...only('executeQuery'),
    }),
  schema: identifier.default('public').meta({ label: 'Schema', displayOptions: { hide: { operation: ['executeQuery'] } } }),
  table: identifier.optional().meta({ label: 'Table', displayOptions: { hide: { operation: ['executeQuery'] } } }),
  dataMode: z
    .enum(['autoMap', 'define'])
    .default('autoMap')
    .meta({
      label: 'Values from',
      options: [
        { value: 'autoMap', label: "The item's fields, each into the column of its name" },
        { value: 'define', label: 'The columns below' },
      ],
      ...only('insert', 'update', 'upsert'),
    }),
  columns: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ label: 'Columns', description: 'Column name -> value.', ...only('insert', 'update', 'upsert') }),
  columnNames: z
    .array(identifier)
    .optional()
    .meta({
      label: 'Only these fields',
      description: "With values from the item's fields: write only these (all of them when empty).",
      ...only('insert', 'update', 'upsert'),
    }),
  matchingColumns: z
    .array(identifier)
    .default([])
    .meta({
      label: 'Columns to match on',
      description: 'The columns whose values identify the row; Insert or update needs a unique index on them.',
      ...only('update', 'upsert'),
    }),
  deleteCommand: z
    .enum(['delete', 'truncate', 'drop'])
    .default('delete')
    .meta({
      label: 'Command',
      options: [
        { value: 'delete', label: 'Delete the rows that match (all rows without conditions)' },
        { value: 'truncate', label: 'Truncate: empty the table' },
        { value: 'drop', label: 'Drop the table' },
      ],
      ...only('delete'),
    }),
  where: z
    .array(whereCondition)
    .default([])
    .meta({ label: 'Conditions', ...only('select', 'delete') }),
  combineConditions: z
    .enum(['AND', 'OR'])
    .default('AND')
    .meta({ label: 'Combine conditions', ...only('select', 'delete') }),
  sort: z
    .array(z.object({ column: identifier.meta({ label: 'Column' }), direction: z.enum(['ASC', 'DESC']).default('ASC') }))
    .default([])
    .meta({ label: 'Sort', ...only('select') }),
  returnAll: z
    .boolean()
    .default(false)
    .meta({ label: 'Return all', ...only('select') }),
  limit: z
    .number()
    .int()
    .positive()
    .default(50)
    .meta({ label: 'Limit', displayOptions: { show: { operation: ['select'], returnAll: [false] } } }),
  outputColumns: z
    .array(identifier)
    .default([])
    .meta({ label: 'Output columns', description: 'All columns when empty.', ...only('select', 'insert', 'update', 'upsert') }),
  skipOnConflict: z
    .boolean()
    .default(false)
    .meta({ label: 'Skip rows that conflict', description: 'ON CONFLICT DO NOTHING.', ...only('insert') }),
  restartSequences: z
    .boolean()
    .default(false)
    .meta({ label: 'Restart sequences', displayOptions: { show: { operation: ['delete'], deleteCommand: ['truncate'] } } }),
  cascade: z
    .boolean()
    .default(false)
    .meta({ label: 'Cascade', displayOptions: { show: { operation: ['delete'], deleteCommand: ['truncate', 'drop'] } } }),
  queryBatching: z
    .enum(['single', 'independently', 'transaction'])
    .default('single')
    .meta({
      label: 'Query batching',
      options: [
        { value: 'single', label: "Single: every item's statement in one transaction, one result" },
        { value: 'independently', label: 'Independently: each item on its own, earlier ones kept when one fails' },
        { value: 'transaction', label: 'Transaction: every item in one transaction, a result per item' },
      ],
    }),
  replaceEmptyStrings: z
    .boolean()
    .default(false)
    .meta({ label: 'Write empty texts as NULL', ...only('insert', 'update', 'upsert') }),
  largeNumbers: z.enum(['text', 'numbers']).default('text').meta({
    label: 'Big numbers as',
    description: 'bigint and numeric columns as text (exact), or as numbers (may lose digits).',
  }),
  connectionTimeoutMs: z.number().int().positive().default(30_000).meta({ label: 'Connection timeout (ms)' }),
});

/** Parsed Postgres parameters. */
export type PostgresParams = z.output<typeof postgresProperties>;
/** A condition of Select and Delete. */
export type WhereCondition = z.output<typeof whereCondition>;
