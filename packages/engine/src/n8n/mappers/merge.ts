import type { MapContext } from '../map-context.js';
import { fieldPath, type MappedNode, type NodeMapping } from './mapping.js';

/** How many inputs a Flowloom Merge may have. */
const MAX_INPUTS = 10;

/** n8n's input index `i` is the port `input<i + 1>`. */
const inputs = (i: number) => (i >= 0 && i < MAX_INPUTS ? `input${i + 1}` : undefined);

function merge(parameters: Record<string, unknown>, numberInputs = 2): MappedNode {
  return { type: 'core.merge', parameters: numberInputs === 2 ? parameters : { numberInputs, ...parameters }, input: inputs };
}

/** The modes of Merge v1 that match items by a key field. */
const KEY_MODES = ['mergeByKey', 'keepKeyMatches', 'removeKeyMatches'] as const;

/**
 * Merge v1's Merge by Key, Keep Key Matches and Remove Key Matches: keys
 * compared as text (a number matches its text); an item of input 1 whose key
 * is missing, true/false, a list or an object matches nothing, and an item of
 * input 2 whose key is empty ('', 0, false, null) matches nothing. Merge by
 * Key outputs every item of input 1 that has a key, with the fields of the
 * last item of input 2 that matches it (not input 2's key field) written over
 * its own as `overwrite` says; Keep Key Matches the items of input 1 that
 * match, Remove Key Matches the others, as they are.
 */
function mergeByKeyV1(ctx: MapContext, mode: (typeof KEY_MODES)[number]): MappedNode {
  const name1 = ctx.literal<string>('propertyName1', 'string', '');
  const name2 = ctx.literal<string>('propertyName2', 'string', '');
  if (mode !== 'mergeByKey') ctx.ignore('overwrite');
  if (name1 === '' || name2 === '') {
    // n8n passes input 1's items on unchanged without both key names (Keep Key Matches outputs nothing).
    if (mode === 'keepKeyMatches') ctx.fail(name1 === '' ? 'propertyName1' : 'propertyName2', 'the key field is not given');
    ctx.ignore('overwrite');
    return merge({ mode: 'chooseBranch', output: 'input1' });
  }
  const fields = [{ field1: fieldPath(ctx, 'propertyName1', name1), field2: fieldPath(ctx, 'propertyName2', name2) }];
  if (mode === 'keepKeyMatches')
    return merge({ mode: 'combineByFields', fields, joinMode: 'inner', outputDataFrom: 'input1', textKeys: true });
  if (mode === 'removeKeyMatches') {
    return merge({ mode: 'combineByFields', fields, joinMode: 'nonMatches', outputDataFrom: 'input1', textKeys: true });
  }
  const overwrite = ctx.choice('overwrite', ['always', 'blank', 'undefined'], 'always');
  return merge({
    mode: 'combineByFields',
    fields,
    joinMode: 'left',
    multipleMatches: 'last',
    textKeys: true,
    omitMatchFields: true,
    clashHandling: overwrite === 'always' ? 'preferInput2' : 'preferInput1',
    ...(overwrite === 'blank' ? { overrideEmpty: true } : {}),
  });
}

/** Merge v1: append, all combinations, one input's items, by position, or by a key field. */
function mergeV1(ctx: MapContext): MappedNode {
  if (ctx.raw('mode') === 'mergeByPropertyName') {
    ctx.fail('mode', "'mergeByPropertyName' is not a mode of n8n's Merge version 1 (n8n outputs no item for it)");
  }
  const mode = ctx.choice('mode', ['append', 'multiplex', 'passThrough', 'wait', 'mergeByIndex', ...KEY_MODES], 'append');
  switch (mode) {
    case 'append':
      return merge({ mode: 'append' });
    case 'multiplex':
      return merge({ mode: 'combineAll', clashHandling: 'preferInput2' });
    case 'passThrough':
      return merge({ mode: 'chooseBranch', output: ctx.choice('output', ['input1', 'input2'], 'input1') });
    case 'wait':
      return merge({ mode: 'chooseBranch', output: 'empty' });
    case 'mergeByIndex': {
      // As many items as input 1 has (left, n8n's default), as the shorter input (inner) or the longer (outer);
      // an item without a partner is passed on as it is.
      const join = ctx.choice('join', ['left', 'inner', 'outer'], 'left');
      return merge({
        mode: 'combineByPosition',
        includeUnpaired: join !== 'inner',
        ...(join === 'left' ? { unpairedFrom: 'input1' } : {}),
        clashHandling: 'preferInput2',
      });
    }
    default:
      return mergeByKeyV1(ctx, mode);
  }
}

/** The clash options of a combining merge (v2 and later). */
function clashOf(ctx: MapContext): 'preferInput1' | 'preferInput2' {
  const at = 'options.clashHandling.values';
  const resolve = ctx.choice(`${at}.resolveClash`, ['preferInput1', 'preferInput2', 'preferLast'], 'preferInput2');
  const mode = ctx.choice(`${at}.mergeMode`, ['deepMerge', 'shallowMerge'], 'deepMerge');
  ctx.onlyDefault(`${at}.overrideEmpty`, false);
  if (mode === 'deepMerge') {
    ctx.warn(
      `${at}.mergeMode`,
      'merge-nested',
      'n8n merges nested objects of fields both inputs have; Flowloom keeps the preferred input’s whole value',
    );
  }
  return resolve === 'preferInput1' ? 'preferInput1' : 'preferInput2';
}

