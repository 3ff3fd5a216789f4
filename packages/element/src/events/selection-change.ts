import type { Connection } from '@flowloom/engine';

/** Detail of `wf-selection-change`. */
export interface SelectionChangeDetail {
  nodeIds: string[];
  connections: Connection[];
}

/** Fired when the selected nodes or connections change. */
export class WfSelectionChangeEvent extends Event {
  static readonly eventName = 'wf-selection-change';

  constructor(readonly detail: SelectionChangeDetail) {
    super('wf-selection-change', { bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-selection-change': WfSelectionChangeEvent;
  }
}
