import type { RunPlanSnapshot } from './activation.js';
import type { RunState } from './run-state.js';
import type { Item, PortItems } from './item.js';
import type { Workflow } from './workflow.js';

/**
 * Everything needed to resume a `waiting` execution, kept in its record
 * (`execution.wait`) so a persistent storage adapter can store it as JSON
 * and another engine instance can resume it after a restart.
 */
export interface ExecutionWait {
  /** Id of the node that suspended the execution (a Wait node). */
  nodeId: string;
  /** When to resume, as an ISO date; absent when only a webhook call resumes it. */
  resumeAt?: string;
  /** Resumed by a call to `<waiting path>/<execution id>` with this method. */
  webhook?: { method: string };
  /** The suspended activation: its inputs and run index. */
  inputs: PortItems;
  runIndex: number;
  /** What still had to run after the suspended node. */
  plan: RunPlanSnapshot;
  /** The workflow document as it ran. */
  workflow: Workflow;
  /** Run options that must survive the pause. */
  vars: Record<string, unknown>;
  usePinData: boolean;
  /** Nesting level (sub-workflows). */
  depth: number;
  /**
   * Each node's `ctx.state` when the execution suspended (for example Loop
   * Over Items' remaining and returned items), by node id, restored on resume.
   */
  nodeState?: Record<string, Record<string, unknown>>;
  /** The whole run state at the wait (the fields above are kept for storage written before it existed). */
  state?: RunState;
}

/** Given to the activation that resumes a suspended one. */
export interface ResumeInfo {
  /** What resumed it. */
  reason: 'time' | 'webhook';
  /** With `webhook`: the call as an item (query, headers, body). */
  item?: Item;
}
