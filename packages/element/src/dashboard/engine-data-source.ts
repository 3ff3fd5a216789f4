import { allExecutions, type ActivationSummary, type Engine, type Workflow } from '@flowloom/engine';
import {
  excerpt,
  testCallBody,
  testCallUrl,
  type DashboardDataSource,
  type DashboardOverview,
  type DashboardWebhook,
  type DashboardWindow,
  type FailingWorkflow,
  type ReadOptions,
  type TenantUsage,
  type WebhookTestResult,
} from './dashboard-data-source.js';
import { DashboardError } from './dashboard.error.js';
import type { InviteInput, InviteResult, MemberDirectory, MembersView } from './member-directory.js';

/** A tenant's limits, as `@flowloom/server`'s quotas name them. A missing one is no limit. */
export interface DashboardLimits {
  executionsPerMonth?: number;
  maxWorkflows?: number;
  concurrentExecutions?: number;
}

/** What `new EngineDataSource` takes. */
export interface EngineDataSourceOptions {
  engine: Engine;
  /** The tenant whose figures and webhooks are shown (default `'default'`, the engine's own default). */
  tenantId?: string;
  /** The tenants whose usage is shown (default: `tenantId` alone). */
  tenants?: readonly string[];
  /** Each tenant's limits (default: none). */
  limits?: DashboardLimits | ((tenantId: string) => DashboardLimits);
  /**
   * Where senders reach the engine's webhooks: the URL of its `webhooks.basePath`
   * (default: `/webhook` on the page's origin). Test calls go to the engine
   * with these URLs, so the path must be the engine's base path.
   */
  webhookBaseUrl?: string;
  /** Members, for hosts that keep them in the page (default: none, and the members section is hidden). */
  members?: MemberDirectory;
  /** Current time in epoch milliseconds; pass the engine's clock (default `Date.now`). */
  now?: () => number;
  /** How many failing workflows and slowest nodes to list (default 10 and 5). */
  failingWorkflows?: number;
  slowestNodes?: number;
}

const FAILED = ['error', 'crashed'] as const;

/**
 * The dashboard's figures from an engine in the page: its execution history,
 * the webhooks of the workflows activated through this source, and the
 * usage of each tenant counted from its storage, as `@flowloom/server`
 * reports them.
 *
 * @example
 * const source = new EngineDataSource({ engine, webhookBaseUrl: 'https://app.example.com/webhook' });
 * await source.activate(ordersWorkflow);
 * document.querySelector('workflow-dashboard').dataSource = source;
 */
export class EngineDataSource implements DashboardDataSource {
  readonly engine: Engine;
  readonly #options: EngineDataSourceOptions;
  readonly #tenantId: string;
  readonly #active = new Map<string, { summary: ActivationSummary; name: string }>();

  constructor(options: EngineDataSourceOptions) {
    this.engine = options.engine;
    this.#options = options;
    this.#tenantId = options.tenantId ?? 'default';
  }

