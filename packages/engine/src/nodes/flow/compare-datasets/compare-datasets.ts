import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { copyJson } from '../../data/shared/copy-json.js';
import { fieldList, getPath, setPath, deletePath } from '../../data/shared/field-path.js';
import { parameterError } from '../../data/shared/node-error.js';
import { matchKey, valuesEqual, withoutSkipped } from './compare-values.js';

const showMix = { show: { resolve: ['mix'] } };

const properties = z.object({
  fields: z
    .array(
      z
        .object({
          fieldA: z.string().min(1).meta({ label: 'Input A Field', placeholder: 'id' }),
          fieldB: z.string().min(1).meta({ label: 'Input B Field', placeholder: 'externalId' }),
        })
        .strict(),
    )
    .default([])
    .meta({
      label: 'Fields to Match',
      description: 'Items of A and B are the same record when every pair holds equal values (dot paths).',
    }),
  resolve: z
    .enum(['preferA', 'preferB', 'mix', 'includeBoth'])
    .default('preferB')
    .meta({
      label: 'When There Are Differences',
      options: [
        { value: 'preferA', label: 'Use Input A Version' },
        { value: 'preferB', label: 'Use Input B Version' },
        { value: 'mix', label: 'Use a Mix of Versions', description: 'One input’s version, with some fields from the other.' },
        { value: 'includeBoth', label: 'Include Both Versions', description: '{ keys, same, different: { field: { inputA, inputB } } }' },
      ],
    }),
  preferWhenMix: z
    .enum(['preferA', 'preferB'])
    .default('preferA')
    .meta({
      label: 'Prefer',
      options: [
        { value: 'preferA', label: 'Input A Version' },
        { value: 'preferB', label: 'Input B Version' },
      ],
      displayOptions: showMix,
    }),
  exceptWhenMix: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .meta({
      label: 'For Everything Except',
      description: 'Fields taken from the other input (comma-separated dot paths).',
      displayOptions: showMix,
    }),
  fuzzyCompare: z
    .boolean()
    .default(false)
    .meta({ label: 'Fuzzy Compare', description: 'Treat 3 and "3", true and "true", and missing, null and "" as equal.' }),
  skipFields: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .meta({ label: 'Fields to Skip Comparing', description: 'Fields whose differences do not count (comma-separated dot paths).' }),
  multipleMatches: z
    .enum(['all', 'first'])
    .default('all')
    .meta({
      label: 'Multiple Matches',
      options: [
        { value: 'all', label: 'Include All Matches', description: 'An item of A is compared with every item of B it matches.' },
        { value: 'first', label: 'Include First Match Only' },
      ],
    }),
});

type Params = z.output<typeof properties>;

/** The version of a pair of records that differ, as `resolve` says. */
function resolved(a: Item, ai: number, b: Item, bi: number, p: Params, keysA: readonly string[], skip: readonly string[]): Item {
  const pairedItem = [
    { item: ai, input: 0 },
    { item: bi, input: 1 },
  ];
  if (p.resolve === 'preferA' || p.resolve === 'preferB') {
    const from = p.resolve === 'preferA' ? a : b;
    return { ...from, pairedItem };
  }
  if (p.resolve === 'mix') {
    const [base, other] = p.preferWhenMix === 'preferA' ? [a, b] : [b, a];
    const json = copyJson(base.json);
    for (const path of fieldList(p.exceptWhenMix)) {
      const v = getPath(other.json, path);
      if (v === undefined) deletePath(json, path);
      else setPath(json, path, v);
    }
    const out: Item = { json, pairedItem };
    if (base.binary) out.binary = base.binary;
    return out;
  }
  const keys: Record<string, unknown> = {};
  for (const field of keysA) setPath(keys, field, getPath(a.json, field));
  const same: Record<string, unknown> = {};
  const different: Record<string, unknown> = {};
  const cutA = withoutSkipped(a.json, skip);
  const cutB = withoutSkipped(b.json, skip);
  for (const field of new Set([...Object.keys(a.json), ...Object.keys(b.json)])) {
    if (!Object.hasOwn(cutA, field) && !Object.hasOwn(cutB, field)) continue;
    const [target, value] = valuesEqual(cutA[field], cutB[field], p.fuzzyCompare)
      ? [same, a.json[field]]
      : [different, { inputA: a.json[field] ?? null, inputB: b.json[field] ?? null }];
    // An own property even for a field named `__proto__` (items parsed from JSON can have one).
    Object.defineProperty(target, field, { value, enumerable: true, writable: true, configurable: true });
  }
  return { json: { keys, same, different }, pairedItem };
}

/** Compares two lists of records matched by key fields: what only A has, what is the same, what differs, what only B has. */
export const compareDatasetsNode = defineNode({
  type: 'core.compareDatasets',
  version: 1,
  displayName: 'Compare Datasets',
  description: 'Matches the items of inputs A and B by key fields and sends each to "in A only", "same", "different" or "in B only".',
  group: 'flow',
  icon: 'git-compare',
  inputs: ['inputA', 'inputB'],
  outputs: ['inAOnly', 'same', 'different', 'inBOnly'],
  properties,
  execute(ctx) {
    const p = ctx.params(0);
    const name = ctx.node.name;
    if (p.fields.length === 0) throw parameterError(name, 'fields', 'needs at least one pair of fields to match');
    const a = ctx.input('inputA');
    const b = ctx.input('inputB');
    const keysA = p.fields.map((f) => f.fieldA);
    const keysB = p.fields.map((f) => f.fieldB);
    const skip = fieldList(p.skipFields);
    const index = new Map<string, number[]>();
    b.forEach((item, j) => {
      const key = matchKey(item.json, keysB, p.fuzzyCompare);
      if (key === undefined) return;
      const list = index.get(key);
      if (list) list.push(j);
      else index.set(key, [j]);
    });
    const matchedB = new Uint8Array(b.length);
    const out = { inAOnly: [] as Item[], same: [] as Item[], different: [] as Item[], inBOnly: [] as Item[] };
    a.forEach((itemA, i) => {
      const key = matchKey(itemA.json, keysA, p.fuzzyCompare);
      const matches = key === undefined ? undefined : index.get(key);
      if (!matches) {
        out.inAOnly.push({ ...itemA, pairedItem: { item: i, input: 0 } });
        return;
      }
      const cutA = withoutSkipped(itemA.json, skip);
      for (const j of p.multipleMatches === 'first' ? matches.slice(0, 1) : matches) {
        matchedB[j] = 1;
        const itemB = b[j]!;
        if (valuesEqual(cutA, withoutSkipped(itemB.json, skip), p.fuzzyCompare)) {
          out.same.push({
            ...itemA,
            pairedItem: [
              { item: i, input: 0 },
              { item: j, input: 1 },
            ],
          });
        } else out.different.push(resolved(itemA, i, itemB, j, p, keysA, skip));
      }
    });
    b.forEach((itemB, j) => {
      if (!matchedB[j]) out.inBOnly.push({ ...itemB, pairedItem: { item: j, input: 1 } });
    });
    return out;
  },
});
