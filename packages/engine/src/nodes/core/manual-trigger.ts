import { z } from 'zod';
import { defineNode } from '../define-node.js';

/** Starts a run when someone presses Run (or calls `engine.run`). */
export const manualTrigger = defineNode({
  type: 'core.manualTrigger',
  version: 1,
  displayName: 'Manual Trigger',
  description: 'Starts the workflow when you run it by hand. Emits the run input, or one empty item.',
  group: 'trigger',
  icon: 'play',
  inputs: [],
  outputs: ['main'],
  properties: z.object({}),
  execute(ctx) {
    const items = ctx.input();
    return items.length > 0 ? items : [{ json: {} }];
  },
});
