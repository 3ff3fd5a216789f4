import type { SerializedError } from '../errors/flowloom.error.js';
import type { RunState } from './run-state.js';
import type { PortItems } from './item.js';
import type { ExecutionWait } from './execution-wait.js';
import type { Workflow } from './workflow.js';

/** Why an execution was started. */
export type ExecutionMode = 'manual' | 'webhook' | 'schedule' | 'trigger' | 'subworkflow' | 'retry';
export const EXECUTION_MODES: readonly ExecutionMode[] = ['manual', 'webhook', 'schedule', 'trigger', 'subworkflow', 'retry'];

export type ExecutionStatus = 'running' | 'success' | 'error' | 'canceled' | 'waiting' | 'crashed';

/** One activation of one node. */
export interface NodeRun {
  nodeId: string;
  nodeName: string;
  /** 0 for the node's first activation in the execution, then 1, 2... */
  runIndex: number;
  /** Position of this run in the execution, from 0: the order nodes ran in. */
  order: number;
  /** `error` with outputs present means the node failed and continued (`onError`). */
  status: 'success' | 'error' | 'canceled';
  startedAt: string;
  finishedAt: string;
  /** How many tries it took (more than 1 after retries). */
  tries: number;
  input: PortItems;
  output: PortItems;
  error?: SerializedError;
  /** Output came from the workflow's pin data, not from running the node. */
  pinned?: boolean;
  /** The node is disabled and passed its input through. */
  disabled?: boolean;
  /** Output copied from the execution this one retries; the node did not run again. */
  reused?: boolean;
  /** Items left out of the stored input and output by the workflow's per-node item cap. */
  droppedItems?: number;
  /** Console lines the node's user code wrote (Code node), and what a node reported as it ran (an AI node's calls), in order. */
  logs?: NodeLogEntry[];
}

/** One console line captured while a node ran, or one thing the node reports (a model call), with its detail as data. */
export interface NodeLogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
  /**
   * Plain JSON detail for tools that show it (an AI node's model call: its
   * messages, token counts, latency and cost); redacted as the rest of the
   * record is.
   */
  data?: Record<string, unknown>;
}

/** The record of one run of a workflow. */
export interface Execution {
  id: string;
  workflowId: string;
  tenantId: string;
  status: ExecutionStatus;
  mode: ExecutionMode;
  startedAt: string;
  finishedAt?: string;
  error?: SerializedError;
  /** The execution this one retries (mode `retry`). */
  retryOf?: string;
  /** The engine instance that ran it; crash recovery uses it to find runs whose engine died. */
  owner?: string;
  /** The workflow as it ran. Storage keeps it for retries; lists and run results leave it out. */
  workflow?: Workflow;
  /** Set while `status` is `waiting`: what the execution waits for and how to resume it. */
  wait?: ExecutionWait;
  /**
   * Set while `status` is `running`: where the run stands after its last
   * recorded node run (saved with it), so another engine can continue it
   * after this one stopped. Storage keeps it; lists and run results leave it out.
   */
  state?: RunState;
  /** Node id -> its runs in order. */
  nodes: Record<string, NodeRun[]>;
}
