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
  /** Every match of an item, or only its first. */
  multipleMatches: 'all' | 'first';
  /** Compare values as text, so 1 matches "1". */
  fuzzyCompare: boolean;
  /** For `inner` and `nonMatches`: which input's items to output (default `both`). */
  outputDataFrom?: OutputDataFrom;
}

/** Combines two items into a new one; neither input item is changed. */
export function combineItems(a: Item, ai: number, b: Item, bi: number, clash: ClashHandling): Item {
  const json = clash === 'preferInput2' ? Object.assign(copyJson(a.json), b.json) : Object.assign(copyJson(b.json), a.json);
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

/** The item's key for the fields, or undefined when it can match nothing (a field is missing; null too when comparing as text). */
function keyOf(item: Item, fields: readonly string[], fuzzy: boolean): string | undefined {
  let key = '';
  for (const field of fields) {
    const v = getPath(item.json, field);
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
  const index = new Map<string, number[]>();
  input2.forEach((item, j) => {
    const key = keyOf(item, fields2, o.fuzzyCompare);
    if (key === undefined) return;
    const list = index.get(key);
    if (list) list.push(j);
    else index.set(key, [j]);
  });
  const used2 = new Uint8Array(input2.length);
  const out: Item[] = [];
  const nonMatches = o.mode === 'nonMatches';
  input1.forEach((a, i) => {
    const key = keyOf(a, fields1, o.fuzzyCompare);
    const matches = key === undefined ? undefined : index.get(key);
    if (!matches) {
      if (o.mode === 'left' || o.mode === 'outer' || (nonMatches && from === 'input1')) out.push(passThrough(a, i, 0));
      else if (nonMatches && from === 'both') out.push(withSource(a, i, 0));
      return;
    }
    const chosen = o.multipleMatches === 'first' ? matches.slice(0, 1) : matches;
    for (const j of chosen) used2[j] = 1;
    if (nonMatches || (o.mode === 'inner' && from === 'input2')) return;
    // Only input 1's side: each matching item once, as it is.
    if (o.mode === 'inner' && from === 'input1') out.push(passThrough(a, i, 0));
    else for (const j of chosen) out.push(combineItems(a, i, input2[j]!, j, o.clash));
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
