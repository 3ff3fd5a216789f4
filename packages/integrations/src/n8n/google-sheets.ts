// n8n's Google Sheets node (versions 4 to 4.6, its "sheet" operations) as Flowloom's Google Sheets node.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { locator, noOperation, resourceMapper, resourceOperation, slotFor, type ResourceMapperValues } from './n8n-parameters.js';

const TYPE = 'integrations.googlesheets';

function credential(ctx: MapContext): MappedNode['credential'] {
  const auth = ctx.choice('authentication', ['oAuth2', 'serviceAccount'], 'oAuth2');
  return auth === 'oAuth2' ? slotFor('googleSheetsOAuth2Api') : slotFor('googleSheetsServiceAccount', 'googleApi');
}

/**
 * The sheet's name. n8n keeps a sheet picked from its list as the sheet's id (`gid=0`) and its name beside it
 * (`cachedResultName`); Flowloom's node names sheets by title.
 */
export function sheetOf(ctx: MapContext): unknown {
  const raw = ctx.raw('sheetName');
  if (typeof raw !== 'object' || raw === null || !('__rl' in raw)) return ctx.value('sheetName');
  const { mode, cachedResultName } = raw as { mode?: unknown; cachedResultName?: unknown };
  if (mode === 'name') return locator(ctx, 'sheetName', ['name']);
  if (mode === 'list' && typeof cachedResultName === 'string' && cachedResultName !== '') {
    ctx.ignore('sheetName.__rl', 'sheetName.mode', 'sheetName.value', 'sheetName.cachedResultUrl', 'sheetName.cachedResultName');
    return ctx.convertString(cachedResultName, 'sheetName.cachedResultName');
  }
  return ctx.fail(
    'sheetName',
    `a sheet chosen by ${mode === 'list' ? 'id without its name' : String(mode)} has no Flowloom equivalent; name the sheet`,
  );
}

function where(ctx: MapContext): { spreadsheetId: unknown; sheet: unknown; headerRow?: number } {
  const spreadsheetId = locator(ctx, 'documentId', ['list', 'id', 'url']);
  const sheet = sheetOf(ctx);
  const headerRow = ctx.literal<number>('options.locationDefine.values.headerRow', 'number');
  return compact({ spreadsheetId, sheet, headerRow }) as { spreadsheetId: unknown; sheet: unknown; headerRow?: number };
}

/**
 * The columns n8n's automatic mapping writes: the item's fields, but those removed from the mapping's schema (its
 * editor's "remove column"), which become Flowloom's `skipColumns`. Other mappings are read as every node reads them.
 */
function columnsOf(ctx: MapContext): ResourceMapperValues & { skipColumns?: string[] } {
  const schema = ctx.raw('columns.schema');
  const removed =
    ctx.raw('columns.mappingMode') === 'autoMapInputData' && Array.isArray(schema)
      ? schema.filter((c) => typeof c === 'object' && c !== null && (c as { removed?: unknown }).removed === true)
      : [];
  if (removed.length === 0) return resourceMapper(ctx, 'columns');
  const skipColumns = removed.map((c: { id?: unknown }) => c.id);
  if (skipColumns.some((id) => typeof id !== 'string' || id === '')) ctx.fail('columns.schema', 'a removed column has no name');
  ctx.ignore('columns.mappingMode', 'columns.schema', 'columns.value', 'columns.attemptToConvertTypes', 'columns.convertFieldsToString');
  const matching = ctx.raw('columns.matchingColumns') ?? [];
  if (!Array.isArray(matching) || matching.some((c) => typeof c !== 'string')) {
    ctx.fail('columns.matchingColumns', 'expected a list of column names');
  }
  return { values: undefined, matchingColumns: matching as string[], skipColumns: skipColumns as string[] };
}

