import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { deletePath, fieldList, getPath, hasPath, setPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { copyJson } from '../shared/copy-json.js';

const properties = z.object({
  fieldToSplitOut: z.union([z.string().min(1), z.array(z.string()).min(1)]).meta({
    label: 'Fields To Split Out',
    description:
      'The field holding a list (a dot path). Several comma-separated fields are split side by side: element 1 of each, then element 2...',
    placeholder: 'lines',
  }),
  include: z
    .enum(['none', 'all', 'selected'])
    .default('none')
    .meta({
      label: 'Include',
      description: 'Which other fields of the input item each new item keeps.',
      options: [
        { value: 'none', label: 'No Other Fields' },
        { value: 'all', label: 'All Other Fields' },
        { value: 'selected', label: 'Selected Other Fields' },
      ],
    }),
  fieldsToInclude: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .meta({ label: 'Fields To Include', description: 'Comma-separated field names.', displayOptions: { show: { include: ['selected'] } } }),
  destinationField: z.string().optional().meta({
    label: 'Destination Field Name',
    description:
      'Where each element goes (default: a field named as the split field is written, `a.b` included). Without it, an element that is an object has its fields merged into the new item.',
  }),
});

/** Turns a list held in one field of an item into one item per element. */
export const splitOutNode = defineNode({
  type: 'core.splitOut',
  version: 1,
  displayName: 'Split Out',
  description: 'Turns a field holding a list into one item per element, optionally keeping the other fields.',
  group: 'data',
  icon: 'split',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const fields = fieldList(p.fieldToSplitOut);
    if (fields.length === 0) throw parameterError(ctx.node.name, 'fieldToSplitOut', 'needs a field name');
    if (fields.length > 1 && p.destinationField)
      throw parameterError(ctx.node.name, 'destinationField', 'can only be used when one field is split out');
    if (items.length > 0) {
      for (const f of fields) {
        if (!items.some((item) => hasPath(item.json, f)))
          throw parameterError(ctx.node.name, 'fieldToSplitOut', `names '${f}', which no input item has`);
      }
    }
    const keep = fieldList(p.fieldsToInclude);
    const out: Item[] = [];
    items.forEach((item, i) => {
      const lists = fields.map((f) => {
        const v = getPath(item.json, f);
        return v === undefined ? [] : Array.isArray(v) ? v : [v];
      });
      const length = Math.max(0, ...lists.map((l) => l.length));
      for (let e = 0; e < length; e++) {
        let json: Record<string, unknown>;
        if (p.include === 'all') {
          json = copyJson(item.json);
          for (const f of fields) deletePath(json, f);
        } else if (p.include === 'selected') {
          json = {};
          for (const f of keep) if (hasPath(item.json, f)) setPath(json, f, getPath(item.json, f));
        } else json = {};
        fields.forEach((f, k) => {
          const element = lists[k]![e];
          const plainObject = typeof element === 'object' && element !== null && !Array.isArray(element);
          if (!p.destinationField && plainObject && fields.length === 1) Object.assign(json, element);
          else if (p.destinationField) setPath(json, p.destinationField, element);
          // Under the field's name as written, a dot path too (`a.b`), as n8n names it.
          else setPath(json, f, element, false);
        });
        const next: Item = { json, pairedItem: { item: i } };
        if (item.binary) next.binary = item.binary;
        out.push(next);
      }
    });
    return out;
  },
});