/** Pairs of fields to match: `fieldsToMatchString` (same name on both sides) or `mergeByFields.values`. */
function fieldPairs(ctx: MapContext, advanced: boolean): { field1: string; field2: string }[] {
  if (!advanced) {
    const text = ctx.literal<string>('fieldsToMatchString', 'string', '');
    return text
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '')
      .map((f) => {
        const path = fieldPath(ctx, 'fieldsToMatchString', f);
        return { field1: path, field2: path };
      });
  }
  const list = ctx.list('mergeByFields.values', []);
  return list.map((_, i) => ({
    field1: fieldPath(ctx, `mergeByFields.values[${i}].field1`, ctx.literal<string>(`mergeByFields.values[${i}].field1`, 'string', '')),
    field2: fieldPath(ctx, `mergeByFields.values[${i}].field2`, ctx.literal<string>(`mergeByFields.values[${i}].field2`, 'string', '')),
  }));
}

const JOINS = {
  keepMatches: 'inner',
  keepNonMatches: 'nonMatches',
  enrichInput1: 'left',
  enrichInput2: 'right',
  keepEverything: 'outer',
} as const;

/**
 * Merge v2 and v3: append, combine (by fields, by position, all combinations) or choose a branch.
 * Combining by fields keeps n8n's output types: Keep Matches, Keep Non-Matches (with its
 * `outputDataFrom`: both inputs, each item marked with `_source`, or one input's), Enrich
 * Input 1 or 2, Keep Everything.
 */
function mergeV2(ctx: MapContext): MappedNode {
  const n = ctx.literal<number>('numberInputs', 'number', 2);
  if (!Number.isInteger(n) || n < 2 || n > MAX_INPUTS) ctx.fail('numberInputs', `${n} inputs; a Flowloom Merge has 2 to ${MAX_INPUTS}`);
  const mode = ctx.choice('mode', ['append', 'combine', 'chooseBranch'], 'append');
  if (mode === 'append') return merge({ mode: 'append' }, n);
  if (mode === 'chooseBranch') {
    ctx.ignore('chooseBranchMode');
    if (ctx.version >= 3) {
      const output = ctx.choice('output', ['specifiedInput', 'empty'], 'specifiedInput');
      if (output === 'empty') return merge({ mode: 'chooseBranch', output: 'empty' }, n);
      const input = ctx.literal<number>('useDataOfInput', 'number', 1);
      if (!Number.isInteger(input) || input < 1 || input > n)
        ctx.fail('useDataOfInput', `input ${input} is not one of the Merge's ${n} inputs`);
      return merge({ mode: 'chooseBranch', output: `input${input}` }, n);
    }
    return merge({ mode: 'chooseBranch', output: ctx.choice('output', ['input1', 'input2', 'empty'], 'input1') });
  }
  const by =
    ctx.version >= 3
      ? ctx.choice('combineBy', ['combineByFields', 'combineByPosition', 'combineAll'], 'combineByFields')
      : ({ mergeByFields: 'combineByFields', mergeByPosition: 'combineByPosition', multiplex: 'combineAll' } as const)[
          ctx.choice('combinationMode', ['mergeByFields', 'mergeByPosition', 'multiplex'], 'mergeByFields')
        ];
  if (by === 'combineByPosition') {
    return merge(
      {
        mode: 'combineByPosition',
        clashHandling: clashOf(ctx),
        includeUnpaired: ctx.literal<boolean>('options.includeUnpaired', 'boolean', false),
      },
      n,
    );
  }
  if (n !== 2) ctx.fail('numberInputs', `${n} inputs; Flowloom's ${by} takes two, as n8n's does`);
  if (by === 'combineAll') return merge({ mode: 'combineAll', clashHandling: clashOf(ctx) });
  ctx.onlyDefault('options.disableDotNotation', false);
  const joinMode = ctx.choice(
    'joinMode',
    ['keepMatches', 'keepNonMatches', 'enrichInput1', 'enrichInput2', 'keepEverything'],
    'keepMatches',
  );
  // Keep Matches and Keep Non-Matches output both inputs' items or one input's; the other modes always both.
  const outputDataFrom =
    joinMode === 'keepMatches' || joinMode === 'keepNonMatches'
      ? ctx.choice('outputDataFrom', ['both', 'input1', 'input2'], 'both')
      : 'both';
  if (joinMode !== 'keepMatches' && joinMode !== 'keepNonMatches') ctx.ignore('outputDataFrom');
  // Items are merged (and field names can clash) unless the output is one input's items as they are.
  const merges = joinMode !== 'keepNonMatches' && outputDataFrom === 'both';
  if (!merges) ctx.ignore('options.clashHandling');
  const advanced = ctx.version >= 3 ? ctx.literal<boolean>('advanced', 'boolean', false) : true;
  const fields = fieldPairs(ctx, advanced);
  if (fields.length === 0) ctx.fail(advanced ? 'mergeByFields' : 'fieldsToMatchString', 'no fields to match are given');
  return merge({
    mode: 'combineByFields',
    fields,
    joinMode: JOINS[joinMode],
    ...(outputDataFrom === 'both' ? {} : { outputDataFrom }),
    multipleMatches: ctx.choice('options.multipleMatches', ['all', 'first'], 'all'),
    fuzzyCompare: ctx.literal<boolean>('options.fuzzyCompare', 'boolean', false),
    ...(merges ? { clashHandling: clashOf(ctx) } : {}),
  });
}

/** Merge: `input1`, `input2`... (up to ten with n8n's `numberInputs`). */
export const mergeMapping: NodeMapping = {
  versions: [1, 2, 2.1, 3, 3.1],
  map: (ctx) => (ctx.version < 2 ? mergeV1(ctx) : mergeV2(ctx)),
};
