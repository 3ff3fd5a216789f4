import { z } from 'zod';
import { defineNode } from '../define-node.js';

/** Passes its items on unchanged: a place to join branches or to label a step. */
export const noOp = defineNode({
  type: 'core.noOp',
  version: 1,
  displayName: 'No Operation',
  description: 'Does nothing: passes its input items through unchanged.',
  group: 'flow',
  icon: 'arrow-right',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  execute: (ctx) => ctx.input(),
});