function write(ctx: MapContext, operation: 'append' | 'update' | 'appendOrUpdate'): Record<string, unknown> {
  const at = where(ctx);
  const columns = columnsOf(ctx);
  const extra = ctx.choice('options.handlingExtraData', ['ignoreIt', 'insertInNewColumn', 'error'], 'ignoreIt');
  const unknownColumns = { ignoreIt: undefined, insertInNewColumn: 'add', error: 'error' }[extra];
  ctx.onlyDefault('options.useAppend', false);
  ctx.onlyDefault('options.cellFormat', 'USER_ENTERED');
  const common = { ...at, rowValues: columns.values, skipColumns: columns.skipColumns, unknownColumns };
  if (operation === 'append') return compact({ resource: 'row', operation: 'append', ...common });
  // The row numbers n8n reads come back as row_number; matching on it is n8n's own row lookup.
  const match = columns.matchingColumns;
  if (match.length !== 1) ctx.fail('columns.matchingColumns', `expected one column to match on, got ${match.length}`);
  return compact({ resource: 'row', operation: operation === 'update' ? 'update' : 'upsert', ...common, matchColumn: match[0] });
}

function read(ctx: MapContext): Record<string, unknown> {
  const at = where(ctx);
  const filters = ctx.rows('filtersUI.values', ['lookupColumn', 'lookupValue']);
  ctx.onlyDefault('options.dataLocationOnSheet');
  ctx.onlyDefault('options.outputFormatting');
  ctx.onlyDefault('combineFilters', 'AND');
  if (filters.length === 0) {
    ctx.ignore('options.returnFirstMatch', 'options.returnAllMatches');
    const { headerRow, ...rest } = at;
    if (headerRow !== undefined && headerRow !== 1)
      ctx.fail(
        'options.locationDefine.values.headerRow',
        'a header row other than the first has no Flowloom equivalent when reading a sheet',
      );
    return { resource: 'range', operation: 'read', ...rest };
  }
  if (filters.length > 1)
    ctx.fail('filtersUI.values', 'more than one filter has no Flowloom equivalent (Flowloom looks rows up by one column)');
  // Since version 4.5 n8n returns every match unless told to return the first; before, the first unless told otherwise.
  const firstOnly =
    ctx.version >= 4.5
      ? ctx.literal<boolean>('options.returnFirstMatch', 'boolean', false)
      : ctx.choice('options.returnAllMatches', ['returnFirstMatch', 'returnAllMatches'], 'returnFirstMatch') === 'returnFirstMatch';
  if (firstOnly) {
    ctx.fail(
      ctx.version >= 4.5 ? 'options.returnFirstMatch' : 'options.returnAllMatches',
      'returning only the first match has no Flowloom equivalent',
    );
  }
  const row = `filtersUI.values[${filters[0]}]`;
  return compact({
    resource: 'row',
    operation: 'lookup',
    ...at,
    matchColumn: ctx.literal<string>(`${row}.lookupColumn`, 'string'),
    matchValue: ctx.value(`${row}.lookupValue`, '', { asText: true }),
  });
}

function clear(ctx: MapContext): Record<string, unknown> {
  const { headerRow: _, ...at } = where(ctx);
  const what = ctx.choice('clear', ['wholeSheet', 'specificRange'], 'wholeSheet');
  ctx.onlyDefault('keepFirstRow', false);
  return compact({ resource: 'range', operation: 'clear', ...at, range: what === 'specificRange' ? ctx.value('range') : undefined });
}

function map(ctx: MapContext): MappedNode {
  const slot = credential(ctx);
  const { resource, operation } = resourceOperation(ctx, 'sheet', 'read');
  if (resource !== 'sheet') noOperation(ctx, 'Google Sheets', resource, operation);
  let parameters: Record<string, unknown>;
  if (operation === 'read') parameters = read(ctx);
  else if (operation === 'append' || operation === 'update' || operation === 'appendOrUpdate') parameters = write(ctx, operation);
  else if (operation === 'clear') parameters = clear(ctx);
  else noOperation(ctx, 'Google Sheets', resource, operation);
  return { type: TYPE, parameters, credential: slot };
}

/** n8n's Google Sheets node (version 4): rows appended, updated, appended or updated, looked up, read; sheets cleared. */
export const googleSheetsMapping: NodeMapping = { versions: [4, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6], map };
