import type { Engine, Execution, Logger, Workflow } from '@flowloom/engine';

/** The item an error workflow's trigger receives: the failed execution and its workflow. */
export interface ErrorWorkflowItem {
  execution: {
    id: string;
    status: Execution['status'];
    mode: Execution['mode'];
    startedAt: string;
    finishedAt?: string;
    error?: Execution['error'];
    /** The last node that ran, by name: where it failed. */
    lastNodeExecuted?: string;
    retryOf?: string;
  };
  workflow: { id: string; name: string };
}

/**
 * Runs a workflow's error workflow (`settings.errorWorkflow`, a workflow id
 * of the same tenant) when one of its executions fails, crashes or times out,
 * with the failed execution as the trigger's item. Failures of an error
 * workflow's own runs start nothing, so two workflows naming each other
 * cannot loop. Returns the function that stops listening.
 */
export function runErrorWorkflows(engine: Engine, logger: Logger): () => void {
  /** Executions that are error-workflow runs: their own failure must not start another. */
  const errorRuns = new Set<string>();
  return engine.on('executionFinish', ({ execution }) => {
    if (errorRuns.delete(execution.id)) return;
    if (execution.status !== 'error' && execution.status !== 'crashed') return;
    void (async () => {
      const { tenantId } = execution;
      const stored = await engine.storage.executions.get(tenantId, execution.id);
      const failed: Workflow | undefined = stored?.workflow ?? (await engine.storage.workflows.get(tenantId, execution.workflowId));
      const target = failed?.settings.errorWorkflow;
      if (!failed || !target || target === failed.id) return;
      const errorWorkflow = await engine.storage.workflows.get(tenantId, target);
      if (!errorWorkflow) {
        logger.error(`Workflow '${failed.id}' names the error workflow '${target}', which tenant '${tenantId}' does not have.`, {
          executionId: execution.id,
        });
        return;
      }
      const runs = Object.values(stored?.nodes ?? execution.nodes).flat();
      const last = runs.sort((a, b) => a.order - b.order).at(-1);
      const item: ErrorWorkflowItem = {
        execution: {
          id: execution.id,
          status: execution.status,
          mode: execution.mode,
          startedAt: execution.startedAt,
          ...(execution.finishedAt ? { finishedAt: execution.finishedAt } : {}),
          ...(execution.error ? { error: execution.error } : {}),
          ...(last ? { lastNodeExecuted: last.nodeName } : {}),
          ...(execution.retryOf ? { retryOf: execution.retryOf } : {}),
        },
        workflow: { id: failed.id, name: failed.name },
      };
      await engine.run(errorWorkflow, {
        tenantId,
        mode: 'trigger',
        input: [{ json: item as unknown as Record<string, unknown> }],
        onEvent: (event) => {
          if (event.type === 'executionStart') errorRuns.add(event.execution.id);
        },
      });
    })().catch((error: unknown) =>
      logger.error(`The error workflow of execution '${execution.id}' could not be run.`, {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
}
