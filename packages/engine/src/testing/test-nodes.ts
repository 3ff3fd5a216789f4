import { z } from 'zod';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import { defineNode } from '../nodes/define-node.js';

/** Emits the items in its `items` parameter (ignoring its input). */
export const emitItemsNode = defineNode({
  type: 'test.emitItems',
  version: 1,
  displayName: 'Emit Items',
  description: 'Test helper: outputs the JSON objects listed in its parameters.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ items: z.array(z.record(z.string(), z.unknown())).default([]) }),
  execute: (ctx) => ctx.params().items.map((json) => ({ json })),
});

/** Fails its first `failTimes` tries of each activation, then passes items through. */
export const flakyNode = defineNode({
  type: 'test.flaky',
  version: 1,
  displayName: 'Flaky',
  description: 'Test helper: throws on the first tries, then succeeds.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    failTimes: z.number().int().min(0).default(1_000_000),
    message: z.string().default('flaky failure'),
    retryable: z.boolean().default(true),
  }),
  execute(ctx) {
    const key = `${ctx.execution.id}/${ctx.node.id}/${ctx.runIndex}`;
    const tries = (flakyTries.get(key) ?? 0) + 1;
    flakyTries.set(key, tries);
    const { failTimes, message, retryable } = ctx.params();
    if (tries <= failTimes) throw new NodeExecutionError(message, { retryable });
    return ctx.input().map((item) => ({ json: { ...item.json, tries } }));
  },
});
const flakyTries = new Map<string, number>();

/** Waits `ms` (honouring cancellation when `honourSignal`), then passes items through. */
export const sleepNode = defineNode({
  type: 'test.sleep',
  version: 1,
  displayName: 'Sleep',
  description: 'Test helper: waits, then passes items through.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ ms: z.number().int().min(0), honourSignal: z.boolean().default(true) }),
  async execute(ctx) {
    const { ms, honourSignal } = ctx.params();
    await new Promise<void>((resolve, reject) => {
      const handle = setTimeout(resolve, ms);
      if (honourSignal) {
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(handle);
          reject(ctx.signal.reason);
        });
      }
    });
    return ctx.input();
  },
});

/** Routes each item to `even` or `odd` by a numeric field, to test multi-output order. */
export const parityNode = defineNode({
  type: 'test.parity',
  version: 1,
  displayName: 'Parity',
  description: 'Test helper: routes items by whether a field is even or odd.',
  group: 'flow',
  inputs: ['main'],
  outputs: ['even', 'odd'],
  properties: z.object({ field: z.string().default('n') }),
  execute(ctx) {
    const { field } = ctx.params();
    const even = ctx.input().filter((i) => Number(i.json[field]) % 2 === 0);
    const odd = ctx.input().filter((i) => Number(i.json[field]) % 2 !== 0);
    return { even, odd };
  },
});

/** Joins two inputs by appending `b` after `a`; waits for both like a Merge. */
export const joinNode = defineNode({
  type: 'test.join',
  version: 1,
  displayName: 'Join',
  description: 'Test helper: outputs the items of input a, then of input b.',
  group: 'flow',
  inputs: ['a', 'b'],
  outputs: ['main'],
  properties: z.object({}),
  execute: (ctx) => [...ctx.input('a'), ...ctx.input('b')],
});

/** Re-emits items on `loop` until they have gone round `times` times, then on `done`. */
export const countLoopNode = defineNode({
  type: 'test.countLoop',
  version: 1,
  displayName: 'Count Loop',
  description: 'Test helper: a loop node that lets items round a cycle a fixed number of times.',
  group: 'flow',
  loop: true,
  inputs: ['main'],
  outputs: ['loop', 'done'],
  properties: z.object({ times: z.number().int().min(0).default(2) }),
  execute(ctx) {
    const { times } = ctx.params();
    const items = ctx.input().map((i) => ({ json: { ...i.json, rounds: ctx.runIndex } }));
    return ctx.runIndex < times ? { loop: items } : { done: items };
  },
});

/** Every test node type. */
export const testNodeTypes = [emitItemsNode, flakyNode, sleepNode, parityNode, joinNode, countLoopNode];
