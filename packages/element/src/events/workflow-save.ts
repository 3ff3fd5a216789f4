import type { Workflow } from '@flowloom/engine';

/** Detail of `wf-workflow-save`. */
export interface WorkflowSaveDetail {
  workflow: Workflow;
}

/** Fired when the user asks to save (Ctrl/Cmd+S or the Save button); the host stores the workflow. */
export class WfWorkflowSaveEvent extends Event {
  static readonly eventName = 'wf-workflow-save';

  constructor(readonly detail: WorkflowSaveDetail) {
    super('wf-workflow-save', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-workflow-save': WfWorkflowSaveEvent;
  }
}
