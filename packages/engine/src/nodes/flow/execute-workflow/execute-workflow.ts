import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import type { Workflow } from '../../../model/workflow.js';
import { defineNode } from '../../define-node.js';

/**
 * The items sent to the other workflow: each incoming item with the
 * workflow inputs set over its fields (evaluated for that item) and the
 * inputs left out removed, as n8n fills a sub-workflow's declared inputs.
 */
function itemsToSend(
  items: Item[],
  inputsOf: (index: number) => { workflowInputs?: Record<string, unknown>; removedInputs: string[] },
): Item[] {
  return items.map((item, index) => {
    const { workflowInputs, removedInputs } = inputsOf(index);
    if (workflowInputs === undefined && removedInputs.length === 0) return item;
    const json = { ...item.json, ...workflowInputs };
    for (const name of removedInputs) delete json[name];
    return { ...item, json };
  });
}

/**
 * Runs another workflow (stored, by id, or given as JSON) with this node's
 * items, waits for it and emits the output of its last node. The other
 * workflow starts at its Execute Workflow Trigger, in mode `subworkflow`;
 * `workflowInputs` fills the fields its trigger declares. An empty
 * `workflowId` (a workflow not chosen yet) fails when the node runs.
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
        .optional()
        .meta({ label: 'Workflow id', displayOptions: { show: { source: ['database'] } } }),
      workflowJson: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .optional()
        .meta({ label: 'Workflow JSON', editor: 'json', displayOptions: { show: { source: ['parameter'] } } }),
      workflowInputs: z.record(z.string(), z.unknown()).optional().meta({
        label: 'Workflow inputs',
        description:
          "Values by field name (the inputs the called workflow's trigger declares), set over each item's own fields; expressions read that item.",
        editor: 'json',
      }),
      removedInputs: z.array(z.string().min(1, 'must not be empty')).default([]).meta({
        label: 'Inputs left out',
        description: 'Fields removed from each item sent, so the called workflow gets none of that name.',
      }),
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
    const p = ctx.params(0);
    // Only the mapped inputs differ from item to item: the rest is read once.
    const items = itemsToSend(ctx.input(), (index) => (index === 0 || p.workflowInputs === undefined ? p : ctx.params(index)));
    let target: string | Workflow;
    if (p.source === 'database') {
      if (p.workflowId === '') {
        throw new NodeExecutionError(`Node '${ctx.node.name}': parameter 'workflowId' is empty: choose the workflow to run.`, {
          code: 'PARAMETER_INVALID',
          retryable: false,
        });
      }
      target = p.workflowId!;
    } else if (typeof p.workflowJson === 'string') {
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
