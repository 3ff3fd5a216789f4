import { serializeError } from '../errors/node-execution.error.js';
import { OptionError } from '../errors/option.error.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution } from '../model/execution.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { ExecutionQuery } from '../storage/execution-store.js';
import { EXECUTION_QUERY } from '../storage/execution-query.js';
import type { Storage } from '../storage/storage.js';
import { ANALYTICS_QUERY, executionAnalytics, type AnalyticsQuery, type ExecutionAnalytics } from './analytics.js';
import { recoverCrashedExecutions, registerLiveOwner, type CrashRecoveryReport, type OwnerLiveness } from './crash-recovery.js';
import { listExecutionPage, type ExecutionPage } from './execution-pages.js';
import { EXPORT_OPTIONS, exportExecution, exportExecutions, type ExecutionExport, type ExportOptions } from './export.js';
import { pruneExecutions, pruneScope, RETENTION_OPTIONS, schedulePruning, type PruneReport, type RetentionOptions } from './retention.js';
import { RetryError } from './retry.error.js';
import { planRetry, type RetryWorkflowChoice, type RunReplay } from './retry.js';
import type { ExecutionSaveSettings } from './save-settings.js';

/** Execution-history options of `createEngine` (`executions: {...}`). */
export interface ExecutionHistoryOptions {
  /** What to keep of executions unless a workflow's `settings.saveExecutions` says otherwise (default: everything). */
  save?: Partial<ExecutionSaveSettings>;
  /**
   * Retention used by `engine.executions.prune()` (defaults 90 days, 10,000
   * per tenant). When given, and while the engine's scheduler runs
   * (`engine.startScheduler()`), pruning also runs every `everyMs` (default
   * one hour; 0 turns it off); it must then name its tenants (`tenants`, or
   * `allTenants: true`). Without `retention`, nothing is pruned periodically.
   */
  retention?: RetentionOptions & { everyMs?: number };
  /**
   * On start, executions left `running` by an engine that is gone are marked
   * `crashed` (`'mark'`, the default), continued from their last recorded
   * node in the same record (`'resume'`), or left alone (`'off'`).
   */
  crashRecovery?: 'mark' | 'resume' | 'off';
  /** Whether the engine that owns a running execution is alive (default: only engines of this page or process are). */
  isOwnerAlive?: OwnerLiveness;
  /** This engine's name in the `owner` field of the executions it runs (default: a random id). */
  instanceId?: string;
  /** Tenants crash recovery looks at besides those the store lists. */
  tenants?: Iterable<string>;
}

/** The keys `ExecutionHistoryOptions` accepts. */
export const EXECUTION_HISTORY_OPTIONS: OptionSpec<ExecutionHistoryOptions> = {
  save: { successful: true, failed: true, manual: true, nodeData: true, maxItemsPerNode: true },
  retention: { ...RETENTION_OPTIONS, everyMs: true },
  crashRecovery: true,
  isOwnerAlive: true,
  instanceId: true,
  tenants: true,
};

/**
 * Refuses history options whose periodic pruning names no tenants, when
 * the engine is created rather than at the first pass.
 */
export function checkRetentionScope(where: string, options: ExecutionHistoryOptions | undefined): void {
  const retention = options?.retention;
  if (!retention || retention.everyMs === 0) return;
  try {
    pruneScope(where, retention);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    throw new OptionError(
      'TENANT_SCOPE_REQUIRED',
      where,
      `executions.retention.${error.option}`,
      `${where}: executions.retention prunes every hour (or every 'everyMs') while the scheduler runs, so it must say which tenants: ` +
        "tenants: ['acme'], or allTenants: true for every tenant in the storage; everyMs: 0 turns periodic pruning off.",
    );
  }
}

/** What `engine.executions.retry` takes. */
export interface RetryOptions {
  tenantId?: string;
  /**
   * The workflow to run: `'original'` (default) as it was when the execution
   * ran, `'current'` as stored now, or a document of your own.
   */
  workflow?: RetryWorkflowChoice | Workflow;
  signal?: AbortSignal;
  /** Variables visible as `$vars` in the nodes that run again. */
  vars?: Record<string, unknown>;
  onEvent?: (event: EngineEvent) => void;
}

const RETRY_OPTIONS: OptionSpec<RetryOptions> = { tenantId: true, workflow: true, signal: true, vars: true, onEvent: true };
const TENANT_OPTION: OptionSpec<{ tenantId?: string }> = { tenantId: true };

/** Internal run fields a retry passes to the run loop. */
export interface RetryInternals {
  replay?: RunReplay;
  retryOf?: string;
}

