import type { ActivationSummary, Engine, Workflow } from '@flowloom/engine';

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
 * tenant's webhooks and route an incoming call to its tenant by its URL.
 */
export class Activations {
  readonly #engine: Engine;
  readonly #byTenant = new Map<string, Map<string, ActivationSummary>>();

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  #of(tenantId: string): Map<string, ActivationSummary> {
    let map = this.#byTenant.get(tenantId);
    if (!map) this.#byTenant.set(tenantId, (map = new Map()));
    return map;
  }

  async activate(tenantId: string, workflow: Workflow): Promise<ActivationSummary> {
    const summary = await this.#engine.activate(workflow, { tenantId });
    this.#of(tenantId).set(summary.workflowId, summary);
    return summary;
  }

  deactivate(tenantId: string, workflowId: string): boolean {
    this.#engine.deactivate(workflowId, { tenantId });
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
