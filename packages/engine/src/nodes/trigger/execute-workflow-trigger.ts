import { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { defineNode } from '../define-node.js';

/**
 * Where a sub-workflow starts when another workflow runs it with Execute
 * Workflow: emits the items it was given.
 */
export const executeWorkflowTrigger = defineNode({
  type: 'core.executeWorkflowTrigger',
  version: 1,
  displayName: 'Execute Workflow Trigger',
  description: 'Starts this workflow when another workflow runs it with Execute Workflow; emits the items it receives.',
  group: 'trigger',
  icon: 'log-in',
  inputs: [],
  outputs: ['main'],
  properties: z.object({
    requiredFields: z.array(z.string().min(1, 'must not be empty')).default([]).meta({
      label: 'Required fields',
      description: 'Fields every incoming item must have; the run fails naming the first one missing.',
    }),
  }),
  execute(ctx) {
    const items = ctx.input();
    const { requiredFields } = ctx.params(0);
    items.forEach((item, index) => {
      for (const field of requiredFields) {
        if (!(field in item.json)) {
          throw new NodeExecutionError(
            `Node '${ctx.node.name}': input item ${index} has no field '${field}' (parameter 'requiredFields').`,
            { code: 'PARAMETER_INVALID', retryable: false },
          );
        }
      }
    });
    return items.length > 0 ? items : [{ json: {} }];
  },
});
