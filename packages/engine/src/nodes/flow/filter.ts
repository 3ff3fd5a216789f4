import { z } from 'zod';
import { defineNode } from '../define-node.js';
import { filterOutputs } from './filter-ports.js';
import { conditionGroupShape, conditionOptionsShape } from './conditions/condition-schema.js';
import { partitionItems } from './conditions/partition-items.js';

const properties = z.object({
  ...conditionGroupShape,
  ...conditionOptionsShape,
  discardedOutput: z.boolean().default(false).meta({
    label: 'Output Discarded Items',
    description: "Send the items that fail the conditions to a second output, 'discarded', instead of dropping them.",
  }),
});

/** Keeps the items that pass a set of conditions and drops (or routes aside) the rest. */
export const filterNode = defineNode({
  type: 'core.filter',
  version: 1,
  displayName: 'Filter',
  description: 'Keeps only the items that match the conditions. The run record shows how many were kept and discarded.',
  group: 'flow',
  icon: 'filter',
  inputs: ['main'],
  outputs: filterOutputs,
  properties,
  async execute(ctx) {
    const { kept, discarded } = await partitionItems(ctx);
    ctx.logger.debug(
      `Node '${ctx.node.name}' kept ${kept.length} and discarded ${discarded.length} of ${kept.length + discarded.length} items.`,
    );
    const withDiscarded = (ctx.node.parameters as { discardedOutput?: unknown }).discardedOutput === true;
    return withDiscarded ? { main: kept, discarded } : { main: kept };
  },
});
