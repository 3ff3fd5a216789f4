import type { Item } from '../../model/item.js';
import { getPath } from '../data/shared/field-path.js';
import { stableKey } from '../data/shared/stable-key.js';
import { copyJson } from '../data/shared/copy-json.js';

/** Which items a join by matching fields keeps: `nonMatches` keeps the items of either input that match none of the other. */
export type JoinMode = 'inner' | 'left' | 'right' | 'outer' | 'nonMatches';

/**
 * Which input's items an `inner` or `nonMatches` join outputs: `both` (inner:
 * each match merged into one item; nonMatches: input 1's, then input 2's, each
 * with a `_source` field naming its input), or only `input1`'s or `input2`'s,
 * as they are.
 */
export type OutputDataFrom = 'both' | 'input1' | 'input2';

/** How the fields of two matched items are combined when both have the same key. */
export type ClashHandling = 'preferInput1' | 'preferInput2';

/** One pair of fields whose values must be equal for two items to match. */
export interface FieldPair {
  field1: string;
  field2: string;
}

/** Options of a join by matching fields. */
export interface JoinOptions {
  pairs: readonly FieldPair[];
  mode: JoinMode;
  clash: ClashHandling;
  /** Every match of an item, only its first, or only its last. */
  multipleMatches: 'all' | 'first' | 'last';
  /** Compare values as text, so 1 matches "1". */
  fuzzyCompare: boolean;
  /** For `inner` and `nonMatches`: which input's items to output (default `both`). */
  outputDataFrom?: OutputDataFrom;
  /** Under `preferInput1`: a field input 1 lacks, or holds null or empty text in, takes input 2's value. */
  overrideEmpty?: boolean;
  /** Input 2's fields to match (top-level names) are not copied into the combined item. */
  omitMatchFields?: boolean;
  /**
   * Keys compared as text, of single values only: an item of input 1 whose
   * field is missing or holds true/false, a list or an object matches nothing,
   * and a `left` join leaves it out; an item of input 2 whose field is empty
   * (missing, '', 0, false or null) matches nothing.
   */
  textKeys?: boolean;
}

