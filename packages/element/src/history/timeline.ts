import type { Execution, NodeRun } from '@flowloom/engine';

/** One bar of an execution's timeline: one node run, placed from the execution's start. */
export interface TimelineBar {
  nodeId: string;
  nodeName: string;
  runIndex: number;
  status: NodeRun['status'];
  /** Milliseconds from the execution's start to the run's start. */
  offsetMs: number;
  durationMs: number;
  /** The output was reused from the execution a retry repeats, or came from pin data: the node did not run. */
  reused: boolean;
}

/** The node runs of an execution in the order they ran, and the span they cover. */
export interface Timeline {
  bars: TimelineBar[];
  /** From the execution's start to the end of its last node run (or its own end, when later). */
  totalMs: number;
}

const ms = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));

/**
 * Where each node run of an execution sits in time, for the history's bar
 * chart. Times that cannot be read (a record from elsewhere) count as zero
 * rather than hiding the run.
 */
export function executionTimeline(execution: Execution): Timeline {
  const start = ms(execution.startedAt);
  const runs = Object.values(execution.nodes)
    .flat()
    .sort((a, b) => a.order - b.order);
  let totalMs = Math.max(0, ms(execution.finishedAt) - start) || 0;
  const bars = runs.map((run): TimelineBar => {
    const offsetMs = Math.max(0, ms(run.startedAt) - start) || 0;
    const durationMs = Math.max(0, ms(run.finishedAt) - ms(run.startedAt)) || 0;
    totalMs = Math.max(totalMs, offsetMs + durationMs);
    return {
      nodeId: run.nodeId,
      nodeName: run.nodeName,
      runIndex: run.runIndex,
      status: run.status,
      offsetMs,
      durationMs,
      reused: run.reused === true || run.pinned === true,
    };
  });
  return { bars, totalMs };
}

/** The node run an execution failed at: the last run with an error, else the node its error names. */
export function failedNodeId(execution: Execution): string | undefined {
  const failed = Object.values(execution.nodes)
    .flat()
    .filter((run) => run.status === 'error')
    .sort((a, b) => b.order - a.order)[0];
  return failed?.nodeId ?? execution.error?.node?.id;
}