  now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Activates a workflow on the engine (its webhooks and schedules) and lists its webhooks. */
  async activate(workflow: Workflow): Promise<ActivationSummary> {
    const summary = await this.engine.activate(workflow, { tenantId: this.#tenantId });
    this.#active.set(summary.workflowId, { summary, name: workflow.name });
    return summary;
  }

  /** Deactivates a workflow; returns whether it was active. */
  deactivate(workflowId: string): boolean {
    this.#active.delete(workflowId);
    return this.engine.deactivate(workflowId, { tenantId: this.#tenantId });
  }

  async overview(window: DashboardWindow, _options: ReadOptions = {}): Promise<DashboardOverview> {
    const tenantId = this.#tenantId;
    const figures = await this.engine.executions.analytics({
      tenantId,
      from: window.from,
      ...(window.to ? { to: window.to } : {}),
      slowestNodes: this.#options.slowestNodes ?? 5,
    });
    const { successRate, durationMs, slowestNodes, ...rest } = figures;
    const names = await this.#names();
    return {
      ...rest,
      byStatus: { ...figures.byStatus },
      ...(successRate === undefined ? {} : { successRate }),
      ...(durationMs === undefined ? {} : { durationMs }),
      slowestNodes: slowestNodes.map((n) => {
        const name = names.get(n.workflowId);
        return name ? { ...n, workflowName: name } : n;
      }),
      failingWorkflows: await this.#failing(window, names),
    };
  }

  /** Workflow id -> name: the stored workflows, and those activated through this source. */
  async #names(): Promise<Map<string, string>> {
    const names = new Map([...this.#active].map(([id, { name }]) => [id, name]));
    for (const w of await this.engine.storage.workflows.list(this.#tenantId)) names.set(w.id, w.name);
    return names;
  }

  /** Failed executions of the window per workflow, newest error kept, as `GET /analytics` counts them. */
  async #failing(window: DashboardWindow, names: ReadonlyMap<string, string>): Promise<FailingWorkflow[]> {
    const tenantId = this.#tenantId;
    const failing = new Map<string, FailingWorkflow>();
    const filter = { status: FAILED, startedFrom: window.from, ...(window.to ? { startedTo: window.to } : {}) };
    for await (const execution of allExecutions(this.engine.storage.executions, tenantId, filter)) {
      const entry = failing.get(execution.workflowId);
      if (entry) entry.failed++;
      else
        failing.set(execution.workflowId, {
          workflowId: execution.workflowId,
          failed: 1,
          lastError: {
            executionId: execution.id,
            startedAt: execution.startedAt,
            message: execution.error?.message ?? `The execution ended ${execution.status}.`,
          },
        });
    }
    const top = [...failing.values()]
      .sort((a, b) => b.failed - a.failed || a.workflowId.localeCompare(b.workflowId))
      .slice(0, this.#options.failingWorkflows ?? 10);
    for (const entry of top) {
      // A workflow run without being stored is named by the snapshot its execution kept.
      const name =
        names.get(entry.workflowId) ?? (await this.engine.storage.executions.get(tenantId, entry.lastError.executionId))?.workflow?.name;
      if (name) entry.workflowName = name;
    }
    return top;
  }

  async usage(): Promise<TenantUsage[]> {
    const tenants = this.#options.tenants ?? [this.#tenantId];
    return Promise.all(tenants.map((tenantId) => this.#usageOf(tenantId)));
  }

  async #usageOf(tenantId: string): Promise<TenantUsage> {
    const { limits } = this.#options;
    const limit = (typeof limits === 'function' ? limits(tenantId) : limits) ?? {};
    const now = new Date(this.now());
    const month = now.toISOString().slice(0, 7);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const store = this.engine.storage.executions;
    // Sub-workflows are part of the execution that called them: quotas do not count them.
    const executions = await store.count(tenantId, {
      startedFrom: monthStart,
      mode: ['manual', 'webhook', 'schedule', 'trigger', 'retry'],
    });
    const workflows = (await this.engine.storage.workflows.list(tenantId)).length;
    const running = await store.count(tenantId, { status: 'running', mode: ['manual', 'webhook', 'schedule', 'trigger', 'retry'] });
    const counted = (used: number, max: number | undefined) => ({ used, ...(max === undefined ? {} : { limit: max }) });
    return {
      tenantId,
      month,
      executions: counted(executions, limit.executionsPerMonth),
      workflows: counted(workflows, limit.maxWorkflows),
      runningExecutions: counted(running, limit.concurrentExecutions),
    };
  }

  async webhooks(): Promise<DashboardWebhook[]> {
    const base = (this.#options.webhookBaseUrl ?? new URL('/webhook', document.baseURI).href).replace(/\/+$/, '');
    return [...this.#active.values()].flatMap(({ summary, name }) =>
      summary.webhooks.map((hook) => ({
        workflowId: summary.workflowId,
        workflowName: name,
        nodeId: hook.nodeId,
        method: hook.method,
        path: hook.path,
        url: `${base}/${hook.path.replace(/^\/+/, '')}`,
      })),
    );
  }

  async testWebhook(webhook: DashboardWebhook): Promise<WebhookTestResult> {
    const hasBody = webhook.method !== 'GET' && webhook.method !== 'HEAD';
    const request = new Request(testCallUrl(webhook.url), {
      method: webhook.method,
      ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(testCallBody(this.now())) } : {}),
    });
    const response = await this.engine.handleWebhook(request, { tenantId: this.#tenantId });
    return { status: response.status, body: excerpt(await response.text()) };
  }

  async members(options: ReadOptions = {}): Promise<MembersView | undefined> {
    return this.#options.members?.list(options);
  }

  async invite(input: InviteInput): Promise<InviteResult> {
    return { invite: await this.#directory().invite(input) };
  }

  async revokeInvite(inviteId: string): Promise<void> {
    await this.#directory().revokeInvite(inviteId);
  }

  async changeRole(memberId: string, role: string): Promise<void> {
    await this.#directory().changeRole(memberId, role);
  }

  async removeMember(memberId: string): Promise<void> {
    await this.#directory().remove(memberId);
  }

  #directory(): MemberDirectory {
    const members = this.#options.members;
    if (!members) {
      throw new DashboardError('FORBIDDEN', 'EngineDataSource: members cannot be managed without a member directory (option `members`).');
    }
    return members;
  }
}
