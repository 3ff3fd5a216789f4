import type { Clock } from '../ports/clock.js';
import type { ExecutionStatus } from '../run/execution.js';
import type { ExecutionStore } from '../storage/execution-store.js';

/** How long and how many executions to keep. */
export interface RetentionOptions {
  /** Delete finished executions that started longer ago than this (default 90 days). */
  maxAgeMs?: number;
  /** Keep at most this many finished executions per tenant, deleting the oldest (default 10,000). */
  maxCount?: number;
  /** Executions deleted per storage call (default 500). */
  batchSize?: number;
  /** Only these tenants (default: every tenant the store lists). */
  tenants?: Iterable<string>;
  now?: () => number;
}

/** What one pruning pass deleted. */
export interface PruneReport {
  deleted: number;
  byTenant: Record<string, number>;
}

/** Statuses pruning may delete: never `running` or `waiting`. */
const FINISHED: readonly ExecutionStatus[] = ['success', 'error', 'canceled', 'crashed'];
const DAY = 24 * 60 * 60 * 1000;

/** Lets other work (running executions' writes) in between two batches. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Deletes finished executions older than `maxAgeMs` and, per tenant, the
 * oldest past `maxCount`. It works in batches, each its own storage call,
 * yielding between them so running executions keep writing; running and
 * waiting executions are never touched.
 */
export async function pruneExecutions(store: ExecutionStore, options: RetentionOptions = {}): Promise<PruneReport> {
  const maxAgeMs = options.maxAgeMs ?? 90 * DAY;
  const maxCount = options.maxCount ?? 10_000;
  const batch = options.batchSize ?? 500;
  const now = options.now ?? (() => Date.now());
  const report: PruneReport = { deleted: 0, byTenant: {} };
  const tenants = options.tenants ? [...options.tenants] : await store.tenants();
  for (const tenantId of tenants) {
    let deleted = 0;
    const cutoff = new Date(now() - maxAgeMs).toISOString();
    for (;;) {
      const old = await store.list(tenantId, { status: FINISHED, startedTo: cutoff, order: 'asc', limit: batch });
      if (old.length === 0) break;
      deleted += await store.delete(
        tenantId,
        old.map((e) => e.id),
      );
      await yieldTurn();
      if (old.length < batch) break;
    }
    let excess = (await store.count(tenantId, { status: FINISHED })) - maxCount;
    while (excess > 0) {
      const oldest = await store.list(tenantId, { status: FINISHED, order: 'asc', limit: Math.min(batch, excess) });
      if (oldest.length === 0) break;
      const n = await store.delete(
        tenantId,
        oldest.map((e) => e.id),
      );
      deleted += n;
      excess -= oldest.length;
      await yieldTurn();
    }
    if (deleted > 0) report.byTenant[tenantId] = deleted;
    report.deleted += deleted;
  }
  return report;
}

/** What `schedulePruning` takes. */
export interface PruneSchedule extends RetentionOptions {
  clock: Clock;
  /** Time between passes (default one hour). The first pass runs after one interval. */
  everyMs?: number;
  /** Told of each pass's result or failure. */
  onPrune?: (report: PruneReport) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs `pruneExecutions` periodically on the given clock until the returned
 * function is called. A pass never overlaps the previous one.
 */
export function schedulePruning(store: ExecutionStore, schedule: PruneSchedule): () => void {
  const every = schedule.everyMs ?? 60 * 60 * 1000;
  let cancel: (() => void) | undefined;
  let stopped = false;
  const arm = () => {
    cancel = schedule.clock.setTimer(every, () => {
      pruneExecutions(store, { now: () => schedule.clock.now(), ...schedule })
        .then((report) => schedule.onPrune?.(report), schedule.onError ?? (() => {}))
        .finally(() => {
          if (!stopped) arm();
        });
    });
  };
  arm();
  return () => {
    stopped = true;
    cancel?.();
  };
}
