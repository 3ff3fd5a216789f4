import { z } from 'zod';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';
import { parameterError } from '../data/shared/node-error.js';
import { combineItems, joinByFields, type ClashHandling } from './merge-join.js';

const show = (...modes: string[]) => ({ show: { mode: modes } });

/** How many inputs a Merge may have. */
const MIN_INPUTS = 2;
const MAX_INPUTS = 10;
const INPUT_NAMES = Array.from({ length: MAX_INPUTS }, (_, i) => `input${i + 1}`) as [string, ...string[]];

const properties = z.object({
  numberInputs: z.number().int().min(MIN_INPUTS).max(MAX_INPUTS).default(MIN_INPUTS).meta({
    label: 'Number of Inputs',
    description: 'Append, Combine by Position and Choose Branch take up to 10 inputs; the other modes take two.',
  }),
  mode: z
    .enum(['append', 'combineByFields', 'combineByPosition', 'combineAll', 'chooseBranch'])
    .default('append')
    .meta({
      label: 'Mode',
      options: [
        { value: 'append', label: 'Append', description: 'Items of input 1, then items of input 2, and so on.' },
        { value: 'combineByFields', label: 'Combine by Matching Fields', description: 'Join items whose fields hold equal values.' },
        { value: 'combineByPosition', label: 'Combine by Position', description: 'Join the first item of each input, then the second...' },
        { value: 'combineAll', label: 'All Combinations', description: 'Join every item of input 1 with every item of input 2.' },
        { value: 'chooseBranch', label: 'Choose Branch', description: 'Wait for both inputs, then output the items of one.' },
      ],
    }),
  fields: z
    .array(
      z
        .object({
          field1: z.string().min(1).meta({ label: 'Input 1 Field', placeholder: 'id' }),
          field2: z.string().min(1).meta({ label: 'Input 2 Field', placeholder: 'customerId' }),
        })
        .strict(),
    )
    .default([])
    .meta({
      label: 'Fields to Match',
      description: 'Items match when every pair holds equal values (dot paths).',
      displayOptions: show('combineByFields'),
    }),
  joinMode: z
    .enum(['inner', 'left', 'right', 'outer', 'nonMatches'])
    .default('inner')
    .meta({
      label: 'Output Type',
      options: [
        { value: 'inner', label: 'Keep matches (inner join)' },
        {
          value: 'left',
          label: 'Enrich input 1 (left join)',
          description: 'Every item of input 1, combined with its matches when it has any.',
        },
        {
          value: 'right',
          label: 'Enrich input 2 (right join)',
          description: 'Every item of input 2, combined with its matches when it has any.',
        },
        { value: 'outer', label: 'Keep everything (full outer join)' },
        {
          value: 'nonMatches',
          label: 'Keep non-matches',
          description: 'The items of either input that match no item of the other.',
        },
      ],
      displayOptions: show('combineByFields'),
    }),
  outputDataFrom: z
    .enum(['both', 'input1', 'input2'])
    .default('both')
    .meta({
      label: 'Output Data From',
      description:
        "Keep matches: 'both' merges each match into one item; 'input1' or 'input2' outputs that input's matching items as they are. Keep non-matches: 'both' outputs input 1's, then input 2's, each with a _source field naming its input ('input1', 'input2'); 'input1' or 'input2' outputs only that input's.",
      options: [
        { value: 'both', label: 'Both inputs' },
        { value: 'input1', label: 'Input 1' },
        { value: 'input2', label: 'Input 2' },
      ],
      displayOptions: { show: { mode: ['combineByFields'], joinMode: ['inner', 'nonMatches'] } },
    }),
  multipleMatches: z
    .enum(['all', 'first', 'last'])
    .default('all')
    .meta({
      label: 'Multiple Matches',
      description: 'When an item matches several, output one item per match, or only the first, or only the last.',
      displayOptions: show('combineByFields'),
    }),
  textKeys: z
    .boolean()
    .default(false)
    .meta({
      label: 'Match Single Values as Text',
      description:
        "Compare field values as text, and only single values: an item of input 1 whose field is missing or holds true/false, a list or an object matches nothing (Enrich input 1 leaves it out); an item of input 2 whose field is empty ('', 0, false or null) matches nothing.",
      displayOptions: show('combineByFields'),
    }),
  omitMatchFields: z
    .boolean()
    .default(false)
    .meta({
      label: "Leave Out Input 2's Fields to Match",
      description: "Input 2's fields to match are not copied into the combined item (input 1's are kept).",
      displayOptions: show('combineByFields'),
    }),
  fuzzyCompare: z
    .boolean()
    .default(false)
    .meta({
      label: 'Fuzzy Compare',
      description: 'Compare field values as text, so the number 1 matches the text "1".',
      displayOptions: show('combineByFields'),
    }),
  clashHandling: z
    .enum(['preferInput2', 'preferInput1'])
    .default('preferInput2')
    .meta({
      label: 'When Field Names Clash',
      options: [
        { value: 'preferInput2', label: 'Use the value of input 2' },
        { value: 'preferInput1', label: 'Use the value of input 1' },
      ],
      displayOptions: show('combineByFields', 'combineByPosition', 'combineAll'),
    }),
  overrideEmpty: z
    .boolean()
    .default(false)
    .meta({
      label: 'Fill Empty Values From Input 2',
      description: "With 'Use the value of input 1': a field that input 1 lacks, or holds null or empty text in, takes input 2's value.",
      displayOptions: { show: { mode: ['combineByFields'], clashHandling: ['preferInput1'] } },
    }),
  includeUnpaired: z
    .boolean()
    .default(false)
    .meta({
      label: 'Include Unpaired Items',
      description: 'When one input has more items, output the extra ones as they are (otherwise they are dropped).',
      displayOptions: show('combineByPosition'),
    }),
  unpairedFrom: z
    .enum(['all', 'input1'])
    .default('all')
    .meta({
      label: 'Unpaired Items Of',
      description: "Every input's, or input 1's only: the output then has as many items as input 1.",
      options: [
        { value: 'all', label: 'Every input' },
        { value: 'input1', label: 'Input 1' },
      ],
      displayOptions: { show: { mode: ['combineByPosition'], includeUnpaired: [true] } },
    }),
  output: z
    .enum([...INPUT_NAMES, 'empty'])
    .default('input1')
    .meta({
      label: 'Output',
      options: [
        ...INPUT_NAMES.map((value, i) => ({ value, label: `Items of input ${i + 1}` })),
        { value: 'empty', label: 'A single empty item' },
      ],
      displayOptions: show('chooseBranch'),
    }),
});

