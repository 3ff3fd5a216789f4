/** What a node's menu asks for that other parts of the editor, or the host, may carry out. */
export type NodeAction = 'open' | 'execute' | 'pin' | 'unpin';

/** Detail of `wf-node-action`. */
export interface NodeActionDetail {
  action: NodeAction;
  /** The node the menu was opened on. */
  nodeId: string;
}

/**
 * Fired when the user asks for something about one node that the canvas
 * does not carry out itself: `open` (a double-click, or Open in its menu:
 * the editor shows it in the inspector), `execute` (Execute step), `pin` and
 * `unpin` (the node's pinned data). Whoever carries it out calls
 * `preventDefault()`. When nobody does, the editor's data tools do: a run
 * that ends at the node for `execute`, the node's last output pinned for
 * `pin`, its pinned data removed for `unpin`.
 */
export class WfNodeActionEvent extends Event {
  static readonly eventName = 'wf-node-action';

  constructor(readonly detail: NodeActionDetail) {
    super('wf-node-action', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-node-action': WfNodeActionEvent;
  }
}
