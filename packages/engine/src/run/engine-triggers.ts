import { FlowloomError } from '../errors/flowloom.error.js';
import type { Workflow } from '../model/workflow.js';
import { addressPolicy, assertPublicUrlHost, guardFetch, type FetchFunction, type HttpOptions } from '../ports/http.js';
import type { EngineInternals } from './engine-internals.js';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import { Polls } from './polls.js';
import { Scheduler, type ScheduleEntry } from './scheduler.js';
import { createSubWorkflowRunner } from './sub-workflows.js';
import type { SubWorkflowRunner } from './run-services.js';
import { WaitingExecutions } from './waits.js';
import { WebhookRouter, type WebhookCallOptions, type WebhookOptions } from './webhooks.js';
import { triggersOf, type ActivationSummary } from './workflow-triggers.js';

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
  readonly waits: WaitingExecutions;
  readonly #router: WebhookRouter;
  readonly #scheduler: Scheduler;
  readonly #polls: Polls;
  readonly #active = new Map<string, { tenantId: string; workflowId: string }>();

  constructor(
    private readonly engine: EngineInternals,
    options: { fetch?: FetchFunction; http?: HttpOptions; webhooks?: WebhookOptions; maxWorkflowDepth?: number },
  ) {
    const base: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
    if (options.http?.allowPrivateNetworks) this.fetch = base;
    else {
      const allowed = addressPolicy(options.http?.allowedRanges);
      this.fetch = guardFetch(base, (url) => assertPublicUrlHost(url, allowed));
    }
    this.runSubWorkflow = createSubWorkflowRunner(engine, options.maxWorkflowDepth ?? 10);
    this.waits = new WaitingExecutions(engine);
    this.#router = new WebhookRouter(engine, this.waits, options.webhooks);
    this.#scheduler = new Scheduler(engine);
    this.#polls = new Polls(engine);
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
    const { listeners, schedules, polls } = await triggersOf(workflow, tenantId, this.engine.nodeTypes);
    this.#router.register(tenantId, workflow.id, listeners);
    try {
      // A polling trigger is a schedule whose tick polls instead of starting a run.
      const pollTicks: ScheduleEntry[] = polls.map((p) => ({
        tenantId,
        workflow,
        nodeId: p.nodeId,
        rule: { kind: 'interval', ms: p.intervalMs },
        onTick: () => this.#polls.tick(p),
      }));
      await this.#scheduler.set(tenantId, workflow.id, [...schedules, ...pollTicks]);
    } catch (error) {
      this.#router.unregister(tenantId, workflow.id);
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
    this.#router.unregister(tenantId, workflowId);
    this.#scheduler.remove(tenantId, workflowId);
    return this.#active.delete(`${tenantId}\u0000${workflowId}`);
  }

  handleWebhook(request: Request, options?: WebhookCallOptions): Promise<Response> {
    return this.#router.handle(request, this.#tenant(options), options?.path);
  }

  async startScheduler(): Promise<void> {
    this.#scheduler.start();
    const tenants = new Set([this.engine.defaultTenant, ...[...this.#active.values()].map((a) => a.tenantId)]);
    await this.waits.start(tenants);
  }

  stopScheduler(): void {
    this.#scheduler.stop();
    this.waits.stop();
  }

  resume(executionId: string, options: TenantOption & { item?: Item } = {}): Promise<Execution> {
    return this.waits.resume(
      this.#tenant(options),
      executionId,
      options.item ? { reason: 'webhook', item: options.item } : { reason: 'time' },
    );
  }
}
