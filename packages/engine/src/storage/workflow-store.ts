import type { Workflow } from '../model/workflow.js';

/** What a list of workflows shows, without the graph. */
export interface WorkflowSummary {
  id: string;
  name: string;
  updatedAt: string;
}

/** Where workflows are kept. Every call is scoped to one tenant. */
export interface WorkflowStore {
  /** Creates or replaces a workflow. */
  save(tenantId: string, workflow: Workflow): Promise<void>;
  get(tenantId: string, id: string): Promise<Workflow | undefined>;
  list(tenantId: string): Promise<WorkflowSummary[]>;
  /** Whether something was deleted. */
  delete(tenantId: string, id: string): Promise<boolean>;
}
