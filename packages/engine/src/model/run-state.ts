import type { SerializedError } from '../errors/flowloom.error.js';
import type { Activation } from './activation.js';
import type { PortItems } from './item.js';

/**
 * Where a run stands, as plain data: what is left to run, how often each node
 * ran, the node running now, and each node's `ctx.state`. The engine saves it
 * with every node run it records (`ExecutionStore.appendNodeRun`), so a run
 * that stopped (a crash, a wait, a move to another process) continues from it
 * without running a recorded node again.
 */
export interface RunState {
  /** Activations ready to run; the last one runs next (depth first). */
  stack: Activation[];
  /** Nodes with several inputs that wait for the others (oldest first). */
  parked: Activation[];
  /** Runs of each node so far: the next run's index. */
  runCounts: Record<string, number>;
  /** Activations recorded so far: the next record's `order`. */
  order: number;
  /** The activation under way, from its `run` effect until its result is recorded. */
  current?: CurrentActivation;
  /** Each node's `ctx.state`, by node id. */
  nodeState: Record<string, Record<string, unknown>>;
  /** How the run ended; absent while it goes on. */
  outcome?: RunOutcome;
}

/** The activation under way. */
export interface CurrentActivation {
  nodeId: string;
  inputs: PortItems;
  runIndex: number;
  /** The try under way (1 for the first). */
  tries: number;
  /** Set when the node runs again after its wait ended. */
  resumed?: boolean;
  /** Set while a waiting execution is stored: when (ms since the epoch) and how it resumes. */
  wait?: { resumeAt?: number; webhook?: { method: string } };
}

/** How a run ended. */
export interface RunOutcome {
  status: 'success' | 'error' | 'canceled' | 'waiting';
  error?: SerializedError;
}
