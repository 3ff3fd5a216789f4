// n8n's Airtable node (version 1, and versions 2 and 2.1) as Flowloom's Airtable node.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { locator, noOperation, resourceMapper, resourceOperation, slotFor } from './n8n-parameters.js';

const TYPE = 'integrations.airtable';
/** The item's own fields, which n8n writes when every field is sent. */
const ITEM_FIELDS = '{{ $json }}';

function credential(ctx: MapContext): MappedNode['credential'] {
  if (ctx.version >= 2) {
    const auth = ctx.choice('authentication', ['airtableTokenApi', 'airtableOAuth2Api'], 'airtableTokenApi');
    return slotFor(auth);
  }
  const auth = ctx.choice('authentication', ['airtableApi', 'airtableTokenApi', 'airtableOAuth2Api'], 'airtableApi');
  if (auth !== 'airtableApi') return slotFor(auth);
  ctx.warn(
    'authentication',
    'credential-replaced',
    'Airtable no longer takes API keys: the credential becomes a personal access token (Airtable Token), to fill with a new token',
  );
  return slotFor('airtableTokenApi', 'airtableApi');
}

/** The fields of the item named in a comma list, as a JSONata expression over the item. */
function onlyFields(ctx: MapContext, path: string): string {
  const raw = ctx.list(path);
  if (raw.some((f) => typeof f !== 'string' || f.startsWith('='))) ctx.fail(path, 'expected field names written as fixed text');
  const names = JSON.stringify(raw);
  return `{{ $sift($json, function($v, $k) { $k in ${names} }) }}`;
}

/** Version 1's fields: every field of the item, or the ones listed. */
function v1Fields(ctx: MapContext, allPath: string, listPath: string): string {
  const all = ctx.literal<boolean>(allPath, 'boolean', true);
  ctx.onlyDefault('options.ignoreFields');
  if (all) {
    ctx.ignore(listPath);
    return ITEM_FIELDS;
  }
  return onlyFields(ctx, listPath);
}

function listParameters(ctx: MapContext, options: string, fieldsPath: string): Record<string, unknown> {
  const returnAll = ctx.literal<boolean>('returnAll', 'boolean', true);
  const limit = returnAll ? (ctx.ignore('limit'), undefined) : ctx.literal<number>('limit', 'number', 100);
  const sort = ctx.list(`${ctx.version >= 2 ? 'sort' : `${options}.sort`}.property`).map((_, i) => {
    const at = `${ctx.version >= 2 ? 'sort' : `${options}.sort`}.property[${i}]`;
    return { field: ctx.value(`${at}.field`), direction: ctx.choice(`${at}.direction`, ['asc', 'desc'], 'asc') };
  });
  const fields = ctx.raw(fieldsPath);
  return compact({
    resource: 'record',
    operation: 'list',
    filterByFormula: ctx.value(ctx.version >= 2 ? 'filterByFormula' : `${options}.filterByFormula`),
    view: ctx.version >= 2 ? locatorOrText(ctx, `${options}.view`) : ctx.value(`${options}.view`),
    sort: sort.length > 0 ? sort : undefined,
    returnFields: fields === undefined || (Array.isArray(fields) && fields.length === 0) ? undefined : ctx.value(fieldsPath),
    returnAll: returnAll || undefined,
    limit,
  });
}

function locatorOrText(ctx: MapContext, path: string): unknown {
  return ctx.has(path) ? locator(ctx, path, ['list', 'id', 'name']) : undefined;
}

