import type { MapContext } from '../map-context.js';
import { limitMapping, sortMapping, summarizeMapping } from './data.js';
import { compact, fieldPath, fieldPaths, type MappedNode, type NodeMapping } from './mapping.js';

const OPERATIONS = ['splitOutItems', 'aggregateItems', 'concatenateItems', 'removeDuplicates', 'sort', 'limit', 'summarize'] as const;

/**
 * A list of fields: comma-separated text (version 3 on, as the nodes that
 * replaced Item Lists take it) or rows of `{ fieldName }` under `fields`
 * (versions 1 and 2), as one Flowloom comma-separated list of dot paths.
 */
function fieldList(ctx: MapContext, path: string): string | undefined {
  const raw = ctx.raw(path);
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const rows = ctx.list(`${path}.fields`, []);
    const names = rows.map((_, i) =>
      fieldPath(ctx, `${path}.fields[${i}].fieldName`, ctx.literal<string>(`${path}.fields[${i}].fieldName`, 'string', '')),
    );
    return names.filter((n) => n !== '').join(', ') || undefined;
  }
  return fieldPaths(ctx, path, raw);
}

/** Split Out Items: as the Split Out node. */
function splitOutItems(ctx: MapContext): MappedNode {
  const field = ctx.raw('fieldToSplitOut');
  if (typeof field === 'string' && field.includes('$binary'))
    ctx.fail('fieldToSplitOut', "splitting an item's files has no Flowloom equivalent");
  ctx.onlyDefault('options.disableDotNotation', false);
  ctx.onlyDefault('options.includeBinary', false);
  const included = ctx.choice('include', ['noOtherFields', 'allOtherFields', 'selectedOtherFields'], 'noOtherFields');
  if (included !== 'selectedOtherFields') ctx.ignore('fieldsToInclude');
  return {
    type: 'core.splitOut',
    parameters: compact({
      fieldToSplitOut: fieldPaths(ctx, 'fieldToSplitOut', field) ?? '',
      include: { noOtherFields: 'none', allOtherFields: 'all', selectedOtherFields: 'selected' }[included],
      fieldsToInclude: included === 'selectedOtherFields' ? (fieldList(ctx, 'fieldsToInclude') ?? '') : undefined,
      destinationField: ctx.value('options.destinationFieldName') || undefined,
    }),
  };
}

/** Aggregate Items (versions 1 and 2) or Concatenate Items (version 3): as the Aggregate node. */
function aggregateItems(ctx: MapContext): MappedNode {
  ctx.onlyDefault('options.disableDotNotation', false);
  ctx.onlyDefault('options.keepOnlyUnique', false);
  const includeBinaries = ctx.literal<boolean>('options.includeBinaries', 'boolean', false);
  const mode = ctx.choice('aggregate', ['aggregateIndividualFields', 'aggregateAllItemData'], 'aggregateIndividualFields');
  if (mode === 'aggregateAllItemData') {
    const included = ctx.choice('include', ['allFields', 'specifiedFields', 'allFieldsExcept'], 'allFields');
    const list = included === 'specifiedFields' ? 'fieldsToInclude' : 'fieldsToExclude';
    ctx.ignore('options.mergeLists', 'options.keepMissing', 'fieldsToAggregate');
    if (included === 'allFields') ctx.ignore('fieldsToInclude', 'fieldsToExclude');
    else ctx.ignore(list === 'fieldsToInclude' ? 'fieldsToExclude' : 'fieldsToInclude');
    return {
      type: 'core.aggregate',
      parameters: compact({
        aggregate: 'allItemData',
        destinationField: ctx.value('destinationFieldName', 'data'),
        include: { allFields: 'all', specifiedFields: 'selected', allFieldsExcept: 'except' }[included],
        includeFields: included === 'allFields' ? undefined : (fieldList(ctx, list) ?? ''),
        includeBinaries,
      }),
    };
  }
  ctx.ignore('destinationFieldName', 'include', 'fieldsToInclude', 'fieldsToExclude');
  const rows = ctx.list('fieldsToAggregate.fieldToAggregate', []);
  const fields = rows.map((_, i) => {
    const at = `fieldsToAggregate.fieldToAggregate[${i}]`;
    const renamed = ctx.literal<boolean>(`${at}.renameField`, 'boolean', false);
    const field = fieldPath(ctx, `${at}.fieldToAggregate`, ctx.literal<string>(`${at}.fieldToAggregate`, 'string', ''));
    const renameTo = renamed ? ctx.value(`${at}.outputFieldName`) : (ctx.ignore(`${at}.outputFieldName`), undefined);
    return compact({ field, renameTo });
  });
  return {
    type: 'core.aggregate',
    parameters: {
      aggregate: 'individualFields',
      fields,
      mergeLists: ctx.literal<boolean>('options.mergeLists', 'boolean', false),
      keepMissing: ctx.literal<boolean>('options.keepMissing', 'boolean', false),
      includeBinaries,
    },
  };
}

/** Remove Duplicates: by all fields, all but some, or chosen ones, as the Remove Duplicates node. */
function removeDuplicates(ctx: MapContext): MappedNode {
  ctx.onlyDefault('options.disableDotNotation', false);
  ctx.onlyDefault('options.removeOtherFields', false);
  const compare = ctx.choice('compare', ['allFields', 'allFieldsExcept', 'selectedFields'], 'allFields');
  if (compare === 'allFields') {
    ctx.ignore('fieldsToExclude', 'fieldsToCompare');
    return { type: 'core.removeDuplicates', parameters: { compare } };
  }
  const list = compare === 'allFieldsExcept' ? 'fieldsToExclude' : 'fieldsToCompare';
  ctx.ignore(list === 'fieldsToExclude' ? 'fieldsToCompare' : 'fieldsToExclude');
  return { type: 'core.removeDuplicates', parameters: { compare, fields: fieldList(ctx, list) ?? '' } };
}

/**
 * Item Lists, n8n's older node for list operations (versions 1 to 3.1), which
 * n8n later split into Split Out, Aggregate, Remove Duplicates, Sort, Limit
 * and Summarize: each operation becomes the Flowloom node those map to, with
 * the same parameters. Versions 1 and 2 list fields as rows, version 3 as
 * comma-separated text; both are read. Sorting by code has no equivalent.
 */
export const itemListsMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2, 3, 3.1],
  map(ctx) {
    ctx.choice('resource', ['itemList'], 'itemList');
    const operation = ctx.choice('operation', OPERATIONS, 'splitOutItems');
    switch (operation) {
      case 'splitOutItems':
        return splitOutItems(ctx);
      case 'aggregateItems':
      case 'concatenateItems':
        return aggregateItems(ctx);
      case 'removeDuplicates':
        return removeDuplicates(ctx);
      case 'sort':
        ctx.ignore('code');
        if (ctx.raw('type') === 'code') ctx.fail('type', 'sorting by JavaScript code has no Flowloom equivalent');
        return sortMapping.map(ctx);
      case 'limit':
        return limitMapping.map(ctx);
      case 'summarize':
        return summarizeMapping.map(ctx);
    }
  },
};
