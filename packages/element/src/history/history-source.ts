import type { Engine, EngineEvent, Execution, ExecutionPage, ExecutionQuery, ExecutionSummary } from '@flowloom/engine';

/** What a retry started from the history reports while it runs. */
export interface HistoryRetryOptions {
  signal: AbortSignal;
  onEvent: (event: EngineEvent) => void;
  /** Which workflow runs: the one kept with the execution (the default), or the saved current version. */
  workflow?: 'original' | 'current';
}

/**
 * Where the editor's run history comes from: the engine in the page, or the
 * editor's server (`history/server-history-source.ts`). Lists are pages
 * with a cursor, so a long history is never loaded whole.
 */
export interface HistorySource {
  /** One page of summaries, newest first, and the cursor of the next page. */
  list(query: ExecutionQuery): Promise<ExecutionPage>;
  /** One execution with its node runs (and, when the source keeps it, the workflow as it ran). */
  get(id: string): Promise<Execution | undefined>;
  /** Runs a failed execution again from the node that failed; resolves with the new execution. */
  retry(id: string, options: HistoryRetryOptions): Promise<Execution>;
  /** The execution as a JSON export document (`flowloom.executions`). */
  export(id: string): Promise<unknown>;
  /** Deletes the execution with its node runs; rejects when there was none. */
  delete(execution: Pick<ExecutionSummary, 'id' | 'tenantId'>): Promise<void>;
}

/** The history of the engine in the page (`engine.executions`), in the tenant the editor runs in. */
export class EngineHistorySource implements HistorySource {
  constructor(readonly engine: Engine) {}

  list(query: ExecutionQuery): Promise<ExecutionPage> {
    return this.engine.executions.list(query);
  }

  get(id: string): Promise<Execution | undefined> {
    return this.engine.executions.get(id);
  }

  retry(id: string, { signal, onEvent, workflow = 'original' }: HistoryRetryOptions): Promise<Execution> {
    return this.engine.executions.retry(id, { signal, onEvent, workflow });
  }

  export(id: string): Promise<unknown> {
    return this.engine.executions.export(id);
  }

  async delete({ id, tenantId }: Pick<ExecutionSummary, 'id' | 'tenantId'>): Promise<void> {
    const deleted = await this.engine.storage.executions.delete(tenantId, [id]);
    if (deleted === 0) throw new Error(`Execution '${id}' was not found in the engine's storage; it may have been deleted already.`);
  }
}

/** The most recent execution of a workflow, with its node runs; undefined when it never ran. */
export async function latestExecution(source: HistorySource, workflowId: string): Promise<Execution | undefined> {
  const { items } = await source.list({ workflowId, limit: 1 });
  const [latest] = items;
  return latest ? source.get(latest.id) : undefined;
}