function v1(ctx: MapContext, operation: string): Record<string, unknown> {
  const where = { baseId: locator(ctx, 'application', ['list', 'id']), table: locator(ctx, 'table', ['list', 'id', 'name']) };
  if (operation === 'append') {
    ctx.ignore('options.bulkSize');
    return compact({
      resource: 'record',
      operation: 'create',
      ...where,
      fields: v1Fields(ctx, 'addAllFields', 'fields'),
      typecast: ctx.literal<boolean>('options.typecast', 'boolean'),
    });
  }
  if (operation === 'list') return { ...listParameters(ctx, 'additionalOptions', 'additionalOptions.fields'), ...where };
  if (operation === 'read') return { resource: 'record', operation: 'get', ...where, recordId: ctx.value('id') };
  if (operation === 'delete') {
    ctx.ignore('options.bulkSize');
    return { resource: 'record', operation: 'delete', ...where, recordId: ctx.value('id') };
  }
  if (operation === 'update') {
    ctx.ignore('options.bulkSize');
    return compact({
      resource: 'record',
      operation: 'update',
      ...where,
      recordId: ctx.value('id'),
      fields: v1Fields(ctx, 'updateAllFields', 'fields'),
      typecast: ctx.literal<boolean>('options.typecast', 'boolean'),
    });
  }
  return noOperation(ctx, 'Airtable', 'record', operation);
}

function v2(ctx: MapContext, operation: string): Record<string, unknown> {
  ctx.literal('resource', 'string', 'record');
  const where = { baseId: locator(ctx, 'base', ['list', 'id', 'url']), table: locator(ctx, 'table', ['list', 'id', 'url']) };
  if (typeof where.baseId === 'string' && where.baseId.startsWith('http'))
    ctx.fail('base', 'a base chosen by URL has no Flowloom equivalent; use its ID');
  if (typeof where.table === 'string' && where.table.startsWith('http'))
    ctx.fail('table', 'a table chosen by URL has no Flowloom equivalent; use its ID');
  const typecast = () => ctx.literal<boolean>('options.typecast', 'boolean');
  if (operation === 'search') return { ...listParameters(ctx, 'options', 'options.fields'), ...where };
  if (operation === 'get') {
    ctx.onlyDefault('options.downloadFields');
    return { resource: 'record', operation: 'get', ...where, recordId: ctx.value('id') };
  }
  if (operation === 'deleteRecord') return { resource: 'record', operation: 'delete', ...where, recordId: ctx.value('id') };
  ctx.onlyDefault('options.ignoreFields');
  const columns = resourceMapper(ctx, 'columns');
  const fields = columns.values ?? ITEM_FIELDS;
  if (operation === 'create') return compact({ resource: 'record', operation: 'create', ...where, fields, typecast: typecast() });
  if (operation === 'update') {
    ctx.onlyDefault('options.updateAllMatches', false);
    const match = columns.matchingColumns;
    if (match.length !== 1 || match[0] !== 'id') {
      ctx.fail('columns.matchingColumns', 'updating the records found by other columns than id has no Flowloom equivalent');
    }
    const { id, ...rest } = columns.values ?? {};
    return compact({
      resource: 'record',
      operation: 'update',
      ...where,
      recordId: columns.values ? id : '{{ $json.id }}',
      fields: columns.values ? rest : `{{ $sift($json, function($v, $k) { $k != "id" }) }}`,
      typecast: typecast(),
    });
  }
  if (operation === 'upsert') {
    ctx.onlyDefault('options.updateAllMatches', false);
    if (columns.matchingColumns.length === 0) ctx.fail('columns.matchingColumns', 'expected the columns to match on');
    return compact({
      resource: 'record',
      operation: 'upsert',
      ...where,
      fieldsToMergeOn: columns.matchingColumns,
      fields,
      typecast: typecast(),
    });
  }
  return noOperation(ctx, 'Airtable', 'record', operation);
}

function map(ctx: MapContext): MappedNode {
  const credentialSlot = credential(ctx);
  if (ctx.version >= 2) {
    const { operation } = resourceOperation(ctx, 'record', 'read');
    // n8n's default, 'read', names no operation of version 2: such a node fails when it runs.
    if (operation === 'read') ctx.fail('operation', 'no operation is chosen (n8n\u2019s default, read, is no operation of this version)');
    return { type: TYPE, parameters: v2(ctx, operation), credential: credentialSlot };
  }
  const operation = ctx.literal('operation', 'string', 'read');
  return { type: TYPE, parameters: v1(ctx, operation), credential: credentialSlot };
}

/** n8n's Airtable node: records created, listed or searched, read, updated, upserted and deleted. */
export const airtableMapping: NodeMapping = { versions: [1, 2, 2.1], map };
