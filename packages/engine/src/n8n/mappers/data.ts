import { isExpression, type MapContext } from '../map-context.js';
import { compact, fieldPath, fieldPaths, type NodeMapping } from './mapping.js';

interface SetField {
  name: unknown;
  type: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'expression';
  value: unknown;
}

/** Edit Fields v1 and v2: `values.{boolean,number,string}` set as given; an expression's result keeps its type. */
function setV1(ctx: MapContext): Record<string, unknown> {
  const fields: SetField[] = [];
  for (const type of ['boolean', 'number', 'string'] as const) {
    const list = ctx.list(`values.${type}`, []);
    list.forEach((_, i) => {
      const at = `values.${type}[${i}]`;
      const raw = ctx.raw(`${at}.value`);
      const fallback = type === 'boolean' ? false : type === 'number' ? 0 : '';
      fields.push({
        name: ctx.value(`${at}.name`, 'propertyName'),
        // n8n sets what an expression gives without converting it.
        type: isExpression(raw) ? 'expression' : type,
        value: ctx.value(`${at}.value`, fallback),
      });
    });
  }
  return compact({
    mode: 'manual',
    fields,
    include: ctx.literal<boolean>('keepOnlySet', 'boolean', false) ? 'none' : 'all',
    dotNotation: ctx.literal<boolean>('options.dotNotation', 'boolean', true),
  });
}

const V3_TYPES = {
  stringValue: 'string',
  numberValue: 'number',
  booleanValue: 'boolean',
  arrayValue: 'array',
  objectValue: 'object',
} as const;
/** What a v3.0-3.2 field holds when its value was left at n8n's default. */
const V3_DEFAULTS = { stringValue: '', numberValue: 0, booleanValue: false, arrayValue: [], objectValue: {} } as const;

/** Which other input fields Edit Fields v3 keeps, and the fields named for `selected` / `except`. */
function include(ctx: MapContext, mode: 'all' | 'none' | 'selected' | 'except'): Record<string, unknown> {
  if (mode === 'selected') return { include: mode, includeFields: fieldPaths(ctx, 'includeFields', ctx.raw('includeFields')) ?? '' };
  if (mode === 'except') return { include: mode, includeFields: fieldPaths(ctx, 'excludeFields', ctx.raw('excludeFields')) ?? '' };
  ctx.ignore('includeFields', 'excludeFields');
  return { include: mode };
}

/** Edit Fields v3 and later: `fields.values` (v3.0-3.2) or `assignments` (v3.3+), or raw JSON. */
function setV3(ctx: MapContext): Record<string, unknown> {
  const mode = ctx.choice('mode', ['manual', 'raw'], 'manual');
  const options = {
    dotNotation: ctx.literal<boolean>('options.dotNotation', 'boolean', true),
    ignoreConversionErrors: ctx.literal<boolean>('options.ignoreConversionErrors', 'boolean', false),
    includeBinary: ctx.has('options.stripBinary')
      ? !ctx.literal<boolean>('options.stripBinary', 'boolean', true)
      : ctx.literal<boolean>('options.includeBinary', 'boolean', true),
  };
  ctx.onlyDefault('duplicateItem', false);
  ctx.ignore('duplicateWarning', 'duplicateCount');
  const kept =
    ctx.version >= 3.3
      ? ctx.literal<boolean>('includeOtherFields', 'boolean', false)
        ? include(ctx, ctx.choice('include', ['all', 'selected', 'except'], 'all'))
        : (ctx.ignore('include', 'includeFields', 'excludeFields'), { include: 'none' })
      : include(ctx, ctx.choice('include', ['all', 'none', 'selected', 'except'], 'all'));
  if (mode === 'raw') {
    const raw = ctx.raw('jsonOutput');
    let json: unknown = ctx.value('jsonOutput', '{}');
    if (typeof raw === 'string' && !raw.startsWith('=')) {
      try {
        json = JSON.parse(raw) as unknown;
      } catch {
        ctx.fail('jsonOutput', 'the JSON is not valid');
      }
    }
    return { mode: 'json', json, ...kept, ...options };
  }
  const fields: SetField[] = [];
  if (ctx.version >= 3.3) {
    ctx.rows('assignments.assignments', ['name', 'value']).forEach((i) => {
      const at = `assignments.assignments[${i}]`;
      ctx.ignore(`${at}.id`);
      fields.push({
        name: ctx.value(`${at}.name`, ''),
        type: ctx.choice(`${at}.type`, ['string', 'number', 'boolean', 'array', 'object'], 'string'),
        value: ctx.value(`${at}.value`, ''),
      });
    });
  } else {
    const list = ctx.list('fields.values', []);
    list.forEach((_, i) => {
      const at = `fields.values[${i}]`;
      const typeName = ctx.choice(`${at}.type`, Object.keys(V3_TYPES) as (keyof typeof V3_TYPES)[], 'stringValue');
      for (const other of Object.keys(V3_TYPES)) if (other !== typeName) ctx.ignore(`${at}.${other}`);
      fields.push({
        name: ctx.value(`${at}.name`, ''),
        type: V3_TYPES[typeName],
        value: ctx.value(`${at}.${typeName}`, V3_DEFAULTS[typeName]),
      });
    });
  }
  return { mode: 'manual', fields, ...kept, ...options };
}