/** The `engine.run` options of a retry. */
export interface RetryRunOptions extends Omit<RetryOptions, 'workflow' | 'tenantId'> {
  tenantId: string;
  mode: 'retry';
  startNode: string;
  input: Item[];
}

/** What the history needs from its engine. */
export interface HistoryDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  defaultTenant: string;
  newId: () => string;
  /** Runs a workflow the way `engine.run` does, with retry internals. */
  run(workflow: Workflow, options: RetryRunOptions, internal: RetryInternals): Promise<Execution>;
  /** Continues a `running` execution this engine has claimed, from its stored run state. */
  continueRun(execution: Execution): Promise<Execution>;
}

/**
 * Execution history for one engine (`engine.executions`): paged queries,
 * retry from the failed node, crash recovery, retention, analytics and
 * export, over the engine's storage.
 */
export class ExecutionHistory {
  /** This engine's name in the `owner` field of the executions it runs. */
  readonly instanceId: string;
  /** Settles when the crash recovery started with the engine has finished (at once when it is off). */
  readonly recovered: Promise<CrashRecoveryReport>;
  readonly #deps: HistoryDeps;
  readonly #options: ExecutionHistoryOptions;
  #stopPruning: (() => void) | undefined;

  constructor(deps: HistoryDeps, options: ExecutionHistoryOptions = {}) {
    checkOptions('ExecutionHistory', options, EXECUTION_HISTORY_OPTIONS);
    this.#deps = deps;
    this.#options = options;
    this.instanceId = options.instanceId ?? `engine-${deps.newId()}`;
    registerLiveOwner(this.instanceId);
    const mode = options.crashRecovery ?? 'mark';
    this.recovered =
      mode === 'off'
        ? Promise.resolve({ crashed: [], skipped: 0 })
        : this.recoverCrashed({ resume: mode === 'resume' }).catch((error: unknown) => {
            deps.logger.error('Crash recovery failed; executions left running by a stopped engine stay as they are.', {
              error: serializeError(error),
            });
            return { crashed: [], skipped: 0 };
          });
  }

