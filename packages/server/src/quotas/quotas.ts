import type { Engine } from '@flowloom/engine';
import type { Principal } from '../auth/permissions.js';
import { ApiError } from '../errors/api.error.js';
import { createMemoryUsageStore, type UsageStore } from './usage-store.js';

/** What one tenant may use. Every limit is optional; a missing one is no limit. */
export interface TenantLimits {
  /** Executions started in a calendar month (UTC), whatever started them; sub-workflows are not counted. */
  executionsPerMonth?: number;
  /** Workflows stored at once. */
  maxWorkflows?: number;
  /** Executions of the tenant running at once in this server. */
  concurrentExecutions?: number;
  /**
   * How much execution history the tenant keeps: finished executions older
   * than `maxAgeMs`, and past the newest `maxCount`, are deleted. Checked
   * before the tenant's runs start, at most once per `retentionCheckMs`.
   */
  retention?: { maxAgeMs?: number; maxCount?: number };
}

/** What `createServer({ quotas })` takes. */
export interface QuotaOptions {
  /** The tenant's limits: the same for all, or per tenant (its plan). */
  limits?: TenantLimits | ((tenantId: string) => TenantLimits | Promise<TenantLimits>);
  /** A request rate per API key (and per embed-token user): a token bucket. */
  rate?: { capacity: number; refillPerSecond: number };
  /** A rate of webhook calls per tenant, whose senders are not authenticated: a token bucket. */
  webhookRate?: { capacity: number; refillPerSecond: number };
  /** Where the counters live (default: memory). */
  store?: UsageStore;
  /** How often a tenant's history is pruned to its `retention`, at most (default 10 minutes). */
  retentionCheckMs?: number;
  /**
   * How many of the tenant's executions run now, for `concurrentExecutions`
   * and `GET /usage` (default: counted from this server's engine events).
   * Several processes running one tenant's executions count them in one
   * place: queue mode counts the executions storage holds as `running`.
   */
  runningCount?: (tenantId: string) => Promise<number>;
}

/** A tenant's use against its limits, as `GET /usage` answers it. */
export interface Usage {
  tenantId: string;
  /** The month counted, as `2026-06`. */
  month: string;
  executions: { used: number; limit?: number };
  workflows: { used: number; limit?: number };
  runningExecutions: { used: number; limit?: number };
}

/**
 * Enforces tenant limits and per-caller request rates, counting executions
 * from the engine's events so webhook, schedule and API runs all count.
 */
export class Quotas {
  readonly #engine: Engine;
  readonly #options: QuotaOptions;
  readonly #store: UsageStore;
  readonly #now: () => number;
  readonly #running = new Map<string, number>();
  /** When each tenant's history was last pruned. */
  readonly #prunedAt = new Map<string, number>();

  constructor(engine: Engine, options: QuotaOptions, now: () => number) {
    this.#engine = engine;
    this.#options = options;
    this.#store = options.store ?? createMemoryUsageStore();
    this.#now = now;
    engine.on('executionStart', ({ execution }) => {
      if (execution.mode === 'subworkflow') return;
      this.#running.set(execution.tenantId, (this.#running.get(execution.tenantId) ?? 0) + 1);
      void this.#store.add(executionsKey(execution.tenantId, monthOf(Date.parse(execution.startedAt))), 1);
    });
    engine.on('executionFinish', ({ execution }) => {
      if (execution.mode === 'subworkflow') return;
      this.#running.set(execution.tenantId, Math.max(0, (this.#running.get(execution.tenantId) ?? 1) - 1));
    });
  }

