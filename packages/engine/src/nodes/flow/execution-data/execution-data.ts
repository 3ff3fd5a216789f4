import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';

/** The longest key and value kept; longer ones are cut, as n8n cuts them. */
const KEY_LENGTH = 50;
const VALUE_LENGTH = 512;

/** What an Execution Data node records on its run (`NodeRun.logs[].data`). */
export interface SavedExecutionData {
  /** Key -> value, as text. */
  customData: Record<string, string>;
}

/**
 * Saves key/value pairs on the execution record, to find and review runs
 * by them (an order id, a customer), then passes its items on. Each item's
 * values are recorded, later ones replacing earlier ones of the same key;
 * the run of the node holds them in a log entry (`NodeRun.logs`, its
 * `data.customData`), which every storage keeps with the execution. Keys
 * are letters, digits and `_`; values are text or numbers.
 */
export const executionDataNode = defineNode({
  type: 'core.executionData',
  version: 1,
  displayName: 'Execution Data',
  description: 'Saves key/value pairs on the execution record, to find and review runs by them; passes its items on.',
  group: 'utility',
  icon: 'tag',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    values: z
      .array(z.object({ key: z.string(), value: z.unknown() }))
      .default([])
      .meta({ label: 'Data to save', description: 'Keys of letters, digits and _ (up to 50); values as text (up to 512 characters).' }),
  }),
  execute(ctx) {
    const items = ctx.input();
    const saved: Record<string, string> = {};
    for (let i = 0; i < items.length; i++) {
      ctx.params(i).values.forEach(({ key, value }, row) => {
        const fail = (problem: string) =>
          new NodeExecutionError(`Node '${ctx.node.name}': parameter 'values[${row}]' ${problem} (item ${i}).`, {
            code: 'PARAMETER_INVALID',
            retryable: false,
          });
        if (!/^\w+$/.test(key)) throw fail(`has the key ${JSON.stringify(key)}: a key is letters, digits and _ only`);
        if (typeof value !== 'string' && typeof value !== 'number') {
          throw fail(
            `holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value} for '${key}': a value is text or a number`,
          );
        }
        saved[key.slice(0, KEY_LENGTH)] = String(value).slice(0, VALUE_LENGTH);
      });
    }
    if (Object.keys(saved).length > 0) {
      const data: SavedExecutionData = { customData: saved };
      ctx.addLogs([{ level: 'info', message: `Saved execution data: ${Object.keys(saved).join(', ')}`, data: { ...data } }]);
    }
    return items;
  },
});
