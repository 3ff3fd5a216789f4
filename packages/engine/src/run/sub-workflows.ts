import { NodeExecutionError } from '../errors/node-execution.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import { isTriggerType } from '../model/node-type-lookup.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { SubWorkflowResult } from '../nodes/node-services.js';
import type { SubWorkflowRunner } from './run-services.js';

/** The output of the last node that ran in an execution (its first port). */
export function lastNodeOutput(execution: Execution): Item[] {
  let last: Execution['nodes'][string][number] | undefined;
  for (const runs of Object.values(execution.nodes)) for (const run of runs) if (!last || run.order > last.order) last = run;
  if (!last) return [];
  const firstPort = Object.keys(last.output)[0];
  return (firstPort === undefined ? undefined : last.output[firstPort]) ?? [];
}

/**
 * Runs sub-workflows for Execute Workflow: loads the workflow (by id from
 * storage, or the document given), starts it at its Execute Workflow Trigger
 * (else its first trigger) in mode `subworkflow`, and returns the output of
 * its last node. Nesting deeper than `maxDepth` fails with a clear error.
 */
export function createSubWorkflowRunner(engine: EngineInternals, maxDepth: number): SubWorkflowRunner {
  return async (request, parent, signal): Promise<SubWorkflowResult> => {
    if (parent.depth + 1 > maxDepth) {
      throw new NodeExecutionError(
        `Sub-workflows are nested more than ${maxDepth} levels deep (workflow '${parent.workflowId}' is at level ${parent.depth}); ` +
          'a workflow probably calls itself. Raise createEngine({ limits: { maxWorkflowDepth } }) if the nesting is intended.',
        { code: 'WORKFLOW_DEPTH_EXCEEDED', retryable: false },
      );
    }
    let workflow: Workflow;
    if (typeof request.workflow === 'string') {
      const stored = await engine.storage.workflows.get(parent.tenantId, request.workflow);
      if (!stored) {
        throw new NodeExecutionError(`No workflow with id '${request.workflow}' is stored for this tenant.`, {
          code: 'WORKFLOW_NOT_FOUND',
          retryable: false,
        });
      }
      workflow = stored;
    } else workflow = request.workflow;
    try {
      workflow = engine.parse(workflow);
    } catch (error) {
      if (error instanceof WorkflowValidationError) {
        throw new NodeExecutionError(`The sub-workflow is not valid: ${error.message}`, { code: 'WORKFLOW_INVALID', retryable: false });
      }
      throw error;
    }
    const triggers = workflow.nodes.filter((n) => {
      const type = engine.nodeTypes.get(n.type, n.typeVersion);
      return !n.disabled && type !== undefined && isTriggerType(type);
    });
    const start = triggers.find((n) => n.type === 'core.executeWorkflowTrigger') ?? triggers[0];
    const executionId = engine.newId();
    const pending = engine.execute(workflow, {
      tenantId: parent.tenantId,
      mode: 'subworkflow',
      ...(start ? { startNode: start.id } : {}),
      input: request.items,
      signal,
      executionId,
      depth: parent.depth + 1,
    });
    if (request.wait === false) {
      pending.catch((error: unknown) => engine.logger.error(`Sub-workflow execution '${executionId}' failed to start.`, { error }));
      return { executionId, status: 'running', items: [] };
    }
    const execution = await pending;
    if (execution.status === 'error' || execution.status === 'canceled' || execution.status === 'crashed') {
      throw new NodeExecutionError(
        `Sub-workflow '${workflow.name || workflow.id}' failed: ${execution.error?.message ?? execution.status}`,
        { code: 'SUBWORKFLOW_FAILED', retryable: false, details: { executionId: execution.id, error: execution.error } },
      );
    }
    if (execution.status === 'waiting') {
      throw new NodeExecutionError(
        `Sub-workflow '${workflow.name || workflow.id}' went to wait (execution '${execution.id}'), so it has no output to return yet; ` +
          "turn off 'Wait for sub-workflow completion' to start workflows that wait.",
        { code: 'SUBWORKFLOW_WAITING', retryable: false, details: { executionId: execution.id } },
      );
    }
    return { executionId: execution.id, status: execution.status, items: lastNodeOutput(execution) };
  };
}
