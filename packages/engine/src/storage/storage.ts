import type { ExecutionStore } from './execution-store.js';
import type { WorkflowStore } from './workflow-store.js';

/** The storage an engine writes to: one object per kind of record. */
export interface Storage {
  workflows: WorkflowStore;
  executions: ExecutionStore;
}
