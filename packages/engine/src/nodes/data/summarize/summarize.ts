import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { fieldList, getPath, hasPath, setPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { stableKey } from '../shared/stable-key.js';
import { AGGREGATIONS, accumulator, type Accumulator } from './aggregations.js';

const summarySchema = z
  .object({
    aggregation: z
      .enum(AGGREGATIONS)
      .default('count')
      .meta({
        label: 'Aggregation',
        options: [
          { value: 'sum', label: 'Sum' },
          { value: 'average', label: 'Average' },
          { value: 'min', label: 'Min' },
          { value: 'max', label: 'Max' },
          { value: 'count', label: 'Count' },
          { value: 'countUnique', label: 'Count Unique' },
          { value: 'concatenate', label: 'Concatenate', description: 'Join the values as text.' },
          { value: 'append', label: 'Append', description: 'Collect the values into a list.' },
        ],
      }),
    field: z.string().min(1).meta({ label: 'Field', description: 'A dot path such as `order.total`.', placeholder: 'price' }),
    separator: z
      .string()
      .default(', ')
      .meta({ label: 'Separator', displayOptions: { show: { aggregation: ['concatenate'] } } }),
    includeEmpty: z
      .boolean()
      .default(false)
      .meta({
        label: 'Include Empty Values',
        description: 'Count, append or concatenate null and empty-text values too (missing fields never count).',
        displayOptions: { show: { aggregation: ['count', 'countUnique', 'concatenate', 'append'] } },
      }),
    outputField: z
      .string()
      .optional()
      .meta({ label: 'Output Field', description: 'Name of the result field (default `<aggregation>_<field>`, such as sum_price).' }),
  })
  .strict();

const properties = z.object({
  fieldsToSummarize: z.array(summarySchema).min(1).meta({ label: 'Fields to Summarize' }),
  groupBy: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .meta({
      label: 'Fields to Group By',
      description: 'Comma-separated fields; one output item per distinct combination of their values. Empty: one item for all.',
      placeholder: 'category, region',
    }),
  continueIfFieldNotFound: z.boolean().default(false).meta({
    label: 'Continue If Field Not Found',
    description: 'Summarize anyway when no input item has a field to summarize, instead of failing.',
  }),
});

interface Group {
  values: unknown[];
  accs: Accumulator[];
  firstIndex: number;
}

/** Groups items and computes sums, averages, counts and lists per group, like a pivot table. */
export const summarizeNode = defineNode({
  type: 'core.summarize',
  version: 1,
  displayName: 'Summarize',
  description: 'Groups items by fields and computes sum, average, min, max, count, count unique, concatenation or a list per group.',
  group: 'data',
  icon: 'sigma',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const name = ctx.node.name;
    const groupBy = fieldList(p.groupBy);
    const specs = p.fieldsToSummarize;
    if (!p.continueIfFieldNotFound && items.length > 0) {
      specs.forEach((s, k) => {
        if (!items.some((item) => hasPath(item.json, s.field))) {
          throw parameterError(
            name,
            `fieldsToSummarize[${k}].field`,
            `names '${s.field}', which no input item has (turn on 'Continue If Field Not Found' to allow it)`,
          );
        }
      });
    }
    const groups = new Map<string, Group>();
    const single = groupBy.length === 1 ? groupBy[0]! : undefined;
    for (let i = 0; i < items.length; i++) {
      const json = items[i]!.json;
      let key: string;
      let values: unknown[];
      if (single !== undefined) {
        const v = getPath(json, single);
        key = typeof v === 'string' ? `s${v}` : stableKey(v);
        values = [v];
      } else {
        values = groupBy.map((f) => getPath(json, f));
        key = stableKey(values);
      }
      let group = groups.get(key);
      if (!group) {
        group = { values, accs: specs.map((s) => accumulator(s.aggregation, s.separator)), firstIndex: i };
        groups.set(key, group);
      }
      for (let k = 0; k < specs.length; k++) {
        const s = specs[k]!;
        const value = getPath(json, s.field);
        if (value === undefined) continue;
        const empty = value === null || value === '';
        if (
          empty &&
          !(s.includeEmpty && s.aggregation !== 'sum' && s.aggregation !== 'average' && s.aggregation !== 'min' && s.aggregation !== 'max')
        )
          continue;
        const problem = group.accs[k]!.add(value);
        if (problem)
          throw parameterError(name, `fieldsToSummarize[${k}].field`, `('${s.field}') ${problem}; ${s.aggregation} needs numbers`, i);
      }
    }
    if (groups.size === 0 && groupBy.length === 0 && items.length > 0) {
      groups.set('', { values: [], accs: specs.map((s) => accumulator(s.aggregation, s.separator)), firstIndex: 0 });
    }
    const out: Item[] = [];
    for (const group of groups.values()) {
      const json: Record<string, unknown> = {};
      groupBy.forEach((f, k) => {
        if (group.values[k] !== undefined) setPath(json, f, group.values[k]);
      });
      specs.forEach((s, k) => {
        json[s.outputField ?? `${s.aggregation}_${s.field}`] = group.accs[k]!.result();
      });
      out.push({ json, pairedItem: { item: group.firstIndex } });
    }
    return out;
  },
});
