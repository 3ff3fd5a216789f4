import type { Execution } from '@flowloom/engine';

/** Detail of `wf-execution-finish`. */
export interface ExecutionFinishDetail {
  /** The finished execution, or undefined when the run could not start. */
  execution: Execution | undefined;
  /** Why the run could not start, if it did not. */
  error?: string;
}

/** Fired when a run ends, whatever its status. */
export class WfExecutionFinishEvent extends Event {
  static readonly eventName = 'wf-execution-finish';

  constructor(readonly detail: ExecutionFinishDetail) {
    super('wf-execution-finish', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-execution-finish': WfExecutionFinishEvent;
  }
}
