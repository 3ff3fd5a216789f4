import { z } from 'zod';
import { defineNode } from '../../define-node.js';

/** Passes on at most N items, from the start or the end, after skipping some. */
export const limitNode = defineNode({
  type: 'core.limit',
  version: 1,
  displayName: 'Limit',
  description: 'Keeps only the first or last N items, optionally after skipping some.',
  group: 'data',
  icon: 'list-end',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    maxItems: z.number().int().min(0).default(1).meta({ label: 'Max Items', description: 'How many items to keep.' }),
    keep: z
      .enum(['first', 'last'])
      .default('first')
      .meta({
        label: 'Keep',
        options: [
          { value: 'first', label: 'First Items' },
          { value: 'last', label: 'Last Items' },
        ],
      }),
    skip: z.number().int().min(0).default(0).meta({ label: 'Skip', description: 'How many items at the start to pass over first.' }),
  }),
  execute(ctx) {
    const { maxItems, keep, skip } = ctx.params(0);
    const items = ctx.input();
    const rest = skip > 0 ? items.slice(skip) : items;
    if (rest.length <= maxItems) return rest === items ? items.slice() : rest;
    return keep === 'first' ? rest.slice(0, maxItems) : rest.slice(rest.length - maxItems);
  },
});