  #runningNow(tenantId: string): Promise<number> {
    return this.#options.runningCount?.(tenantId) ?? Promise.resolve(this.#running.get(tenantId) ?? 0);
  }

  async #limits(tenantId: string): Promise<TenantLimits> {
    const { limits } = this.#options;
    return (typeof limits === 'function' ? await limits(tenantId) : limits) ?? {};
  }

  /** Takes one request from the caller's bucket, or throws a 429 with `Retry-After`. */
  async checkRate(principal: Principal): Promise<void> {
    const caller = principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.tenantId}:${principal.userId ?? ''}`;
    await this.#take(this.#options.rate, `rate:${caller}`, 'this caller');
  }

  /** Takes one webhook call from the tenant's bucket, or throws a 429 with `Retry-After`. */
  async checkWebhookRate(tenantId: string): Promise<void> {
    await this.#take(this.#options.webhookRate, `webhooks:${tenantId}`, `the webhooks of tenant '${tenantId}'`);
  }

  async #take(rate: QuotaOptions['rate'], key: string, who: string): Promise<void> {
    if (!rate) return;
    const result = await this.#store.take(key, rate.capacity, rate.refillPerSecond, this.#now());
    if (result.allowed) return;
    const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    throw new ApiError(
      429,
      'RATE_LIMITED',
      `Too many requests: ${who} may make ${rate.refillPerSecond} a second (bursts of ${rate.capacity}); try again in ${seconds} s.`,
      { headers: { 'retry-after': String(seconds) } },
    );
  }

  /**
   * Refuses to start an execution past the month's executions or the
   * concurrent executions (429 with `Retry-After`); prunes the tenant's
   * history to its retention first when that is due.
   */
  async checkRun(tenantId: string): Promise<void> {
    const limits = await this.#limits(tenantId);
    const now = this.#now();
    if (limits.retention && now - (this.#prunedAt.get(tenantId) ?? -Infinity) >= (this.#options.retentionCheckMs ?? 600_000)) {
      this.#prunedAt.set(tenantId, now);
      await this.#engine.executions.prune({ tenants: [tenantId], ...limits.retention, now: this.#now });
    }
    if (limits.executionsPerMonth !== undefined) {
      const used = await this.#store.get(executionsKey(tenantId, monthOf(now)));
      if (used >= limits.executionsPerMonth) {
        const seconds = Math.ceil((startOfNextMonth(now) - now) / 1000);
        throw new ApiError(
          429,
          'QUOTA_EXCEEDED',
          `Tenant '${tenantId}' has used its ${limits.executionsPerMonth} executions of ${monthOf(now)}; more can start when the month ends.`,
          { headers: { 'retry-after': String(seconds) }, details: { quota: 'executionsPerMonth', limit: limits.executionsPerMonth } },
        );
      }
    }
    if (limits.concurrentExecutions !== undefined && (await this.#runningNow(tenantId)) >= limits.concurrentExecutions) {
      throw new ApiError(
        429,
        'QUOTA_EXCEEDED',
        `Tenant '${tenantId}' already runs ${limits.concurrentExecutions} executions, its most at once; try again when one has ended.`,
        { headers: { 'retry-after': '1' }, details: { quota: 'concurrentExecutions', limit: limits.concurrentExecutions } },
      );
    }
  }

  /** Refuses a new workflow past the tenant's maximum (403: waiting does not help, deleting one does). */
  async checkNewWorkflow(tenantId: string): Promise<void> {
    const { maxWorkflows } = await this.#limits(tenantId);
    if (maxWorkflows === undefined) return;
    const count = (await this.#engine.storage.workflows.list(tenantId)).length;
    if (count >= maxWorkflows) {
      throw new ApiError(403, 'QUOTA_EXCEEDED', `Tenant '${tenantId}' has ${count} workflows, its most; delete one to create another.`, {
        details: { quota: 'maxWorkflows', limit: maxWorkflows },
      });
    }
  }

  /** The tenant's use and limits, for billing and the dashboard. */
  async usage(tenantId: string): Promise<Usage> {
    const limits = await this.#limits(tenantId);
    const month = monthOf(this.#now());
    const withLimit = (used: number, limit: number | undefined) => ({ used, ...(limit !== undefined ? { limit } : {}) });
    return {
      tenantId,
      month,
      executions: withLimit(await this.#store.get(executionsKey(tenantId, month)), limits.executionsPerMonth),
      workflows: withLimit((await this.#engine.storage.workflows.list(tenantId)).length, limits.maxWorkflows),
      runningExecutions: withLimit(await this.#runningNow(tenantId), limits.concurrentExecutions),
    };
  }
}

const executionsKey = (tenantId: string, month: string) => `executions:${tenantId}:${month}`;

function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function startOfNextMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
