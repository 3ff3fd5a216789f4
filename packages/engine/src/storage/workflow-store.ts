import type { Workflow } from '../model/workflow.js';

/** What a list of workflows shows, without the graph. */
export interface WorkflowSummary {
  id: string;
  name: string;
  updatedAt: string;
  /** The current version number: 1 after the first save, then 2, 3... */
  version: number;
}

/** One saved version of a workflow, without the graph. */
export interface WorkflowVersionSummary {
  workflowId: string;
  version: number;
  name: string;
  savedAt: string;
}

/**
 * Where workflows are kept. Every call is scoped to one tenant.
 *
 * Every save keeps the previous version: versions are numbered from 1 and
 * never rewritten, so an execution can name the version it ran and a user
 * can go back to any of them.
 */
export interface WorkflowStore {
  /** Saves a new current version of the workflow (creating it on first save); returns that version. */
  save(tenantId: string, workflow: Workflow): Promise<WorkflowVersionSummary>;
  /** The current version. */
  get(tenantId: string, id: string): Promise<Workflow | undefined>;
  list(tenantId: string): Promise<WorkflowSummary[]>;
  /** Deletes the workflow and all its versions; whether something was deleted. */
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Every version of one workflow, newest first (empty when there is no such workflow). */
  listVersions(tenantId: string, id: string): Promise<WorkflowVersionSummary[]>;
  /** One version as it was saved. */
  getVersion(tenantId: string, id: string, version: number): Promise<Workflow | undefined>;
  /**
   * Makes an old version current again by saving it as a new version (the
   * history keeps everything). Undefined when there is no such version.
   */
  restoreVersion(tenantId: string, id: string, version: number): Promise<WorkflowVersionSummary | undefined>;
}
