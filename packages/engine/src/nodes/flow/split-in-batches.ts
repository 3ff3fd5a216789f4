import { z } from 'zod';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';

/**
 * What expressions read as the node's context (`$node["Loop"].context`,
 * `$('Loop').context`, `$node("Loop").context`), with n8n's names and values.
 */
interface LoopContext {
  /** The activation's index within the loop under way: 0 for the one that took the input, then one more each time. */
  currentRunIndex: number;
  /** How many batches the input made (the input's size divided by the batch size, rounded up). */
  maxRunIndex: number;
  /** Whether no batch is left to send: true once the last batch has been sent, and at the end. */
  noItemsLeft: boolean;
  /** Whether this activation ended the loop (sent everything on `done` instead of a batch on `loop`). */
  done: boolean;
}

/** What Loop Over Items keeps in `ctx.state` between its activations in one execution. */
interface LoopState {
  /** Items not yet sent on `loop`. */
  remaining?: Item[];
  /** Items that came back from the loop body, sent on `done` at the end. */
  returned?: Item[];
  /** Whether a loop is under way (the next arrival is items coming back, not new input). */
  active?: boolean;
  /** The node's context as expressions read it; kept after the loop ends, until the next one starts. */
  context?: LoopContext;
}

/**
 * Sends its input items round a loop in batches: each batch leaves on `loop`;
 * the items the loop body sends back are collected, and when no batch is left
 * they all leave on `done`. Expressions read where the loop stands through
 * the node's context: `currentRunIndex`, `maxRunIndex`, `noItemsLeft`, `done`.
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
      state.context = { currentRunIndex: 0, maxRunIndex: Math.ceil(input.length / batchSize), noItemsLeft: false, done: false };
    } else {
      for (const item of input) state.returned!.push(item);
      state.context!.currentRunIndex += 1;
    }
    const remaining = state.remaining!;
    const context = state.context!;
    if (remaining.length === 0) {
      const done = state.returned!;
      state.active = false;
      state.remaining = undefined;
      state.returned = undefined;
      context.noItemsLeft = true;
      context.done = true;
      return { done };
    }
    const batch = remaining.splice(0, batchSize);
    context.noItemsLeft = remaining.length === 0;
    context.done = false;
    return { loop: batch };
  },
});
