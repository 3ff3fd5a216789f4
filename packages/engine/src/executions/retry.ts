import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { Execution, NodeRun } from '../model/execution.js';
import { RetryError } from './retry.error.js';

/**
 * Stored node runs of an earlier execution, handed back one activation at a
 * time while a retry replays the same path: the run loop asks for
 * (node, run index) before running a node and uses the stored output
 * instead. Replay ends at the first activation without a successful stored
 * run (the node that failed, or the one a crash interrupted); from there on
 * everything runs for real.
 */
export class RunReplay {
  readonly #runs = new Map<string, NodeRun>();
  #active = true;

  constructor(runs: Iterable<NodeRun>) {
    for (const run of runs) if (run.status === 'success') this.#runs.set(`${run.nodeId}#${run.runIndex}`, run);
  }

  /** The stored run to reuse for this activation, or undefined (which ends the replay). */
  take(nodeId: string, runIndex: number): NodeRun | undefined {
    if (!this.#active) return undefined;
    const run = this.#runs.get(`${nodeId}#${runIndex}`);
    if (!run) this.#active = false;
    return run;
  }
}

/** Where a retry starts and what it replays. */
export interface RetryPlan {
  workflow: Workflow;
  /** The trigger the original started at. */
  startNodeId: string;
  /** The items that trigger emitted. */
  input: Item[];
  replay: RunReplay;
}

/** Which workflow a retry runs: the snapshot kept with the execution, or the stored current version. */
export type RetryWorkflowChoice = 'original' | 'current';

/** Node runs of an execution in the order they ran. */
export function runsInOrder(execution: Execution): NodeRun[] {
  return Object.values(execution.nodes)
    .flat()
    .sort((a, b) => a.order - b.order);
}

/**
 * Checks that an execution can be retried and works out how. Throws a
 * `RetryError` saying why not: still running, succeeded, kept without node
 * data, or its data was cut by the item cap.
 */
export function planRetry(original: Execution, workflow: Workflow | undefined, choice: RetryWorkflowChoice | 'given'): RetryPlan {
  const id = original.id;
  if (original.status === 'running' || original.status === 'waiting') {
    throw new RetryError('RETRY_UNAVAILABLE', `Execution '${id}' is still ${original.status}; only a finished execution can be retried.`);
  }
  if (original.status === 'success') {
    throw new RetryError(
      'RETRY_UNAVAILABLE',
      `Execution '${id}' succeeded; there is no failed node to retry from. Run the workflow again instead.`,
    );
  }
  if (!workflow) {
    throw new RetryError(
      'RETRY_UNAVAILABLE',
      choice === 'current'
        ? `Execution '${id}' cannot be retried with the current workflow: workflow '${original.workflowId}' is not in storage.`
        : `Execution '${id}' was stored without its workflow; retry it with the current workflow instead.`,
    );
  }
  const runs = runsInOrder(original);
  const first = runs[0];
  if (!first) {
    throw new RetryError(
      'RETRY_UNAVAILABLE',
      `Execution '${id}' has no stored node runs to continue from; run the workflow again instead.`,
    );
  }
  const cut = runs.find((r) => r.status === 'success' && (r.droppedItems ?? 0) > 0);
  if (cut) {
    throw new RetryError(
      'RETRY_UNAVAILABLE',
      `Execution '${id}' cannot be retried from stored data: ${cut.droppedItems} items of node '${cut.nodeName}' were not kept ` +
        `(the workflow's saveExecutions settings). Run the workflow again instead.`,
    );
  }
  if (!workflow.nodes.some((n) => n.id === first.nodeId)) {
    throw new RetryError(
      'RETRY_UNAVAILABLE',
      `Execution '${id}' started at node '${first.nodeName}', which the ${choice === 'current' ? 'current ' : ''}workflow no longer has.`,
    );
  }
  return { workflow, startNodeId: first.nodeId, input: first.input['main'] ?? [], replay: new RunReplay(runs) };
}
