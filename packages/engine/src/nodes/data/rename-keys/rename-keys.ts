import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { deletePath, getPath, hasPath, setPath } from '../shared/field-path.js';
import { copyJson } from '../shared/copy-json.js';

/** Renames fields on each item. */
export const renameKeysNode = defineNode({
  type: 'core.renameKeys',
  version: 1,
  displayName: 'Rename Keys',
  description: 'Renames fields on each item; dot paths move nested fields.',
  group: 'data',
  icon: 'text-cursor-input',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    keys: z
      .array(
        z
          .object({
            currentKey: z.string().min(1).meta({ label: 'Current Key Name', placeholder: 'first_name' }),
            newKey: z.string().min(1).meta({ label: 'New Key Name', placeholder: 'firstName' }),
          })
          .strict(),
      )
      .min(1)
      .meta({ label: 'Keys', description: 'Applied in order; a key missing from an item is skipped.' }),
  }),
  execute(ctx) {
    const items = ctx.input();
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const { keys } = ctx.params(i);
      const json = copyJson(item.json);
      for (const { currentKey, newKey } of keys) {
        if (!hasPath(json, currentKey) || currentKey === newKey) continue;
        const value = getPath(json, currentKey);
        deletePath(json, currentKey);
        setPath(json, newKey, value);
      }
      const next: Item = { json, pairedItem: { item: i } };
      if (item.binary) next.binary = item.binary;
      out[i] = next;
    }
    return out;
  },
});
