import type { Workflow, WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';

/**
 * Where the settings panel reads a workflow's saved versions and restores
 * one, and lists the other workflows (to choose an error workflow).
 */
export interface VersionSource {
  /** Every saved version of a workflow, newest first (empty when it was never saved). */
  list(workflowId: string): Promise<readonly WorkflowVersionSummary[]>;
  /** One saved version, as it was saved. */
  get(workflowId: string, version: number): Promise<Workflow | undefined>;
  /** Makes an old version current again by saving it as a new version; resolves with the new current document and its number. */
  restore(workflowId: string, version: number): Promise<{ workflow: Workflow; version: number }>;
  /** The tenant's saved workflows. */
  workflows(): Promise<readonly WorkflowSummary[]>;
}

/**
 * Versions kept by a `WorkflowStore`: the engine's storage in the page
 * (`engine.storage.workflows`), or a server's through its HTTP store (whose
 * token names the tenant, so the tenant argument is not sent).
 */
export class StoreVersionSource implements VersionSource {
  constructor(
    private readonly store: WorkflowStore,
    private readonly tenantId: string,
  ) {}

  list(workflowId: string): Promise<readonly WorkflowVersionSummary[]> {
    return this.store.listVersions(this.tenantId, workflowId);
  }

  get(workflowId: string, version: number): Promise<Workflow | undefined> {
    return this.store.getVersion(this.tenantId, workflowId, version);
  }

  async restore(workflowId: string, version: number): Promise<{ workflow: Workflow; version: number }> {
    const saved = await this.store.restoreVersion(this.tenantId, workflowId, version);
    if (!saved) throw new Error(`Workflow '${workflowId}' has no version ${version}.`);
    const workflow = await this.store.getVersion(this.tenantId, workflowId, saved.version);
    if (!workflow) throw new Error(`Workflow '${workflowId}': version ${saved.version} was restored but cannot be read back.`);
    return { workflow, version: saved.version };
  }

  workflows(): Promise<readonly WorkflowSummary[]> {
    return this.store.list(this.tenantId);
  }
}
