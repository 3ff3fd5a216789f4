import type { ActivationSummary, Engine, Logger, Workflow } from '@flowloom/engine';
import type { ActivationStore } from './activation-store.js';

/** A webhook an active workflow answers, as `GET /webhooks` lists it. */
export interface WebhookRegistration {
  workflowId: string;
  nodeId: string;
  method: string;
  /** Below the tenant's webhook base, as `orders/:id`. */
  path: string;
  /** The URL path callers use: `/t/<tenant>/webhook/<path>`. */
  url: string;
}

/**
 * The workflows activated through this server, per tenant. The engine keeps
 * activations in memory; this table mirrors them so the server can list a
 * tenant's webhooks and route an incoming call to its tenant by its URL, and
 * the activation store keeps them across restarts.
 */
export class Activations {
  readonly #engine: Engine;
  readonly #store: ActivationStore;
  readonly #byTenant = new Map<string, Map<string, ActivationSummary>>();
  /** Settles once the workflows the store lists are active again (each failure is logged and skipped). */
  readonly restored: Promise<void>;

  constructor(engine: Engine, store: ActivationStore, logger: Logger) {
    this.#engine = engine;
    this.#store = store;
    this.restored = this.#restore(logger);
  }

  async #restore(logger: Logger): Promise<void> {
    let active: Awaited<ReturnType<ActivationStore['list']>>;
    try {
      active = await this.#store.list();
    } catch (error) {
      logger.error('The active workflows could not be read; none was activated again.', { error: String(error) });
      return;
    }
    for (const { tenantId, workflowId } of active) {
      try {
        const workflow = await this.#engine.storage.workflows.get(tenantId, workflowId);
        if (!workflow) {
          await this.#store.remove(tenantId, workflowId);
          continue;
        }
        const summary = await this.#engine.activate(workflow, { tenantId });
        this.#of(tenantId).set(summary.workflowId, summary);
      } catch (error) {
        logger.error(`Workflow '${workflowId}' of tenant '${tenantId}' could not be activated again.`, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  #of(tenantId: string): Map<string, ActivationSummary> {
    let map = this.#byTenant.get(tenantId);
    if (!map) this.#byTenant.set(tenantId, (map = new Map()));
    return map;
  }

  async activate(tenantId: string, workflow: Workflow): Promise<ActivationSummary> {
    const summary = await this.#engine.activate(workflow, { tenantId });
    this.#of(tenantId).set(summary.workflowId, summary);
    await this.#store.add(tenantId, summary.workflowId);
    return summary;
  }

  async deactivate(tenantId: string, workflowId: string): Promise<boolean> {
    this.#engine.deactivate(workflowId, { tenantId });
    await this.#store.remove(tenantId, workflowId);
    return this.#of(tenantId).delete(workflowId);
  }

  isActive(tenantId: string, workflowId: string): boolean {
    return this.#of(tenantId).has(workflowId);
  }

  /** The tenant's webhooks. */
  webhooks(tenantId: string): WebhookRegistration[] {
    return [...this.#of(tenantId).values()].flatMap((summary) =>
      summary.webhooks.map((hook) => ({
        workflowId: summary.workflowId,
        nodeId: hook.nodeId,
        method: hook.method,
        path: hook.path,
        url: `/t/${encodeURIComponent(tenantId)}/webhook/${hook.path.replace(/^\//, '')}`,
      })),
    );
  }

  /** Whether the tenant has a webhook for this method and path (`:name` segments match any one segment). */
  answers(tenantId: string, method: string, path: string): boolean {
    const segments = path.split('/').filter(Boolean);
    return this.webhooks(tenantId).some((hook) => {
      if (hook.method !== method && !(hook.method === 'GET' && method === 'HEAD')) return false;
      const pattern = hook.path.split('/').filter(Boolean);
      return pattern.length === segments.length && pattern.every((p, i) => p.startsWith(':') || p === segments[i]);
    });
  }
}
