import type { Item } from '../../model/item.js';
import { getPath } from '../data/shared/field-path.js';
import { stableKey } from '../data/shared/stable-key.js';
import { copyJson } from '../data/shared/copy-json.js';

/** Which items a join by matching fields keeps. */
export type JoinMode = 'inner' | 'left' | 'right' | 'outer';

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

function keyOf(item: Item, fields: readonly string[], fuzzy: boolean): string | undefined {
  let key = '';
  for (const field of fields) {
    const v = getPath(item.json, field);
    if (v === undefined || v === null) return undefined;
    key += `${fuzzy ? JSON.stringify(typeof v === 'object' ? stableKey(v) : String(v)) : stableKey(v)}\u0000`;
  }
  return key;
}

function passThrough(item: Item, index: number, input: number): Item {
  return { ...item, pairedItem: { item: index, input } };
}

/** Joins two lists of items on equal field values (a hash join: linear in the inputs and the matches). */
export function joinByFields(input1: readonly Item[], input2: readonly Item[], o: JoinOptions): Item[] {
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
  input1.forEach((a, i) => {
    const key = keyOf(a, fields1, o.fuzzyCompare);
    const matches = key === undefined ? undefined : index.get(key);
    if (!matches) {
      if (o.mode === 'left' || o.mode === 'outer') out.push(passThrough(a, i, 0));
      return;
    }
    const chosen = o.multipleMatches === 'first' ? matches.slice(0, 1) : matches;
    for (const j of chosen) {
      used2[j] = 1;
      out.push(combineItems(a, i, input2[j]!, j, o.clash));
    }
  });
  if (o.mode === 'right' || o.mode === 'outer') {
    input2.forEach((b, j) => {
      if (!used2[j]) out.push(passThrough(b, j, 1));
    });
  }
  return out;
}