  #tenant(tenantId: string | undefined): string {
    return tenantId ?? this.#deps.defaultTenant;
  }

  /** One page of execution summaries and the cursor of the next page. */
  async list(query: ExecutionQuery = {}, options: { tenantId?: string } = {}): Promise<ExecutionPage> {
    checkOptions('engine.executions.list', query, EXECUTION_QUERY);
    checkOptions('engine.executions.list', options, TENANT_OPTION);
    return listExecutionPage(this.#deps.storage.executions, this.#tenant(options.tenantId), query);
  }

  /** One execution with its node runs. */
  async get(id: string, options: { tenantId?: string } = {}): Promise<Execution | undefined> {
    checkOptions('engine.executions.get', options, TENANT_OPTION);
    return this.#deps.storage.executions.get(this.#tenant(options.tenantId), id);
  }

  /**
   * Runs a failed (or crashed, or canceled) execution again from the node
   * that failed: the nodes before it are not run again, their stored outputs
   * are reused. The new execution has mode `retry` and `retryOf` set to the
   * original's id. Rejects with a `RetryError` when that is not possible.
   */
  async retry(executionId: string, options: RetryOptions = {}): Promise<Execution> {
    checkOptions('engine.executions.retry', options, RETRY_OPTIONS);
    const tenantId = this.#tenant(options.tenantId);
    const { storage } = this.#deps;
    const original = await storage.executions.get(tenantId, executionId);
    if (!original) throw new RetryError('NOT_FOUND', `Execution '${executionId}' was not found in tenant '${tenantId}'.`);
    const choice = options.workflow ?? 'original';
    const workflow =
      choice === 'original'
        ? original.workflow
        : choice === 'current'
          ? await storage.workflows.get(tenantId, original.workflowId)
          : choice;
    const plan = planRetry(original, workflow, typeof choice === 'string' ? choice : 'given');
    const { workflow: _w, tenantId: _t, ...runOptions } = options;
    return this.#deps.run(
      plan.workflow,
      { ...runOptions, tenantId, mode: 'retry', startNode: plan.startNodeId, input: plan.input },
      { replay: plan.replay, retryOf: original.id },
    );
  }

  /**
   * Marks executions left `running` by a stopped engine as `crashed`; with
   * `resume`, also retries each from its interrupted node. Runs once when the
   * engine starts (see `crashRecovery`); call it again after taking over a
   * database from another process.
   */
  async recoverCrashed(options: { resume?: boolean } = {}): Promise<CrashRecoveryReport> {
    checkOptions('engine.executions.recoverCrashed', options, { resume: true });
    const { storage, clock, logger } = this.#deps;
    return recoverCrashedExecutions({
      storage,
      now: () => clock.now(),
      isOwnerAlive: this.#options.isOwnerAlive,
      tenants: [this.#deps.defaultTenant, ...(this.#options.tenants ?? [])],
      ...(options.resume
        ? { continueRun: (tenantId: string, id: string, owner: string | undefined) => this.#continue(tenantId, id, owner) }
        : {}),
      onCrashed: options.resume
        ? async (summary) => {
            try {
              await this.retry(summary.id, { tenantId: summary.tenantId });
            } catch (error) {
              logger.error(`Could not resume crashed execution '${summary.id}'.`, { error: serializeError(error) });
            }
          }
        : undefined,
    });
  }

  /**
   * Takes over an execution a stopped engine left `running` and continues it
   * from the run state saved with its last recorded node run: `'continued'`
   * (it goes on in the background, under this engine), `'taken'` (another
   * engine claimed it first), or `'no-state'` (its storage kept no state: it
   * is then marked crashed and retried).
   */
  async #continue(tenantId: string, id: string, owner: string | undefined): Promise<'continued' | 'taken' | 'no-state'> {
    const { storage, logger } = this.#deps;
    if (!(await storage.executions.claim(tenantId, id, this.instanceId, owner))) return 'taken';
    const execution = await storage.executions.get(tenantId, id);
    if (!execution?.state || !execution.workflow) return 'no-state';
    this.#deps
      .continueRun(execution)
      .catch((error: unknown) => logger.error(`Could not continue execution '${id}'.`, { error: serializeError(error) }));
    return 'continued';
  }

  /**
   * Deletes executions past the retention limits (the engine's `retention`
   * options, overridden by `options`) in the tenants named by `tenants`, or
   * in every tenant with `allTenants: true`; the engine's `retention` may
   * name them instead. Rejects with an `OptionError`, deleting nothing, when
   * neither does or an option is unknown.
   *
   * @example
   * await engine.executions.prune({ tenants: ['acme'], maxAgeMs: 30 * 24 * 3600_000 });
   */
  async prune(options: RetentionOptions = {}): Promise<PruneReport> {
    checkOptions('engine.executions.prune', options, RETENTION_OPTIONS);
    const { everyMs: _everyMs, tenants, allTenants, ...retention } = this.#options.retention ?? {};
    // Tenants named by the call replace the engine's; the engine's apply when the call names none.
    const scope = options.tenants !== undefined || options.allTenants !== undefined ? {} : { tenants, allTenants };
    const merged: RetentionOptions = { now: () => this.#deps.clock.now(), ...retention, ...scope, ...options };
    pruneScope('engine.executions.prune', merged);
    return pruneExecutions(this.#deps.storage.executions, merged);
  }

  /** Starts pruning periodically on the engine's clock (the engine's scheduler calls this). */
  startPruning(): void {
    if (!this.#options.retention) return;
    const { everyMs = 60 * 60 * 1000, ...retention } = this.#options.retention;
    if (this.#stopPruning || everyMs <= 0) return;
    const { storage, clock, logger } = this.#deps;
    this.#stopPruning = schedulePruning(storage.executions, {
      ...retention,
      clock,
      everyMs,
      onError: (error) =>
        logger.error('Pruning the execution history failed; it is tried again at the next interval.', { error: serializeError(error) }),
    });
  }

  /** Stops periodic pruning. */
  stopPruning(): void {
    this.#stopPruning?.();
    this.#stopPruning = undefined;
  }

  /** Counts by status, success rate, durations, executions per day and the slowest nodes. */
  async analytics(query: AnalyticsQuery & { tenantId?: string } = {}): Promise<ExecutionAnalytics> {
    checkOptions('engine.executions.analytics', query, { ...ANALYTICS_QUERY, tenantId: true });
    const { tenantId, ...rest } = query;
    return executionAnalytics(this.#deps.storage.executions, this.#tenant(tenantId), { now: () => this.#deps.clock.now(), ...rest });
  }

  /** One execution, or every execution matching a query, as a JSON export document. */
  async export(what: string | ExecutionQuery, options: ExportOptions & { tenantId?: string } = {}): Promise<ExecutionExport> {
    if (typeof what !== 'string') checkOptions('engine.executions.export', what, EXECUTION_QUERY);
    checkOptions('engine.executions.export', options, { ...EXPORT_OPTIONS, tenantId: true });
    const { tenantId, ...rest } = options;
    const tenant = this.#tenant(tenantId);
    const store = this.#deps.storage.executions;
    const opts = { now: () => this.#deps.clock.now(), ...rest };
    return typeof what === 'string' ? exportExecution(store, tenant, what, opts) : exportExecutions(store, tenant, what, opts);
  }
}