/** Edit Fields (Set): every version to `core.set`'s `fields`. */
export const setMapping: NodeMapping = {
  versions: [1, 2, 3, 3.1, 3.2, 3.3, 3.4],
  map: (ctx) => ({ type: 'core.set', parameters: ctx.version < 3 ? setV1(ctx) : setV3(ctx) }),
};

/** Split Out: `fieldToSplitOut`, which other fields to keep, where each element goes. */
export const splitOutMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const field = ctx.raw('fieldToSplitOut');
    if (typeof field === 'string' && field.includes('$binary'))
      ctx.fail('fieldToSplitOut', "splitting an item's files has no Flowloom equivalent");
    ctx.onlyDefault('options.disableDotNotation', false);
    ctx.onlyDefault('options.includeBinary', false);
    const included = ctx.choice('include', ['noOtherFields', 'allOtherFields', 'selectedOtherFields'], 'noOtherFields');
    return {
      type: 'core.splitOut',
      parameters: compact({
        fieldToSplitOut: fieldPaths(ctx, 'fieldToSplitOut', field) ?? '',
        include: { noOtherFields: 'none', allOtherFields: 'all', selectedOtherFields: 'selected' }[included],
        fieldsToInclude: included === 'selectedOtherFields' ? fieldPaths(ctx, 'fieldsToInclude', ctx.raw('fieldsToInclude')) : undefined,
        destinationField: ctx.value('options.destinationFieldName') || undefined,
      }),
    };
  },
};

/** Aggregate: chosen fields into lists, or all item data into one list. */
export const aggregateMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    ctx.onlyDefault('options.disableDotNotation', false);
    ctx.onlyDefault('options.keepOnlyUnique', false);
    const includeBinaries = ctx.literal<boolean>('options.includeBinaries', 'boolean', false);
    const mode = ctx.choice('aggregate', ['aggregateIndividualFields', 'aggregateAllItemData'], 'aggregateIndividualFields');
    if (mode === 'aggregateAllItemData') {
      const included = ctx.choice('include', ['allFields', 'specifiedFields', 'allFieldsExcept'], 'allFields');
      const list = included === 'specifiedFields' ? 'fieldsToInclude' : 'fieldsToExclude';
      ctx.ignore('options.mergeLists', 'options.keepMissing');
      return {
        type: 'core.aggregate',
        parameters: compact({
          aggregate: 'allItemData',
          destinationField: ctx.value('destinationFieldName', 'data'),
          include: { allFields: 'all', specifiedFields: 'selected', allFieldsExcept: 'except' }[included],
          includeFields: included === 'allFields' ? undefined : fieldPaths(ctx, list, ctx.raw(list)),
          includeBinaries,
        }),
      };
    }
    const list = ctx.list('fieldsToAggregate.fieldToAggregate', []);
    const fields = list.map((_, i) => {
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
  },
};

/** Sort by fields (compared as JavaScript compares: text by character code) or at random. */
export const sortMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const type = ctx.choice('type', ['simple', 'random'], 'simple');
    if (type === 'random') return { type: 'core.sort', parameters: { mode: 'random' } };
    const list = ctx.list('sortFieldsUi.sortField', []);
    const fields = list.map((_, i) => {
      const at = `sortFieldsUi.sortField[${i}]`;
      return {
        field: fieldPath(ctx, `${at}.fieldName`, ctx.literal<string>(`${at}.fieldName`, 'string', '')),
        order: ctx.choice(`${at}.order`, ['ascending', 'descending'], 'ascending') === 'ascending' ? 'asc' : 'desc',
      };
    });
    const dotNotation = !ctx.literal<boolean>('options.disableDotNotation', 'boolean', false);
    ctx.warn(
      undefined,
      'sort-missing-values',
      'items without a sort field come last in Flowloom; n8n leaves them where JavaScript comparison puts them',
    );
    return { type: 'core.sort', parameters: { mode: 'fields', fields, textOrder: 'codePoint', dotNotation } };
  },
};

