import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import type { Workflow } from '../../../model/workflow.js';
import { defineNode } from '../../define-node.js';

/**
 * Runs another workflow (stored, by id, or given as JSON) with this node's
 * items, waits for it and emits the output of its last node. The other
 * workflow starts at its Execute Workflow Trigger, in mode `subworkflow`.
 */
export const executeWorkflow = defineNode({
  type: 'core.executeWorkflow',
  version: 1,
  displayName: 'Execute Workflow',
  description: 'Runs another workflow with the incoming items and returns its output.',
  group: 'flow',
  icon: 'workflow',
  inputs: ['main'],
  outputs: ['main'],
  properties: z
    .object({
      source: z
        .enum(['database', 'parameter'])
        .default('database')
        .meta({
          label: 'Source',
          options: [
            { value: 'database', label: 'Stored workflow (by id)' },
            { value: 'parameter', label: 'Workflow JSON' },
          ],
        }),
      workflowId: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .optional()
        .meta({ label: 'Workflow id', displayOptions: { show: { source: ['database'] } } }),
      workflowJson: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .optional()
        .meta({ label: 'Workflow JSON', editor: 'json', displayOptions: { show: { source: ['parameter'] } } }),
      mode: z
        .enum(['once', 'each'])
        .default('once')
        .meta({
          label: 'Mode',
          options: [
            { value: 'once', label: 'Run once with all items' },
            { value: 'each', label: 'Run once for each item' },
          ],
        }),
      waitForCompletion: z.boolean().default(true).meta({
        label: 'Wait for sub-workflow completion',
        description: 'Off: start it and pass the incoming items on at once.',
      }),
    })
    .superRefine((p, ctx) => {
      if (p.source === 'database' && p.workflowId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['workflowId'], message: 'is required when the source is a stored workflow' });
      }
      if (p.source === 'parameter' && p.workflowJson === undefined) {
        ctx.addIssue({ code: 'custom', path: ['workflowJson'], message: 'is required when the source is workflow JSON' });
      }
    }),
  async execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    let target: string | Workflow;
    if (p.source === 'database') target = p.workflowId!;
    else if (typeof p.workflowJson === 'string') {
      try {
        target = JSON.parse(p.workflowJson) as Workflow;
      } catch (error) {
        throw new NodeExecutionError(`Node '${ctx.node.name}': parameter 'workflowJson' is not valid JSON: ${(error as Error).message}`, {
          code: 'PARAMETER_INVALID',
          retryable: false,
        });
      }
    } else target = p.workflowJson as unknown as Workflow;
    const wait = p.waitForCompletion;
    if (p.mode === 'once') {
      const result = await ctx.executeWorkflow({ workflow: target, items, wait });
      return wait ? result.items : items;
    }
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const result = await ctx.executeWorkflow({ workflow: target, items: [items[i]!], wait });
      if (!wait) out.push(items[i]!);
      else for (const item of result.items) out.push({ ...item, pairedItem: { item: i } });
    }
    return out;
  },
});
