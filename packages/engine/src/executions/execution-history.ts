import { serializeError } from '../errors/node-execution.error.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EngineEvent } from '../run/events.js';
import type { Execution } from '../run/execution.js';
import type { ExecutionQuery } from '../storage/execution-store.js';
import type { Storage } from '../storage/storage.js';
import { executionAnalytics, type AnalyticsQuery, type ExecutionAnalytics } from './analytics.js';
import { recoverCrashedExecutions, registerLiveOwner, type CrashRecoveryReport, type OwnerLiveness } from './crash-recovery.js';
import { listExecutionPage, type ExecutionPage } from './execution-pages.js';
import { exportExecution, exportExecutions, type ExecutionExport, type ExportOptions } from './export.js';
import { pruneExecutions, schedulePruning, type PruneReport, type RetentionOptions } from './retention.js';
import { RetryError } from './retry.error.js';
import { planRetry, type RetryWorkflowChoice, type RunReplay } from './retry.js';
import type { ExecutionSaveSettings } from './save-settings.js';

/** Execution-history options of `createEngine` (`executions: {...}`). */
export interface ExecutionHistoryOptions {
  /** What to keep of executions unless a workflow's `settings.saveExecutions` says otherwise (default: everything). */
  save?: Partial<ExecutionSaveSettings>;
  /**
   * Retention used by `engine.executions.prune()` (defaults 90 days, 10,000
   * per tenant). While the engine's scheduler runs (`engine.startScheduler()`),
   * pruning runs every `everyMs` (default one hour; 0 turns it off).
   */
  retention?: RetentionOptions & { everyMs?: number };
  /**
   * On start, executions left `running` by an engine that is gone are marked
   * `crashed` (`'mark'`, the default), also retried from the interrupted node
   * (`'resume'`), or left alone (`'off'`).
   */
  crashRecovery?: 'mark' | 'resume' | 'off';
  /** Whether the engine that owns a running execution is alive (default: only engines of this page or process are). */
  isOwnerAlive?: OwnerLiveness;
  /** This engine's name in the `owner` field of the executions it runs (default: a random id). */
  instanceId?: string;
  /** Tenants crash recovery looks at besides those the store lists. */
  tenants?: Iterable<string>;
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
  list(query: ExecutionQuery = {}, options: { tenantId?: string } = {}): Promise<ExecutionPage> {
    return listExecutionPage(this.#deps.storage.executions, this.#tenant(options.tenantId), query);
  }

  /** One execution with its node runs. */
  get(id: string, options: { tenantId?: string } = {}): Promise<Execution | undefined> {
    return this.#deps.storage.executions.get(this.#tenant(options.tenantId), id);
  }

  /**
   * Runs a failed (or crashed, or canceled) execution again from the node
   * that failed: the nodes before it are not run again, their stored outputs
   * are reused. The new execution has mode `retry` and `retryOf` set to the
   * original's id. Rejects with a `RetryError` when that is not possible.
   */
  async retry(executionId: string, options: RetryOptions = {}): Promise<Execution> {
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
    const { storage, clock, logger } = this.#deps;
    return recoverCrashedExecutions({
      storage,
      now: () => clock.now(),
      isOwnerAlive: this.#options.isOwnerAlive,
      tenants: [this.#deps.defaultTenant, ...(this.#options.tenants ?? [])],
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

  /** Deletes executions past the retention limits (the engine's `retention` options, overridden by `options`). */
  prune(options: RetentionOptions = {}): Promise<PruneReport> {
    const { everyMs: _everyMs, ...retention } = this.#options.retention ?? {};
    return pruneExecutions(this.#deps.storage.executions, { now: () => this.#deps.clock.now(), ...retention, ...options });
  }

  /** Starts pruning periodically on the engine's clock (the engine's scheduler calls this). */
  startPruning(): void {
    const { everyMs = 60 * 60 * 1000, ...retention } = this.#options.retention ?? {};
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
  analytics(query: AnalyticsQuery & { tenantId?: string } = {}): Promise<ExecutionAnalytics> {
    const { tenantId, ...rest } = query;
    return executionAnalytics(this.#deps.storage.executions, this.#tenant(tenantId), { now: () => this.#deps.clock.now(), ...rest });
  }

  /** One execution, or every execution matching a query, as a JSON export document. */
  export(what: string | ExecutionQuery, options: ExportOptions & { tenantId?: string } = {}): Promise<ExecutionExport> {
    const { tenantId, ...rest } = options;
    const tenant = this.#tenant(tenantId);
    const store = this.#deps.storage.executions;
    const opts = { now: () => this.#deps.clock.now(), ...rest };
    return typeof what === 'string' ? exportExecution(store, tenant, what, opts) : exportExecutions(store, tenant, what, opts);
  }
}
