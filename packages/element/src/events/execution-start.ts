import type { Workflow } from '@flowloom/engine';

/** Detail of `wf-execution-start`. */
export interface ExecutionStartDetail {
  workflow: Workflow;
}

/** Fired when the user starts a run. */
export class WfExecutionStartEvent extends Event {
  static readonly eventName = 'wf-execution-start';

  constructor(readonly detail: ExecutionStartDetail) {
    super('wf-execution-start', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-execution-start': WfExecutionStartEvent;
  }
}
