import { FlowloomError } from '../errors/flowloom.error.js';
import type { Workflow } from '../model/workflow.js';
import { guardFetch, type FetchFunction, type HttpOptions } from '../ports/http.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import type { ScheduleEntry } from './scheduler.js';
import { createSubWorkflowRunner } from './sub-workflows.js';
import type { SubWorkflowRunner } from './run-services.js';
import type { WebhookCallOptions, WebhookOptions } from './webhooks.js';
import type { ActivationSummary } from './workflow-triggers.js';
import type { TriggerParts } from './trigger-parts.js';

/** Which tenant a trigger call is for (default: the engine's `tenantId`). */
export interface TenantOption {
  tenantId?: string;
}

/**
 * The engine's connections to the outside world: its HTTP port, webhook
 * routing, the scheduler, waiting executions and sub-workflows. The engine
 * facade delegates to it.
 */
export class EngineTriggers {
  readonly fetch: FetchFunction;
  readonly runSubWorkflow: SubWorkflowRunner;
  readonly #webhookOptions: WebhookOptions | undefined;
  /** Webhook routing, the scheduler, polls and waits: loaded with the first use of any (see `#parts`). */
  #loading: Promise<TriggerParts> | undefined;
  #loaded: TriggerParts | undefined;
  readonly #active = new Map<string, { tenantId: string; workflowId: string }>();

  constructor(
    private readonly engine: EngineInternals,
    options: { fetch?: FetchFunction; http?: HttpOptions; webhooks?: WebhookOptions; maxWorkflowDepth?: number },
  ) {
    const base: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
    if (options.http?.allowPrivateNetworks) this.fetch = base;
    else {
      // The address checks (and ipaddr.js) load with the first request.
      const ranges = options.http?.allowedRanges;
      let check: Promise<(url: URL) => void> | undefined;
      const checker = () =>
        (check ??= import('../ports/addresses.js').then(({ addressPolicy, assertPublicUrlHost }) => {
          const allowed = addressPolicy(ranges);
          return (url: URL) => assertPublicUrlHost(url, allowed);
        }));
      this.fetch = guardFetch(base, async (url) => (await checker())(url));
    }
    this.runSubWorkflow = createSubWorkflowRunner(engine, options.maxWorkflowDepth ?? 10);
    this.#webhookOptions = options.webhooks;
  }

  /**
   * The parts that serve triggers, loaded on first use: a page that edits and
   * runs workflows by hand never downloads them.
   */
  #parts(): Promise<TriggerParts> {
    return (this.#loading ??= import('./trigger-parts.js').then(
      ({ createTriggerParts }) => (this.#loaded = createTriggerParts(this.engine, this.#webhookOptions)),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    ));
  }

  /** Arms a waiting execution's resume (by time, webhook or form); resolves once armed. */
  async trackWait(execution: Execution): Promise<void> {
    (await this.#parts()).waits.track(execution);
  }

  #tenant(options?: TenantOption): string {
    return options?.tenantId ?? this.engine.defaultTenant;
  }

  async activate(workflowOrId: Workflow | string, options?: TenantOption): Promise<ActivationSummary> {
    const tenantId = this.#tenant(options);
    let doc: unknown = workflowOrId;
    if (typeof workflowOrId === 'string') {
      doc = await this.engine.storage.workflows.get(tenantId, workflowOrId);
      if (!doc) throw new FlowloomError('NOT_FOUND', `Workflow '${workflowOrId}' was not found, so it cannot be activated.`);
    }
    await this.engine.nodeTypes.loadFor(doc);
    const workflow = this.engine.parse(doc);
    const parts = await this.#parts();
    const { listeners, schedules, polls } = await parts.triggersOf(workflow, tenantId, this.engine.nodeTypes);
    parts.router.register(tenantId, workflow.id, listeners);
    try {
      // A polling trigger is a schedule whose tick polls instead of starting a run.
      const pollTicks: ScheduleEntry[] = polls.map((p) => ({
        tenantId,
        workflow,
        nodeId: p.nodeId,
        rule: { kind: 'interval', ms: p.intervalMs },
        onTick: () => parts.polls.tick(p),
      }));
      await parts.scheduler.set(tenantId, workflow.id, [...schedules, ...pollTicks]);
    } catch (error) {
      parts.router.unregister(tenantId, workflow.id);
      throw error;
    }
    this.#active.set(`${tenantId}\u0000${workflow.id}`, { tenantId, workflowId: workflow.id });
    return {
      workflowId: workflow.id,
      webhooks: listeners.map((l) => ({ method: l.method, path: l.segments.join('/'), nodeId: l.nodeId })),
      schedules: schedules.map((s) => ({ nodeId: s.nodeId, rule: s.rule })),
      polls: polls.map((p) => ({ nodeId: p.nodeId, intervalMs: p.intervalMs })),
    };
  }

  deactivate(workflowId: string, options?: TenantOption): boolean {
    const tenantId = this.#tenant(options);
    // Nothing was ever activated before the parts loaded.
    this.#loaded?.router.unregister(tenantId, workflowId);
    this.#loaded?.scheduler.remove(tenantId, workflowId);
    return this.#active.delete(`${tenantId}\u0000${workflowId}`);
  }

  /** Checks the options of `engine.handleWebhook` (see `checkWebhookCallOptions`). */
  async checkWebhookCall(options: WebhookCallOptions | undefined): Promise<void> {
    (await this.#parts()).checkWebhookCallOptions(options);
  }

  async handleWebhook(request: Request, options?: WebhookCallOptions): Promise<Response> {
    return (await this.#parts()).router.handle(request, this.#tenant(options), options?.path);
  }

  async startScheduler(): Promise<void> {
    const parts = await this.#parts();
    parts.scheduler.start();
    const tenants = new Set([this.engine.defaultTenant, ...[...this.#active.values()].map((a) => a.tenantId)]);
    await parts.waits.start(tenants);
  }

  stopScheduler(): void {
    this.#loaded?.scheduler.stop();
    this.#loaded?.waits.stop();
  }

  async resume(executionId: string, options: TenantOption & { item?: Item } = {}): Promise<Execution> {
    return (await this.#parts()).waits.resume(
      this.#tenant(options),
      executionId,
      options.item ? { reason: 'webhook', item: options.item } : { reason: 'time' },
    );
  }
}
