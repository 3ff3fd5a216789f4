import type { Item } from '../model/item.js';

/**
 * Where a polling trigger left off, kept between polls and across restarts,
 * one record per trigger node of a workflow.
 */
export interface TriggerState {
  /** Where the next poll starts: the trigger's own JSON value (a time, an id, a page token). */
  cursor: unknown;
  /**
   * Items a poll found and the id of the run they start, written together
   * with the cursor past them before the run starts; cleared once the run's
   * record exists. An engine that stops in between starts that run when it
   * next polls, so the items are neither lost nor fetched twice.
   */
  pending?: { executionId: string; items: Item[] };
  updatedAt: string;
}

/** Where trigger state is kept. Every call is scoped to one tenant. */
export interface TriggerStateStore {
  get(tenantId: string, workflowId: string, nodeId: string): Promise<TriggerState | undefined>;
  /** Creates or replaces one trigger node's state. */
  set(tenantId: string, workflowId: string, nodeId: string, state: TriggerState): Promise<void>;
  /** Forgets one node's state, or every node's of the workflow when `nodeId` is omitted; how many were forgotten. */
  delete(tenantId: string, workflowId: string, nodeId?: string): Promise<number>;
}
