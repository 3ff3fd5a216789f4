import type { SerializedError } from '../errors/flowloom.error.js';
import type { Execution, ExecutionMode, ExecutionStatus, NodeRun } from '../run/execution.js';

/** An execution without its per-node data, as lists show it. */
export type ExecutionSummary = Omit<Execution, 'nodes'>;

export interface ExecutionQuery {
  workflowId?: string;
  status?: ExecutionStatus;
  mode?: ExecutionMode;
  /** At most this many, newest first (default 100). */
  limit?: number;
}

/**
 * Where execution records are kept. The engine writes an execution as it
 * goes: `create` when it starts, `appendNodeRun` as each node finishes,
 * `finish` at the end, so a run that dies can still be inspected.
 */
export interface ExecutionStore {
  create(execution: Execution): Promise<void>;
  appendNodeRun(tenantId: string, executionId: string, run: NodeRun): Promise<void>;
  finish(
    tenantId: string,
    executionId: string,
    result: {
      status: ExecutionStatus;
      finishedAt: string;
      error?: SerializedError;
    },
  ): Promise<void>;
  /** One execution with its node runs. */
  get(tenantId: string, id: string): Promise<Execution | undefined>;
  /** Summaries, newest first; never loads per-node data. */
  list(tenantId: string, query?: ExecutionQuery): Promise<ExecutionSummary[]>;
}