/** How two matched items are combined: which input wins a clash, and what is copied. */
export interface CombineOptions {
  clash: ClashHandling;
  overrideEmpty?: boolean;
  /** Top-level fields of input 2 left out. */
  omit?: readonly string[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** Combines two items into a new one; neither input item is changed. */
export function combineItems(a: Item, ai: number, b: Item, bi: number, options: ClashHandling | CombineOptions): Item {
  const { clash, overrideEmpty = false, omit = [] } = typeof options === 'string' ? { clash: options } : options;
  let json: Record<string, unknown>;
  if (omit.length === 0 && !overrideEmpty) {
    json = clash === 'preferInput2' ? Object.assign(copyJson(a.json), b.json) : Object.assign(copyJson(b.json), a.json);
  } else {
    // Input 1's fields in their order, then input 2's new ones.
    json = copyJson(a.json);
    for (const key in b.json) {
      if (!Object.hasOwn(b.json, key) || omit.includes(key)) continue;
      const wins = clash === 'preferInput2' || !Object.hasOwn(json, key) || (overrideEmpty && isEmpty(json[key]));
      if (wins) json[key] = b.json[key];
    }
  }
  const out: Item = {
    json,
    pairedItem: [
      { item: ai, input: 0 },
      { item: bi, input: 1 },
    ],
  };
  if (a.binary || b.binary) out.binary = clash === 'preferInput2' ? { ...a.binary, ...b.binary } : { ...b.binary, ...a.binary };
  return out;
}

/**
 * Under `textKeys`: the text of a value that can match, or undefined. Input
 * 1's value must be text, a number or null (null as 'null'); input 2's must
 * not be empty ('', 0, false, null).
 */
function textKey(v: unknown, input: 0 | 1): string | undefined {
  if (input === 0) {
    if (v === null) return 'null';
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  }
  return v === undefined || v === null || v === '' || v === 0 || v === false ? undefined : String(v);
}

/** The item's key for the fields, or undefined when it can match nothing (a field is missing; null too when comparing as text). */
function keyOf(item: Item, fields: readonly string[], fuzzy: boolean, text?: 0 | 1): string | undefined {
  let key = '';
  for (const field of fields) {
    const v = getPath(item.json, field);
    if (text !== undefined) {
      const k = textKey(v, text);
      if (k === undefined) return undefined;
      key += `${JSON.stringify(k)}\u0000`;
      continue;
    }
    // As n8n: a missing field matches nothing, and a strict comparison finds null equal to null.
    if (v === undefined || (v === null && fuzzy)) return undefined;
    key += `${fuzzy ? JSON.stringify(typeof v === 'object' ? stableKey(v) : String(v)) : stableKey(v)}\u0000`;
  }
  return key;
}

function passThrough(item: Item, index: number, input: number): Item {
  return { ...item, pairedItem: { item: index, input } };
}

/** An item that matched nothing, marked with the input it came from (`_source`, after its own fields). */
function withSource(item: Item, index: number, input: number): Item {
  return { ...item, json: { ...item.json, _source: `input${input + 1}` }, pairedItem: { item: index, input } };
}

/**
 * `nonMatches` when an input is empty, as n8n does it: nothing when the input
 * asked for is the empty one; otherwise every item there is, as it is (no
 * `_source`, even for `both`).
 */
function nonMatchesOfEmpty(input1: readonly Item[], input2: readonly Item[], from: OutputDataFrom): Item[] {
  if ((from === 'input1' && input1.length === 0) || (from === 'input2' && input2.length === 0)) return [];
  return [...input1.map((a, i) => passThrough(a, i, 0)), ...input2.map((b, j) => passThrough(b, j, 1))];
}

/**
 * Joins two lists of items on equal field values (a hash join: linear in the
 * inputs and the matches). Output order: input 1's order (each item's matches
 * in input 2's order), then the unmatched items of input 2; `inner` with
 * `input2` keeps input 2's order.
 */
export function joinByFields(input1: readonly Item[], input2: readonly Item[], o: JoinOptions): Item[] {
  const from = o.outputDataFrom ?? 'both';
  if (o.mode === 'nonMatches' && (input1.length === 0 || input2.length === 0)) return nonMatchesOfEmpty(input1, input2, from);
  const fields1 = o.pairs.map((p) => p.field1);
  const fields2 = o.pairs.map((p) => p.field2);
  const text = o.textKeys === true;
  const combine: CombineOptions = { clash: o.clash, overrideEmpty: o.overrideEmpty, omit: o.omitMatchFields ? fields2 : [] };
  const index = new Map<string, number[]>();
  input2.forEach((item, j) => {
    const key = keyOf(item, fields2, o.fuzzyCompare, text ? 1 : undefined);
    if (key === undefined) return;
    const list = index.get(key);
    if (list) list.push(j);
    else index.set(key, [j]);
  });
  const used2 = new Uint8Array(input2.length);
  const out: Item[] = [];
  const nonMatches = o.mode === 'nonMatches';
  input1.forEach((a, i) => {
    const key = keyOf(a, fields1, o.fuzzyCompare, text ? 0 : undefined);
    const matches = key === undefined ? undefined : index.get(key);
    if (!matches) {
      if (o.mode === 'left' && text && key === undefined) return;
      if (o.mode === 'left' || o.mode === 'outer' || (nonMatches && from === 'input1')) out.push(passThrough(a, i, 0));
      else if (nonMatches && from === 'both') out.push(withSource(a, i, 0));
      return;
    }
    const chosen = o.multipleMatches === 'first' ? matches.slice(0, 1) : o.multipleMatches === 'last' ? matches.slice(-1) : matches;
    for (const j of chosen) used2[j] = 1;
    if (nonMatches || (o.mode === 'inner' && from === 'input2')) return;
    // Only input 1's side: each matching item once, as it is.
    if (o.mode === 'inner' && from === 'input1') out.push(passThrough(a, i, 0));
    else for (const j of chosen) out.push(combineItems(a, i, input2[j]!, j, combine));
  });
  if (o.mode === 'inner' && from === 'input2') {
    input2.forEach((b, j) => {
      if (used2[j]) out.push(passThrough(b, j, 1));
    });
  }
  if (o.mode === 'right' || o.mode === 'outer' || (nonMatches && from !== 'input1')) {
    input2.forEach((b, j) => {
      if (!used2[j]) out.push(nonMatches && from === 'both' ? withSource(b, j, 1) : passThrough(b, j, 1));
    });
  }
  return out;
}
