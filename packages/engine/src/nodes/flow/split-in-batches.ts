import { z } from 'zod';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';

/** What Loop Over Items keeps in `ctx.state` between its activations in one execution. */
interface LoopState {
  /** Items not yet sent on `loop`. */
  remaining?: Item[];
  /** Items that came back from the loop body, sent on `done` at the end. */
  returned?: Item[];
  /** Whether a loop is under way (the next arrival is items coming back, not new input). */
  active?: boolean;
}

/**
 * Sends its input items round a loop in batches: each batch leaves on `loop`;
 * the items the loop body sends back are collected, and when no batch is left
 * they all leave on `done`.
 */
export const splitInBatchesNode = defineNode({
  type: 'core.splitInBatches',
  version: 1,
  displayName: 'Loop Over Items',
  description:
    "Splits the input into batches and sends them round a loop one at a time; when all are done, outputs everything the loop returned on 'done'.",
  group: 'flow',
  icon: 'repeat',
  loop: true,
  inputs: ['main'],
  outputs: ['done', 'loop'],
  properties: z.object({
    batchSize: z.number().int().min(1).default(1).meta({ label: 'Batch Size', description: 'How many items each round of the loop gets.' }),
    reset: z.boolean().default(false).meta({
      label: 'Reset',
      description: "Treat every arrival as new input and start over, instead of taking items that come back as the loop body's results.",
    }),
  }),
  execute(ctx) {
    const { batchSize, reset } = ctx.params(0);
    const state = ctx.state as LoopState;
    const input = ctx.input();
    if (!state.active || reset) {
      state.remaining = input.slice();
      state.returned = [];
      state.active = true;
    } else {
      for (const item of input) state.returned!.push(item);
    }
    const remaining = state.remaining!;
    if (remaining.length === 0) {
      const done = state.returned!;
      state.active = false;
      state.remaining = undefined;
      state.returned = undefined;
      return { done };
    }
    return { loop: remaining.splice(0, batchSize) };
  },
});
