import type { SerializedError } from '../errors/flowloom.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { ExecutionSummary } from '../storage/execution-store.js';
import { executionCursor } from '../storage/execution-query.js';
import type { Storage } from '../storage/storage.js';

/** Engine instances alive in this JavaScript realm; their executions are never taken for crashed. */
const liveOwners = new Set<string>();

/** Records an engine instance as alive in this realm. */
export function registerLiveOwner(owner: string): void {
  liveOwners.add(owner);
}

/**
 * Decides whether the engine instance that owns a `running` execution is
 * still alive. The default knows only the engines of this realm (page or
 * process): any other owner is taken as dead, which is right when one
 * process uses the storage at a time. Hosts with several processes on one
 * database pass a check of their own (the Node CLI checks process ids).
 */
export type OwnerLiveness = (owner: string | undefined) => boolean | Promise<boolean>;

/** The default liveness check: alive when it is an engine of this realm. */
export const ownerLivesInThisRealm: OwnerLiveness = (owner) => owner !== undefined && liveOwners.has(owner);

/** What crash recovery found and did. */
export interface CrashRecoveryReport {
  /** Executions marked `crashed`, per tenant. */
  crashed: { tenantId: string; executionId: string }[];
  /** Executions taken over and continued from their saved run state (with `continueRun`). */
  continued?: { tenantId: string; executionId: string }[];
  /** Executions whose owner is alive, left alone. */
  skipped: number;
}

/** What `recoverCrashedExecutions` needs. */
export interface CrashRecoveryOptions {
  storage: Storage;
  isOwnerAlive?: OwnerLiveness;
  now: () => number;
  /** Tenants to look at besides those the execution store lists. */
  tenants?: Iterable<string>;
  /** Called for each execution just marked crashed (to retry it, for instance). */
  onCrashed?: (summary: ExecutionSummary) => Promise<void> | void;
  /**
   * Tried first for each execution whose engine is gone: claims it and
   * continues it from its saved run state. `'continued'` and `'taken'` (by
   * another engine) leave it running; `'no-state'` marks it crashed.
   */
  continueRun?: (tenantId: string, executionId: string, owner: string | undefined) => Promise<'continued' | 'taken' | 'no-state'>;
}

const CRASH_RECOVERY_OPTIONS: OptionSpec<CrashRecoveryOptions> = {
  storage: true,
  isOwnerAlive: true,
  now: true,
  tenants: true,
  onCrashed: true,
  continueRun: true,
};

/**
 * Finds executions left `running` by an engine that is gone and marks them
 * `crashed`. Their node runs stay as written, so they can be inspected and
 * retried from the node that was interrupted. It looks at every tenant the
 * store lists: it deletes nothing, and only touches executions whose engine
 * is gone, so it needs no `allTenants` as pruning does.
 */
export async function recoverCrashedExecutions(options: CrashRecoveryOptions): Promise<CrashRecoveryReport> {
  checkOptions('recoverCrashedExecutions', options, CRASH_RECOVERY_OPTIONS);
  const { storage } = options;
  const isAlive = options.isOwnerAlive ?? ownerLivesInThisRealm;
  const report: CrashRecoveryReport = { crashed: [], skipped: 0 };
  // A store written before `tenants()` was part of the contract is searched for the given tenants only.
  const listed = typeof storage.executions.tenants === 'function' ? await storage.executions.tenants() : [];
  const tenants = new Set([...(options.tenants ?? []), ...listed]);
  for (const tenantId of tenants) {
    let cursor: string | undefined;
    for (;;) {
      const page = await storage.executions.list(tenantId, {
        status: 'running',
        order: 'asc',
        limit: 100,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const summary of page) {
        if (await isAlive(summary.owner)) {
          report.skipped++;
          continue;
        }
        if (options.continueRun) {
          const outcome = await options.continueRun(tenantId, summary.id, summary.owner);
          if (outcome === 'continued') (report.continued ??= []).push({ tenantId, executionId: summary.id });
          if (outcome !== 'no-state') continue;
        }
        const error: SerializedError = {
          name: 'FlowloomError',
          code: 'EXECUTION_CRASHED',
          message:
            `The engine running this execution${summary.owner ? ` (${summary.owner})` : ''} stopped before it finished. ` +
            'The nodes that finished are kept; retry the execution to continue from the interrupted node.',
        };
        await storage.executions.finish(tenantId, summary.id, {
          status: 'crashed',
          finishedAt: new Date(options.now()).toISOString(),
          error,
        });
        report.crashed.push({ tenantId, executionId: summary.id });
        await options.onCrashed?.({ ...summary, status: 'crashed', error });
      }
      const last = page.at(-1);
      if (!last || page.length < 100) break;
      cursor = executionCursor(last);
    }
  }
  return report;
}
