import { z } from 'zod';
import { defineNode } from '../define-node.js';
import { conditionGroupShape, conditionOptionsShape } from './conditions/condition-schema.js';
import { partitionItems } from './conditions/partition-items.js';

/** Routes each item to `true` or `false` by a set of conditions. */
export const ifNode = defineNode({
  type: 'core.if',
  version: 1,
  displayName: 'If',
  description: 'Routes items to the true or false output depending on conditions.',
  group: 'flow',
  icon: 'git-branch',
  inputs: ['main'],
  outputs: ['true', 'false'],
  properties: z.object({ ...conditionGroupShape, ...conditionOptionsShape }),
  async execute(ctx) {
    const { kept, discarded } = await partitionItems(ctx);
    return { true: kept, false: discarded };
  },
});
