import type { Workflow } from '@flowloom/engine';
import type { WorkflowChange } from '../model/changes.js';

/** Detail of `wf-workflow-change`. */
export interface WorkflowChangeDetail {
  /** The workflow after the change. */
  workflow: Workflow;
  /** The change that was applied (for undo, the inverse that was applied). */
  change: WorkflowChange;
  /** What caused it. */
  origin: 'edit' | 'undo' | 'redo' | 'replace';
}

/** Fired after every edit of the workflow, including undo and redo. */
export class WfWorkflowChangeEvent extends Event {
  static readonly eventName = 'wf-workflow-change';

  constructor(readonly detail: WorkflowChangeDetail) {
    super('wf-workflow-change', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-workflow-change': WfWorkflowChangeEvent;
  }
}
