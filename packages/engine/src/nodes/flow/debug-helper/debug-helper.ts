import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { RANDOM_DATA_TYPES, RECORD_DATA_TYPES, randomData, seededRandom } from './random-data.js';

const show = (category: string, more: Record<string, string[]> = {}) => ({ show: { category: [category], ...more } });

const properties = z.object({
  category: z
    .enum(['randomData', 'throwError', 'doNothing'])
    .default('randomData')
    .meta({
      label: 'Category',
      noExpression: true,
      options: [
        { value: 'randomData', label: 'Generate random data', description: 'Test records: users, addresses, emails, cards, ids...' },
        { value: 'throwError', label: 'Throw an error', description: 'Fails the run with the message, when items arrive.' },
        { value: 'doNothing', label: 'Do nothing', description: 'Emits no items.' },
      ],
    }),
  errorMessage: z
    .string()
    .default('Node has thrown an error')
    .meta({ label: 'Error message', displayOptions: show('throwError') }),
  dataType: z
    .enum(RANDOM_DATA_TYPES)
    .default('user')
    .meta({
      label: 'Data type',
      noExpression: true,
      description: 'Records (user, email, address, credit card) become items; a single value is an item holding it in `value`.',
      displayOptions: show('randomData'),
    }),
  count: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(10)
    .meta({ label: 'Number of items', displayOptions: show('randomData') }),
  seed: z
    .string()
    .default('')
    .meta({
      label: 'Seed',
      description: 'The same seed makes the same data on every run; empty: different data each run.',
      displayOptions: show('randomData'),
    }),
  singleArray: z
    .boolean()
    .default(false)
    .meta({
      label: 'Output as a single array',
      description: 'One item holding them all in `generatedItems`, instead of one item each.',
      displayOptions: show('randomData'),
    }),
  nanoidAlphabet: z
    .string()
    .min(1, 'must not be empty')
    .default('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')
    .meta({ label: 'NanoId alphabet', displayOptions: show('randomData', { dataType: ['nanoid'] }) }),
  nanoidLength: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .meta({ label: 'NanoId length', displayOptions: show('randomData', { dataType: ['nanoid'] }) }),
});

/**
 * Makes trouble and test data on purpose, once for each incoming item:
 * random records (from the engine's random source, or from a seed, so that
 * they are the same on every run), an error with a message, or nothing at all.
 */
export const debugHelperNode = defineNode({
  type: 'core.debugHelper',
  version: 1,
  displayName: 'Debug Helper',
  description: 'Generates random test data (users, addresses, emails, ids...), throws an error on purpose, or emits nothing.',
  group: 'utility',
  icon: 'bug',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      if (p.category === 'doNothing') continue;
      if (p.category === 'throwError') throw new NodeExecutionError(p.errorMessage, { code: 'STOPPED_BY_WORKFLOW', retryable: false });
      const make = randomData(p.seed === '' ? () => ctx.random() : seededRandom(p.seed));
      const one = (): unknown => (p.dataType === 'nanoid' ? make.nanoid(p.nanoidAlphabet, p.nanoidLength) : make[p.dataType]());
      const generated = Array.from({ length: p.count }, one);
      if (p.singleArray) out.push({ json: { generatedItems: generated }, pairedItem: { item: i } });
      else {
        const record = RECORD_DATA_TYPES.includes(p.dataType);
        for (const value of generated) out.push({ json: record ? (value as Record<string, unknown>) : { value }, pairedItem: { item: i } });
      }
    }
    return out;
  },
});
