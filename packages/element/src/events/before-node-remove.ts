import type { WorkflowNode } from '@flowloom/engine';

/** Detail of `wf-before-node-remove`. */
export interface BeforeNodeRemoveDetail {
  /** The nodes about to be removed. */
  nodes: WorkflowNode[];
}

/** Fired before nodes are removed; call `preventDefault()` to keep them (a host's locked trigger). */
export class WfBeforeNodeRemoveEvent extends Event {
  static readonly eventName = 'wf-before-node-remove';

  constructor(readonly detail: BeforeNodeRemoveDetail) {
    super('wf-before-node-remove', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-before-node-remove': WfBeforeNodeRemoveEvent;
  }
}
