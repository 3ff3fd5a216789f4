import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { systemClock } from '../ports/clock.js';
import type { ExecutionStatus } from '../model/execution.js';
import type { ExecutionStore } from '../storage/execution-store.js';
import { executionDurationMs } from '../storage/execution-query.js';
import { allExecutions } from './execution-pages.js';

/** Which executions analytics look at. */
export interface AnalyticsQuery {
  /** One workflow (default: the whole tenant). */
  workflowId?: string;
  /** Started at or after this instant (ISO; default: 30 days before `now`). */
  from?: string;
  /** Started before this instant (ISO; default: no end). */
  to?: string;
  /** How many slowest nodes to report (default 10). */
  slowestNodes?: number;
  /** How many of the most recent finished executions to open for node timings (default 200). */
  nodeSample?: number;
  /** Current time in epoch milliseconds (default: `systemClock.now`, the platform's time). */
  now?: () => number;
}

/** The keys `AnalyticsQuery` accepts. */
export const ANALYTICS_QUERY: OptionSpec<AnalyticsQuery> = {
  workflowId: true,
  from: true,
  to: true,
  slowestNodes: true,
  nodeSample: true,
  now: true,
};

/** Duration figures in milliseconds, over finished executions. */
export interface DurationStats {
  average: number;
  p50: number;
  p95: number;
}

/** One node among the slowest, averaged over the sampled executions. */
export interface SlowNode {
  workflowId: string;
  nodeId: string;
  nodeName: string;
  runs: number;
  averageMs: number;
  maxMs: number;
}

/** Execution analytics for a tenant or one workflow. */
export interface ExecutionAnalytics {
  total: number;
  byStatus: Partial<Record<ExecutionStatus, number>>;
  /** Successful among finished (success, error, canceled, crashed), from 0 to 1; undefined when none finished. */
  successRate: number | undefined;
  durationMs: DurationStats | undefined;
  /** Executions started per UTC day, oldest first, days without executions left out. */
  perDay: { day: string; total: number; success: number; failed: number }[];
  slowestNodes: SlowNode[];
}

const FINISHED = new Set<ExecutionStatus>(['success', 'error', 'canceled', 'crashed']);

/** The value below which `p` of the sorted values fall (nearest rank). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Counts by status, success rate, average / p50 / p95 duration, executions
 * per day and the slowest nodes. Summaries are read page by page; node
 * timings come from the `nodeSample` most recent finished executions, so
 * the cost stays bounded on large histories.
 */
export async function executionAnalytics(store: ExecutionStore, tenantId: string, query: AnalyticsQuery = {}): Promise<ExecutionAnalytics> {
  checkOptions('executionAnalytics', query, ANALYTICS_QUERY);
  const now = query.now ?? systemClock.now;
  const from = query.from ?? new Date(now() - 30 * 24 * 60 * 60 * 1000).toISOString();
  const filter = {
    ...(query.workflowId === undefined ? {} : { workflowId: query.workflowId }),
    startedFrom: from,
    ...(query.to === undefined ? {} : { startedTo: query.to }),
  };
  const byStatus: ExecutionAnalytics['byStatus'] = {};
  const durations: number[] = [];
  const days = new Map<string, { total: number; success: number; failed: number }>();
  const recentFinished: string[] = [];
  const sample = query.nodeSample ?? 200;
  let total = 0;
  for await (const e of allExecutions(store, tenantId, filter)) {
    total++;
    byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    const day = e.startedAt.slice(0, 10);
    let d = days.get(day);
    if (!d) days.set(day, (d = { total: 0, success: 0, failed: 0 }));
    d.total++;
    if (e.status === 'success') d.success++;
    else if (FINISHED.has(e.status)) d.failed++;
    const duration = executionDurationMs(e);
    if (FINISHED.has(e.status) && duration !== undefined) {
      durations.push(duration);
      if (recentFinished.length < sample) recentFinished.push(e.id);
    }
  }
  durations.sort((a, b) => a - b);
  const finished = [...FINISHED].reduce((n, s) => n + (byStatus[s] ?? 0), 0);

  const nodes = new Map<string, SlowNode & { totalMs: number }>();
  for (const id of recentFinished) {
    const execution = await store.get(tenantId, id);
    for (const runs of Object.values(execution?.nodes ?? {})) {
      for (const run of runs) {
        if (run.reused || run.pinned || run.disabled) continue;
        const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
        const key = `${execution!.workflowId}\u0000${run.nodeId}`;
        let n = nodes.get(key);
        if (!n)
          nodes.set(
            key,
            (n = {
              workflowId: execution!.workflowId,
              nodeId: run.nodeId,
              nodeName: run.nodeName,
              runs: 0,
              averageMs: 0,
              maxMs: 0,
              totalMs: 0,
            }),
          );
        n.runs++;
        n.totalMs += ms;
        n.maxMs = Math.max(n.maxMs, ms);
      }
    }
  }
  const slowestNodes = [...nodes.values()]
    .map(({ totalMs, ...n }) => ({ ...n, averageMs: totalMs / n.runs }))
    .sort((a, b) => b.averageMs - a.averageMs)
    .slice(0, query.slowestNodes ?? 10);

  return {
    total,
    byStatus,
    successRate: finished === 0 ? undefined : (byStatus.success ?? 0) / finished,
    durationMs:
      durations.length === 0
        ? undefined
        : {
            average: durations.reduce((a, b) => a + b, 0) / durations.length,
            p50: percentile(durations, 0.5),
            p95: percentile(durations, 0.95),
          },
    perDay: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, d]) => ({ day, ...d })),
    slowestNodes,
  };
}
