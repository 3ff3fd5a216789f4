import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { isMissing, valueComparer } from '../shared/compare-values.js';
import { getPath, hasPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';

const properties = z.object({
  mode: z
    .enum(['fields', 'random'])
    .default('fields')
    .meta({
      label: 'Type',
      options: [
        { value: 'fields', label: 'By Fields', description: 'Sort by one or more fields.' },
        { value: 'random', label: 'Random', description: 'Shuffle the items.' },
      ],
    }),
  fields: z
    .array(
      z
        .object({
          field: z.string().min(1).meta({ label: 'Field Name', description: 'A dot path such as `customer.name`.', placeholder: 'price' }),
          order: z
            .enum(['asc', 'desc'])
            .default('asc')
            .meta({
              label: 'Order',
              options: [
                { value: 'asc', label: 'Ascending' },
                { value: 'desc', label: 'Descending' },
              ],
            }),
        })
        .strict(),
    )
    .default([])
    .meta({
      label: 'Fields to Sort By',
      description: 'The first field decides; later ones break ties.',
      displayOptions: { show: { mode: ['fields'] } },
    }),
  textOrder: z
    .enum(['natural', 'locale', 'codePoint'])
    .default('natural')
    .meta({
      label: 'Text Order',
      options: [
        { value: 'natural', label: 'Natural', description: 'Language-aware, with numbers in text by value: "item 2" before "item 10".' },
        { value: 'locale', label: 'Locale', description: 'Language-aware: "é" next to "e".' },
        { value: 'codePoint', label: 'Code Point', description: 'By character code: fast, "Z" before "a".' },
      ],
      displayOptions: { show: { mode: ['fields'] } },
    }),
  locale: z
    .string()
    .optional()
    .meta({
      label: 'Locale',
      description: "Language tag for natural and locale order, such as `de` or `sv-SE` (default: the runtime's).",
      displayOptions: { show: { mode: ['fields'] } },
    }),
  dotNotation: z
    .boolean()
    .default(true)
    .meta({ label: 'Support Dot Notation', displayOptions: { show: { mode: ['fields'] } } }),
});

/** Sorts items by fields, or shuffles them with the engine's (seedable) random source. */
export const sortNode = defineNode({
  type: 'core.sort',
  version: 1,
  displayName: 'Sort',
  description: 'Sorts items by one or more fields (ascending or descending, natural or locale text order), or shuffles them.',
  group: 'data',
  icon: 'arrow-down-up',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    if (p.mode === 'random') {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(ctx.random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    }
    if (p.fields.length === 0) throw parameterError(ctx.node.name, 'fields', 'needs at least one field to sort by');
    p.fields.forEach((f, k) => {
      if (items.length > 0 && !items.some((item) => hasPath(item.json, f.field, p.dotNotation))) {
        throw parameterError(ctx.node.name, `fields[${k}].field`, `names '${f.field}', which no input item has`);
      }
    });
    const compare = valueComparer(p.textOrder, p.locale);
    const n = items.length;
    const k = p.fields.length;
    // Read each sort key once (not once per comparison).
    const keys: unknown[] = new Array(n * k);
    for (let i = 0; i < n; i++) for (let f = 0; f < k; f++) keys[i * k + f] = getPath(items[i]!.json, p.fields[f]!.field, p.dotNotation);
    const sign = p.fields.map((f) => (f.order === 'desc' ? -1 : 1));
    const order = Array.from({ length: n }, (_, i) => i);
    if (k === 1 && keys.every((v) => typeof v === 'number' && !Number.isNaN(v))) {
      // The common case, sorting by one numeric field: compare numbers directly.
      const nums = keys as number[];
      const s = sign[0]!;
      order.sort((a, b) => (nums[a]! - nums[b]!) * s || a - b);
    } else
      order.sort((a, b) => {
        for (let f = 0; f < k; f++) {
          const x = keys[a * k + f];
          const y = keys[b * k + f];
          const mx = isMissing(x);
          const my = isMissing(y);
          if (mx || my) {
            if (mx && my) continue;
            return mx ? 1 : -1;
          }
          const c = compare(x, y);
          if (c !== 0) return c * sign[f]!;
        }
        return a - b;
      });
    const out: Item[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = items[order[i]!]!;
    return out;
  },
});