/** How many items a combination by position outputs: the shortest input's count, the longest's, or input 1's. */
function positions(lengths: readonly number[], includeUnpaired: boolean, unpairedFrom: 'all' | 'input1'): number {
  if (!includeUnpaired) return Math.min(...lengths);
  return unpairedFrom === 'input1' ? lengths[0]! : Math.max(...lengths);
}

/** Joins the items of two inputs at the same position. */
function combineTwoAtPosition(a: readonly Item[], b: readonly Item[], n: number, clash: ClashHandling): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x && y) out.push(combineItems(x, i, y, i, clash));
    else if (x) out.push({ ...x, pairedItem: { item: i, input: 0 } });
    else if (y) out.push({ ...y, pairedItem: { item: i, input: 1 } });
  }
  return out;
}

/** Joins the items of several inputs at the same position: later inputs win clashes under `preferInput2`. */
function combineAtPosition(inputs: readonly (readonly Item[])[], n: number, clash: ClashHandling): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const present: { item: Item; input: number }[] = [];
    inputs.forEach((items, input) => {
      const item = items[i];
      if (item) present.push({ item, input });
    });
    if (present.length === 1) {
      out.push({ ...present[0]!.item, pairedItem: { item: i, input: present[0]!.input } });
      continue;
    }
    const ordered = clash === 'preferInput2' ? present : present.slice().reverse();
    const json: Record<string, unknown> = {};
    let binary: Item['binary'];
    for (const { item } of ordered) {
      Object.assign(json, item.json);
      if (item.binary) binary = { ...binary, ...item.binary };
    }
    const combined: Item = { json, pairedItem: present.map(({ input }) => ({ item: i, input })) };
    if (binary) combined.binary = binary;
    out.push(combined);
  }
  return out;
}

/** Combines the items of its inputs once all have arrived (or can no longer arrive). */
export const mergeNode = defineNode({
  type: 'core.merge',
  version: 1,
  displayName: 'Merge',
  description: 'Waits for its inputs, then appends, joins by matching fields, joins by position, or picks one of them.',
  group: 'flow',
  icon: 'merge',
  inputs: ['input1', 'input2'],
  inputCount: { parameter: 'numberInputs', prefix: 'input', min: MIN_INPUTS, max: MAX_INPUTS },
  outputs: ['main'],
  properties,
  execute(ctx) {
    const p = ctx.params(0);
    const inputs = INPUT_NAMES.slice(0, p.numberInputs).map((port) => ctx.input(port));
    const a = inputs[0]!;
    const b = inputs[1]!;
    if (p.numberInputs > 2 && (p.mode === 'combineByFields' || p.mode === 'combineAll')) {
      throw parameterError(ctx.node.name, 'numberInputs', `is ${p.numberInputs}, and ${p.mode} mode takes two inputs`);
    }
    switch (p.mode) {
      case 'append':
        return inputs.flat();
      case 'combineByFields':
        if (p.fields.length === 0)
          throw parameterError(ctx.node.name, 'fields', 'needs at least one pair of fields to match in Combine by Matching Fields mode');
        return joinByFields(a, b, {
          pairs: p.fields,
          mode: p.joinMode,
          clash: p.clashHandling,
          multipleMatches: p.multipleMatches,
          fuzzyCompare: p.fuzzyCompare,
          outputDataFrom: p.outputDataFrom,
          overrideEmpty: p.overrideEmpty,
          omitMatchFields: p.omitMatchFields,
          textKeys: p.textKeys,
        });
      case 'combineByPosition': {
        const n = positions(
          inputs.map((items) => items.length),
          p.includeUnpaired,
          p.unpairedFrom,
        );
        if (inputs.length > 2) return combineAtPosition(inputs, n, p.clashHandling);
        return combineTwoAtPosition(a, b, n, p.clashHandling);
      }
      case 'combineAll': {
        const out: Item[] = [];
        a.forEach((x, i) => b.forEach((y, j) => out.push(combineItems(x, i, y, j, p.clashHandling))));
        return out;
      }
      case 'chooseBranch': {
        if (p.output === 'empty') return [{ json: {} }];
        const chosen = INPUT_NAMES.indexOf(p.output);
        if (chosen >= p.numberInputs) {
          throw parameterError(ctx.node.name, 'output', `is input ${chosen + 1}, and the node has ${p.numberInputs} inputs`);
        }
        return inputs[chosen]!;
      }
    }
  },
});
