import { z } from 'zod';
import type { BinaryRef, Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { deletePath, fieldList, getPath, hasPath, setPath, splitPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { copyJson } from '../shared/copy-json.js';

const properties = z.object({
  aggregate: z
    .enum(['individualFields', 'allItemData'])
    .default('individualFields')
    .meta({
      label: 'Aggregate',
      options: [
        { value: 'individualFields', label: 'Individual Fields', description: 'Collect the values of chosen fields into lists.' },
        { value: 'allItemData', label: 'All Item Data (Into a Single List)', description: 'Put every item into one list.' },
      ],
    }),
  fields: z
    .array(
      z
        .object({
          field: z.string().min(1).meta({ label: 'Input Field Name', placeholder: 'email' }),
          renameTo: z.string().optional().meta({ label: 'Output Field Name', description: "Default: the input field's name." }),
        })
        .strict(),
    )
    .default([])
    .meta({ label: 'Fields To Aggregate', displayOptions: { show: { aggregate: ['individualFields'] } } }),
  mergeLists: z
    .boolean()
    .default(false)
    .meta({
      label: 'Merge Lists',
      description: 'When a field holds a list, add its elements rather than the list itself.',
      displayOptions: { show: { aggregate: ['individualFields'] } },
    }),
  keepMissing: z
    .boolean()
    .default(false)
    .meta({
      label: 'Keep Missing And Null Values',
      description: 'Add null for items that lack the field (or hold null), so positions line up across lists.',
      displayOptions: { show: { aggregate: ['individualFields'] } },
    }),
  destinationField: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Put Output in Field', displayOptions: { show: { aggregate: ['allItemData'] } } }),
  include: z
    .enum(['all', 'selected', 'except'])
    .default('all')
    .meta({
      label: 'Include',
      options: [
        { value: 'all', label: 'All Fields' },
        { value: 'selected', label: 'Specified Fields' },
        { value: 'except', label: 'All Fields Except' },
      ],
      displayOptions: { show: { aggregate: ['allItemData'] } },
    }),
  includeFields: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .meta({ label: 'Fields', description: 'Comma-separated field names.', displayOptions: { show: { include: ['selected', 'except'] } } }),
  includeBinaries: z.boolean().default(false).meta({
    label: 'Include Binaries',
    description: "Carry the items' files over to the output item (later files with the same key are renamed key_1, key_2...).",
  }),
});

/** Collects many items into one: chosen fields into lists, or whole items into one list. */
export const aggregateNode = defineNode({
  type: 'core.aggregate',
  version: 1,
  displayName: 'Aggregate',
  description: 'Combines all items into one: the values of chosen fields become lists, or all items go into one list.',
  group: 'data',
  icon: 'layers',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const json: Record<string, unknown> = {};
    if (p.aggregate === 'allItemData') {
      const keep = fieldList(p.includeFields);
      json[p.destinationField] = items.map((item) => {
        if (p.include === 'all') return item.json;
        if (p.include === 'except') {
          const copy = copyJson(item.json);
          for (const f of keep) deletePath(copy, f);
          return copy;
        }
        const picked: Record<string, unknown> = {};
        for (const f of keep) if (hasPath(item.json, f)) setPath(picked, f, getPath(item.json, f));
        return picked;
      });
    } else {
      if (p.fields.length === 0) throw parameterError(ctx.node.name, 'fields', 'needs at least one field to aggregate');
      p.fields.forEach((spec, k) => {
        if (items.length > 0 && !items.some((item) => hasPath(item.json, spec.field))) {
          throw parameterError(ctx.node.name, `fields[${k}].field`, `names '${spec.field}', which no input item has`);
        }
        const list: unknown[] = [];
        for (const item of items) {
          const v = getPath(item.json, spec.field);
          if (v === undefined || v === null) {
            if (p.keepMissing) list.push(null);
            continue;
          }
          if (p.mergeLists && Array.isArray(v)) list.push(...(v as unknown[]));
          else list.push(v);
        }
        const path = splitPath(spec.field);
        json[spec.renameTo || path[path.length - 1]!] = list;
      });
    }
    const out: Item = { json, pairedItem: items.map((_, i) => ({ item: i })) };
    if (p.includeBinaries) {
      const binary: Record<string, BinaryRef> = {};
      for (const item of items) {
        for (const [key, ref] of Object.entries(item.binary ?? {})) {
          let name = key;
          for (let n = 1; name in binary; n++) name = `${key}_${n}`;
          binary[name] = ref;
        }
      }
      if (Object.keys(binary).length > 0) out.binary = binary;
    }
    return [out];
  },
});
