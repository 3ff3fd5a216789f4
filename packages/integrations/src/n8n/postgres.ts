// n8n's Postgres node (version 1, and versions 2 to 2.6) as Flowloom's Postgres node.
import { compact, type MapContext, type NodeMapping } from '@flowloom/engine/n8n';
import { locator, resourceMapper, slotFor } from './n8n-parameters.js';

const TYPE = 'integrations.postgres';
const RESOLVABLE = /\{\{[\s\S]*?\}\}/g;
const BATCHING = { multiple: 'single', independently: 'independently', transaction: 'transaction' } as const;

/** A comma list of column names written as fixed text (`*` for all gives none). */
function columnList(ctx: MapContext, path: string): string[] | undefined {
  const raw = ctx.literal<string>(path, 'string', '');
  const names = raw
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (names.some((c) => c.includes(':'))) ctx.fail(path, "casting a column with 'name:type' has no Flowloom equivalent");
  return names.length === 0 || names.includes('*') ? undefined : names;
}

/**
 * `options.queryReplacement`: text is split at commas by the node, as n8n does. An expression gives a list with
 * one value per `{{ }}` (from version 2.5), or per comma-separated part (before), as n8n evaluates them.
 */
function queryParameters(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw)) return ctx.value(path);
  if (typeof raw !== 'string') ctx.fail(path, 'expected text or a list of values');
  if (!raw.startsWith('=')) return ctx.value(path);
  const body = raw.replace(/^=+/, '');
  const one = (part: string) => (part.match(RESOLVABLE) ?? []).map((r) => ctx.convert(`=${r}`, path));
  if (ctx.version >= 2.5) {
    const resolvables = one(body);
    return resolvables.length > 0 ? resolvables : ctx.convert(body, path);
  }
  return body
    .split(',')
    .filter((part) => part !== '')
    .map((part) => part.trim())
    .flatMap((part) => (/\{\{[\s\S]*?\}\}/.test(part) ? one(part) : [ctx.convert(part, path)]));
}

function batching(ctx: MapContext, path: string, fallback: 'single' | 'multiple'): string {
  const mode = ctx.choice(path, ['single', 'multiple', 'independently', 'transaction'], fallback);
  return mode === 'single' ? 'single' : BATCHING[mode];
}

function mapV1(ctx: MapContext): Record<string, unknown> {
  const operation = ctx.choice('operation', ['executeQuery', 'insert', 'update'], 'insert');
  const queryBatching = batching(ctx, 'additionalFields.mode', 'multiple');
  if (operation === 'executeQuery') {
    ctx.ignore('schema', 'table', 'columns', 'returnFields', 'updateKey');
    const names = ctx.literal<string>('additionalFields.queryParams', 'string', '');
    const fields = names
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
    return {
      operation,
      query: ctx.value('query', ''),
      // Version 1 names the item's fields whose values are $1, $2...
      queryParameters:
        fields.length > 0
          ? fields.map((f) => ctx.convert(`={{ $json[${JSON.stringify(f)}] }}`, 'additionalFields.queryParams'))
          : undefined,
      queryBatching,
    };
  }
  ctx.ignore('query', 'additionalFields.queryParams');
  const columnNames = columnList(ctx, 'columns');
  const base = {
    operation,
    schema: ctx.literal<string>('schema', 'string', 'public'),
    table: ctx.value('table', ''),
    outputColumns: columnList(ctx, 'returnFields'),
    queryBatching,
  };
  if (operation === 'insert') {
    ctx.ignore('updateKey');
    return { ...base, columnNames };
  }
  const keys = columnList(ctx, 'updateKey') ?? ['id'];
  return { ...base, matchingColumns: keys, columnNames: columnNames ? [...new Set([...keys, ...columnNames])] : undefined };
}

/** Versions 2 and 2.1's values: the item's fields, or the columns listed; with the value to match on, for update and upsert. */
function valuesV2(ctx: MapContext, operation: string): Record<string, unknown> {
  const mode = ctx.choice('dataMode', ['autoMapInputData', 'defineBelow'], 'autoMapInputData');
  const matching = operation === 'insert' ? undefined : ctx.literal<string>('columnToMatchOn', 'string', '');
  if (matching === '') ctx.fail('columnToMatchOn', 'a column to match on is required');
  if (mode === 'autoMapInputData') {
    ctx.ignore('valuesToSend', 'valueToMatchOn');
    return compact({ dataMode: 'autoMap', matchingColumns: matching ? [matching] : undefined });
  }
  const columns: Record<string, unknown> = {};
  for (const i of ctx.rows('valuesToSend.values', ['column', 'value'])) {
    const at = `valuesToSend.values[${i}]`;
    columns[String(ctx.literal<string>(`${at}.column`, 'string', ''))] = ctx.value(`${at}.value`, '');
  }
  if (matching) columns[matching] = ctx.value('valueToMatchOn', '');
  return compact({ dataMode: 'define', columns, matchingColumns: matching ? [matching] : undefined });
}

