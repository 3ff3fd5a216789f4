import { z } from 'zod';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';
import { parameterError } from '../data/shared/node-error.js';
import { combineItems, joinByFields } from './merge-join.js';

const show = (...modes: string[]) => ({ show: { mode: modes } });

const properties = z.object({
  mode: z
    .enum(['append', 'combineByFields', 'combineByPosition', 'combineAll', 'chooseBranch'])
    .default('append')
    .meta({
      label: 'Mode',
      options: [
        { value: 'append', label: 'Append', description: 'Items of input 1, then items of input 2.' },
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
    .enum(['inner', 'left', 'right', 'outer'])
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
      ],
      displayOptions: show('combineByFields'),
    }),
  multipleMatches: z
    .enum(['all', 'first'])
    .default('all')
    .meta({
      label: 'Multiple Matches',
      description: 'When an item matches several, output one item per match or only the first.',
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
  includeUnpaired: z
    .boolean()
    .default(false)
    .meta({
      label: 'Include Unpaired Items',
      description: 'When one input has more items, output the extra ones as they are (otherwise they are dropped).',
      displayOptions: show('combineByPosition'),
    }),
  output: z
    .enum(['input1', 'input2', 'empty'])
    .default('input1')
    .meta({
      label: 'Output',
      options: [
        { value: 'input1', label: 'Items of input 1' },
        { value: 'input2', label: 'Items of input 2' },
        { value: 'empty', label: 'A single empty item' },
      ],
      displayOptions: show('chooseBranch'),
    }),
});

/** Combines the items of two inputs once both have arrived (or can no longer arrive). */
export const mergeNode = defineNode({
  type: 'core.merge',
  version: 1,
  displayName: 'Merge',
  description: 'Waits for both inputs, then appends, joins by matching fields, joins by position, or picks one of them.',
  group: 'flow',
  icon: 'merge',
  inputs: ['input1', 'input2'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const p = ctx.params(0);
    const a = ctx.input('input1');
    const b = ctx.input('input2');
    switch (p.mode) {
      case 'append':
        return [...a, ...b];
      case 'combineByFields':
        if (p.fields.length === 0)
          throw parameterError(ctx.node.name, 'fields', 'needs at least one pair of fields to match in Combine by Matching Fields mode');
        return joinByFields(a, b, {
          pairs: p.fields,
          mode: p.joinMode,
          clash: p.clashHandling,
          multipleMatches: p.multipleMatches,
          fuzzyCompare: p.fuzzyCompare,
        });
      case 'combineByPosition': {
        const out: Item[] = [];
        const n = p.includeUnpaired ? Math.max(a.length, b.length) : Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
          const x = a[i];
          const y = b[i];
          if (x && y) out.push(combineItems(x, i, y, i, p.clashHandling));
          else if (x) out.push({ ...x, pairedItem: { item: i, input: 0 } });
          else if (y) out.push({ ...y, pairedItem: { item: i, input: 1 } });
        }
        return out;
      }
      case 'combineAll': {
        const out: Item[] = [];
        a.forEach((x, i) => b.forEach((y, j) => out.push(combineItems(x, i, y, j, p.clashHandling))));
        return out;
      }
      case 'chooseBranch':
        return p.output === 'empty' ? [{ json: {} }] : p.output === 'input1' ? a : b;
    }
  },
});
