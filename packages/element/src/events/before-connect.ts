import type { Connection } from '@flowloom/engine';

/** Detail of `wf-before-connect`. */
export interface BeforeConnectDetail {
  connection: Connection;
}

/** Fired before two ports are connected; call `preventDefault()` to refuse the connection. */
export class WfBeforeConnectEvent extends Event {
  static readonly eventName = 'wf-before-connect';

  constructor(readonly detail: BeforeConnectDetail) {
    super('wf-before-connect', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-before-connect': WfBeforeConnectEvent;
  }
}