function conditions(ctx: MapContext): Record<string, unknown> {
  const where = ctx.rows('where.values', ['column', 'value']).map((i) => {
    const at = `where.values[${i}]`;
    const condition = ctx.choice(`${at}.condition`, ['equal', '!=', 'LIKE', '>', '<', '>=', '<=', 'IS NULL', 'IS NOT NULL'], 'equal');
    const nullTest = condition === 'IS NULL' || condition === 'IS NOT NULL';
    if (nullTest) ctx.ignore(`${at}.value`);
    return compact({ column: ctx.value(`${at}.column`, ''), condition, value: nullTest ? undefined : ctx.value(`${at}.value`, '') });
  });
  return compact({
    where: where.length > 0 ? where : undefined,
    combineConditions: ctx.choice('combineConditions', ['AND', 'OR'], 'AND'),
  });
}

function outputColumns(ctx: MapContext): string[] | undefined {
  const raw = ctx.list('options.outputColumns');
  if (raw.some((c) => typeof c !== 'string' || c.startsWith('=')))
    ctx.fail('options.outputColumns', 'expected column names written as fixed text');
  return raw.length === 0 || raw.includes('*') ? undefined : (raw as string[]);
}

function mapV2(ctx: MapContext): Record<string, unknown> {
  ctx.onlyDefault('resource', 'database');
  const operation = ctx.choice('operation', ['deleteTable', 'executeQuery', 'insert', 'select', 'update', 'upsert'], 'insert');
  ctx.onlyDefault('options.treatQueryParametersInSingleQuotesAsText', false);
  ctx.ignore('options.delayClosingIdleConnection', 'options.nodeVersion', 'options.operation');
  const timeout = ctx.literal<number>('options.connectionTimeout', 'number', 30);
  const common = compact({
    queryBatching: batching(ctx, 'options.queryBatching', 'single'),
    largeNumbers: ctx.choice('options.largeNumbersOutput', ['text', 'numbers'], 'text'),
    connectionTimeoutMs: timeout > 0 ? Math.round(timeout * 1000) : undefined,
  });
  if (operation === 'executeQuery') {
    ctx.ignore('schema', 'table');
    return compact({
      operation,
      query: ctx.value('query', ''),
      queryParameters: queryParameters(ctx, 'options.queryReplacement'),
      ...common,
    });
  }
  ctx.ignore('options.queryReplacement');
  const at = { schema: locator(ctx, 'schema', ['list', 'name']) ?? 'public', table: locator(ctx, 'table', ['list', 'name']) };
  switch (operation) {
    case 'select':
      return compact({
        operation,
        ...at,
        ...conditions(ctx),
        sort: ctx.rows('sort.values', ['column']).map((i) => ({
          column: ctx.value(`sort.values[${i}].column`, ''),
          direction: ctx.choice(`sort.values[${i}].direction`, ['ASC', 'DESC'], 'ASC'),
        })),
        returnAll: ctx.literal<boolean>('returnAll', 'boolean', false),
        limit: ctx.literal<number>('limit', 'number', 50),
        outputColumns: outputColumns(ctx),
        ...common,
      });
    case 'deleteTable': {
      const command = ctx.choice('deleteCommand', ['truncate', 'delete', 'drop'], 'truncate');
      if (command !== 'delete') ctx.ignore('where', 'combineConditions');
      if (command !== 'truncate') ctx.ignore('restartSequences');
      return compact({
        operation: 'delete',
        ...at,
        deleteCommand: command,
        ...(command === 'delete' ? conditions(ctx) : {}),
        restartSequences: command === 'truncate' ? ctx.literal<boolean>('restartSequences', 'boolean', false) : undefined,
        cascade:
          command === 'delete' ? (ctx.ignore('options.cascade'), undefined) : ctx.literal<boolean>('options.cascade', 'boolean', false),
        ...common,
      });
    }
    default: {
      let values: Record<string, unknown>;
      if (ctx.version >= 2.2) {
        const mapped = resourceMapper(ctx, 'columns');
        values = compact({
          dataMode: mapped.values ? 'define' : 'autoMap',
          columns: mapped.values,
          matchingColumns: operation === 'insert' ? undefined : mapped.matchingColumns,
        });
        if (operation !== 'insert' && mapped.matchingColumns.length === 0)
          ctx.fail('columns.matchingColumns', 'a column to match on is required');
      } else values = valuesV2(ctx, operation);
      return compact({
        operation,
        ...at,
        ...values,
        outputColumns: outputColumns(ctx),
        skipOnConflict: operation === 'insert' ? ctx.literal<boolean>('options.skipOnConflict', 'boolean', false) || undefined : undefined,
        replaceEmptyStrings: ctx.literal<boolean>('options.replaceEmptyStrings', 'boolean', false) || undefined,
        ...common,
      });
    }
  }
}

/**
 * Postgres: version 1's execute query, insert and update (columns and return fields as comma lists, the query's
 * values named by item fields), and versions 2 to 2.6's six operations with their options.
 */
export const postgresMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6],
  map(ctx) {
    const parameters = ctx.version < 2 ? mapV1(ctx) : mapV2(ctx);
    return { type: TYPE, parameters, credential: slotFor('postgres') };
  },
};
