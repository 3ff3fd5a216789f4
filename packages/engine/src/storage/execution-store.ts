import type { SerializedError } from '../errors/flowloom.error.js';
import type { Execution, ExecutionMode, ExecutionStatus, NodeRun } from '../model/execution.js';
import type { ExecutionWait } from '../model/execution-wait.js';
import type { RunState } from '../model/run-state.js';

/**
 * Which executions to list or count. Every filter is optional; given filters
 * all apply. Lists are sorted by start time (ties broken by id) and paged
 * with a cursor, which stays correct while new executions are inserted.
 */
export interface ExecutionQuery {
  /** One workflow or any of several. */
  workflowId?: string | readonly string[];
  status?: ExecutionStatus | readonly ExecutionStatus[];
  mode?: ExecutionMode | readonly ExecutionMode[];
  /** Started at or after this instant (ISO 8601). */
  startedFrom?: string;
  /** Started strictly before this instant (ISO 8601). */
  startedTo?: string;
  /** Finished executions that took at least this long. */
  minDurationMs?: number;
  /** Finished executions that took at most this long. */
  maxDurationMs?: number;
  /** The error message contains this text (case-insensitive). */
  errorContains?: string;
  /** Retries of this execution. */
  retryOf?: string;
  /** `desc` (newest first, the default) or `asc`. */
  order?: 'asc' | 'desc';
  /** Page size (default 100, at most 1,000). Ignored by `count`. */
  limit?: number;
  /** Continue after this point: `executionCursor(last item of the previous page)`. Ignored by `count`. */
  cursor?: string;
}

/** An execution without its per-node data, workflow snapshot, wait and run state, as lists show it. */
export type ExecutionSummary = Omit<Execution, 'nodes' | 'workflow' | 'wait' | 'state'>;

/** How an execution ended, as `finish` records it. */
export interface ExecutionResult {
  status: ExecutionStatus;
  finishedAt: string;
  error?: SerializedError;
  /**
   * With status `waiting`: what the execution waits for and how to resume it
   * (plain JSON). Store it as the record's `wait` and return it from `get`;
   * drop it when a later `finish` comes without one.
   */
  wait?: ExecutionWait;
}

/**
 * Where execution records are kept. The engine writes an execution as it
 * goes: `create` when it starts, `appendNodeRun` as each node finishes,
 * `finish` at the end, so a run that dies can still be inspected and
 * retried. Each write is durable once its promise resolves.
 *
 * Lists never load per-node data: an adapter keeps node runs apart from the
 * summaries (another table or object store) and reads them only in `get`.
 */
export interface ExecutionStore {
  /**
   * Records a new execution (its `nodes` are normally empty; `workflow` is
   * kept for retries; `state`, when given, is kept as for `appendNodeRun`).
   */
  create(execution: Execution): Promise<void>;
  /**
   * Adds one node run; rejects when the execution does not exist. With
   * `state`, also replaces the execution's run state, **in the same durable
   * write**: after a crash, the stored state and the stored node runs always
   * agree, so a continued run never runs a recorded node again. `get` returns
   * the latest state as `execution.state`; `finish` drops it.
   */
  appendNodeRun(tenantId: string, executionId: string, run: NodeRun, state?: RunState): Promise<void>;
  /**
   * Takes over a `running` execution for another engine instance: sets its
   * `owner` to `owner` if, and only if, it is still `running` and its owner is
   * still `expectedOwner` (`undefined` matching a record without one), in one
   * atomic step. Resolves true when it did; false otherwise (another engine
   * took it first, or it ended). Crash recovery calls it before continuing a
   * run, so two engines never continue the same one.
   */
  claim(tenantId: string, executionId: string, owner: string, expectedOwner: string | undefined): Promise<boolean>;
  /** Records how the execution ended; rejects when it does not exist. */
  finish(tenantId: string, executionId: string, result: ExecutionResult): Promise<void>;
  /** One execution with its node runs (in run order) and workflow snapshot. */
  get(tenantId: string, id: string): Promise<Execution | undefined>;
  /** One page of summaries, sorted by start time (newest first unless `order: 'asc'`). */
  list(tenantId: string, query?: ExecutionQuery): Promise<ExecutionSummary[]>;
  /** How many executions match the filters (cursor and limit ignored). */
  count(tenantId: string, query?: ExecutionQuery): Promise<number>;
  /** Deletes executions with their node runs; returns how many existed. */
  delete(tenantId: string, ids: readonly string[]): Promise<number>;
  /** Every tenant that has executions, for maintenance such as pruning. */
  tenants(): Promise<string[]>;
}
