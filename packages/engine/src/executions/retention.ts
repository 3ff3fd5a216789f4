import { OptionError } from '../errors/option.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { ExecutionStatus } from '../model/execution.js';
import type { ExecutionStore } from '../storage/execution-store.js';

/**
 * How long and how many executions to keep, and in which tenants. Pruning
 * deletes, so it must be told its tenants: `tenants` names them,
 * `allTenants: true` means every tenant the store lists. Neither (or both)
 * is refused with an `OptionError` (`TENANT_SCOPE_REQUIRED`).
 */
export interface RetentionOptions {
  /** Prune these tenants only. */
  tenants?: Iterable<string>;
  /** Prune every tenant the store lists. Required when `tenants` is left out. */
  allTenants?: boolean;
  /** Delete finished executions that started longer ago than this (default 90 days). */
  maxAgeMs?: number;
  /** Keep at most this many finished executions per tenant, deleting the oldest (default 10,000). */
  maxCount?: number;
  /** Executions deleted per storage call (default 500). */
  batchSize?: number;
  /** Current time in epoch milliseconds (default: `systemClock.now`, the platform's time). */
  now?: () => number;
}

/** The keys `RetentionOptions` accepts. */
export const RETENTION_OPTIONS: OptionSpec<RetentionOptions> = {
  tenants: true,
  allTenants: true,
  maxAgeMs: true,
  maxCount: true,
  batchSize: true,
  now: true,
};

/**
 * The tenants a prune covers: the ones named, or `'all'`. Refuses options
 * that name no tenants without `allTenants: true`, or both, since a prune
 * that quietly widened to every tenant would delete other tenants' history.
 */
export function pruneScope(where: string, options: Pick<RetentionOptions, 'tenants' | 'allTenants'>): string[] | 'all' {
  const all = options.allTenants === true;
  if (options.tenants !== undefined && options.tenants !== null) {
    if (all) {
      throw new OptionError(
        'TENANT_SCOPE_REQUIRED',
        where,
        'allTenants',
        `${where}: 'tenants' and 'allTenants' were both given; pass one: tenants: [...] for some tenants, or allTenants: true for every tenant.`,
      );
    }
    return [...options.tenants];
  }
  if (all) return 'all';
  throw new OptionError(
    'TENANT_SCOPE_REQUIRED',
    where,
    'tenants',
    `${where}: say which tenants to prune: tenants: ['acme'] for some, or allTenants: true for every tenant in the storage. ` +
      'Nothing was deleted.',
  );
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
 * oldest past `maxCount`, in the tenants named by `tenants` (or every tenant,
 * with `allTenants: true`). It works in batches, each its own storage call,
 * yielding between them so running executions keep writing; running and
 * waiting executions are never touched.
 *
 * @example
 * await pruneExecutions(storage.executions, { tenants: ['acme'], maxAgeMs: 30 * 24 * 3600_000 });
 * await pruneExecutions(storage.executions, { allTenants: true, maxCount: 5000 });
 */
export async function pruneExecutions(store: ExecutionStore, options: RetentionOptions): Promise<PruneReport> {
  checkOptions('pruneExecutions', options, RETENTION_OPTIONS);
  return prune(store, options, pruneScope('pruneExecutions', options ?? {}));
}

/** One pruning pass over checked options. */
async function prune(store: ExecutionStore, options: RetentionOptions, scope: string[] | 'all'): Promise<PruneReport> {
  const maxAgeMs = options.maxAgeMs ?? 90 * DAY;
  const maxCount = options.maxCount ?? 10_000;
  const batch = options.batchSize ?? 500;
  const now = options.now ?? systemClock.now;
  const report: PruneReport = { deleted: 0, byTenant: {} };
  const tenants = scope === 'all' ? await store.tenants() : scope;
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

/** What `schedulePruning` takes: retention options (with their tenants), a clock and an interval. */
export interface PruneSchedule extends RetentionOptions {
  clock: Clock;
  /** Time between passes (default one hour). The first pass runs after one interval. */
  everyMs?: number;
  /** Told of each pass's result or failure. */
  onPrune?: (report: PruneReport) => void;
  onError?: (error: unknown) => void;
}

const PRUNE_SCHEDULE: OptionSpec<PruneSchedule> = { ...RETENTION_OPTIONS, clock: true, everyMs: true, onPrune: true, onError: true };

/**
 * Runs `pruneExecutions` periodically on the given clock until the returned
 * function is called. A pass never overlaps the previous one. The options
 * are checked at once: a schedule without `tenants` or `allTenants: true`
 * throws here, not at its first pass.
 *
 * @example
 * const stop = schedulePruning(storage.executions, { clock: systemClock, allTenants: true, maxAgeMs: 14 * 24 * 3600_000 });
 */
export function schedulePruning(store: ExecutionStore, schedule: PruneSchedule): () => void {
  checkOptions('schedulePruning', schedule, PRUNE_SCHEDULE);
  const scope = pruneScope('schedulePruning', schedule ?? {});
  const every = schedule.everyMs ?? 60 * 60 * 1000;
  let cancel: (() => void) | undefined;
  let stopped = false;
  const arm = () => {
    cancel = schedule.clock.setTimer(every, () => {
      prune(store, { now: () => schedule.clock.now(), ...schedule }, scope)
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