/** Limit: the first or last N items. */
export const limitMapping: NodeMapping = {
  versions: [1],
  map: (ctx) => ({
    type: 'core.limit',
    parameters: {
      maxItems: ctx.value('maxItems', 1),
      keep: ctx.choice('keep', ['firstItems', 'lastItems'], 'firstItems') === 'firstItems' ? 'first' : 'last',
    },
  }),
};

/** Remove Duplicates among the input items (by all fields, all but some, or chosen ones). */
export const removeDuplicatesMapping: NodeMapping = {
  versions: [1, 1.1, 2],
  map(ctx) {
    ctx.choice('operation', ['removeDuplicateInputItems'], 'removeDuplicateInputItems');
    ctx.onlyDefault('options.disableDotNotation', false);
    ctx.onlyDefault('options.removeOtherFields', false);
    const compare = ctx.choice('compare', ['allFields', 'allFieldsExcept', 'selectedFields'], 'allFields');
    const list = compare === 'allFieldsExcept' ? 'fieldsToExclude' : 'fieldsToCompare';
    if (compare !== 'allFields')
      return { type: 'core.removeDuplicates', parameters: { compare, fields: fieldPaths(ctx, list, ctx.raw(list)) ?? '' } };
    ctx.ignore('fieldsToExclude', 'fieldsToCompare');
    return { type: 'core.removeDuplicates', parameters: { compare } };
  },
};

const SEPARATORS: Record<string, string> = { ',': ',', ', ': ', ', '\n': '\n', '': '', ' ': ' ' };

/** Summarize: aggregations per group (`fieldsToSplitBy`). */
export const summarizeMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    ctx.onlyDefault('options.disableDotNotation', false);
    ctx.onlyDefault('options.outputFormat', 'separateItems');
    ctx.onlyDefault('options.skipEmptySplitFields', false);
    const list = ctx.list('fieldsToSummarize.values', [{}]);
    const aggregations = ['count', 'countUnique', 'sum', 'average', 'min', 'max', 'concatenate', 'append'] as const;
    const fieldsToSummarize = list.map((_, i) => {
      const at = `fieldsToSummarize.values[${i}]`;
      const aggregation = ctx.choice(`${at}.aggregation`, aggregations, 'count');
      const field = fieldPath(ctx, `${at}.field`, ctx.literal<string>(`${at}.field`, 'string', ''));
      const entry: Record<string, unknown> = { aggregation, field };
      if (aggregation === 'concatenate') {
        const by = ctx.literal<string>(`${at}.separateBy`, 'string', ',');
        entry.separator = by === 'other' ? ctx.value(`${at}.customSeparator`, '') : SEPARATORS[by];
        if (entry.separator === undefined) ctx.fail(`${at}.separateBy`, `the separator '${by}' is not one n8n offers`);
      } else ctx.ignore(`${at}.separateBy`, `${at}.customSeparator`);
      if (['count', 'countUnique', 'concatenate', 'append'].includes(aggregation)) {
        entry.includeEmpty = ctx.literal<boolean>(`${at}.includeEmpty`, 'boolean', false);
      } else ctx.ignore(`${at}.includeEmpty`);
      return entry;
    });
    return {
      type: 'core.summarize',
      parameters: compact({
        fieldsToSummarize,
        groupBy: fieldPaths(ctx, 'fieldsToSplitBy', ctx.raw('fieldsToSplitBy')),
        continueIfFieldNotFound: ctx.literal<boolean>('options.continueIfFieldNotFound', 'boolean', false),
      }),
    };
  },
};

/** Rename Keys, without regular-expression renaming. */
export const renameKeysMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    ctx.onlyDefault('additionalOptions');
    const list = ctx.list('keys.key', []);
    if (list.length === 0) ctx.fail('keys.key', 'no keys to rename are given');
    const keys = list.map((_, i) => ({
      currentKey: ctx.value(`keys.key[${i}].currentKey`, ''),
      newKey: ctx.value(`keys.key[${i}].newKey`, ''),
    }));
    return { type: 'core.renameKeys', parameters: { keys } };
  },
};

/**
 * TOTP: the current code of the secret in its `totpApi` credential, which
 * fills the `totp` slot. n8n takes a digit count or period of 0 as its
 * default (6 digits, 30 seconds), as Flowloom does when they are left out.
 */
export const totpMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    ctx.choice('operation', ['generateSecret'], 'generateSecret');
    const algorithm = ctx.choice(
      'options.algorithm',
      ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512'],
      'SHA1',
    );
    return {
      type: 'core.totp',
      parameters: compact({
        algorithm: algorithm === 'SHA1' ? undefined : algorithm,
        digits: ctx.value('options.digits') || undefined,
        period: ctx.value('options.period') || undefined,
      }),
      credential: { slot: 'totp', n8nType: 'totpApi' },
    };
  },
};
