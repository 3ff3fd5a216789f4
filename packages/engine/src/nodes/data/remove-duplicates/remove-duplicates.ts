import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { deletePath, fieldList, getPath, hasPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { stableKey } from '../shared/stable-key.js';
import { copyJson } from '../shared/copy-json.js';

/** Drops items that repeat an earlier one, by all fields or by chosen fields. */
export const removeDuplicatesNode = defineNode({
  type: 'core.removeDuplicates',
  version: 1,
  displayName: 'Remove Duplicates',
  description: 'Removes items whose fields (all of them, or the ones chosen) repeat an earlier item; the first one is kept.',
  group: 'data',
  icon: 'copy-minus',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    compare: z
      .enum(['allFields', 'allFieldsExcept', 'selectedFields'])
      .default('allFields')
      .meta({
        label: 'Compare',
        options: [
          { value: 'allFields', label: 'All Fields' },
          { value: 'allFieldsExcept', label: 'All Fields Except' },
          { value: 'selectedFields', label: 'Selected Fields' },
        ],
      }),
    fields: z
      .union([z.string(), z.array(z.string())])
      .default([])
      .meta({
        label: 'Fields',
        description: 'Comma-separated field names (dot paths) to compare, or to leave out of the comparison.',
        placeholder: 'email',
        displayOptions: { show: { compare: ['allFieldsExcept', 'selectedFields'] } },
      }),
  }),
  execute(ctx) {
    const items = ctx.input();
    const { compare, fields: raw } = ctx.params(0);
    const fields = fieldList(raw);
    if (compare !== 'allFields' && fields.length === 0) throw parameterError(ctx.node.name, 'fields', 'needs at least one field name');
    if (compare === 'selectedFields' && items.length > 0) {
      for (const f of fields)
        if (!items.some((item) => hasPath(item.json, f)))
          throw parameterError(ctx.node.name, 'fields', `names '${f}', which no input item has`);
    }
    const seen = new Set<string>();
    const out: Item[] = [];
    for (const item of items) {
      let key: string;
      if (compare === 'selectedFields') key = stableKey(fields.map((f) => getPath(item.json, f)));
      else if (compare === 'allFieldsExcept') {
        const copy = copyJson(item.json);
        for (const f of fields) deletePath(copy, f);
        key = stableKey(copy);
      } else key = stableKey(item.json);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
    return out;
  },
});
