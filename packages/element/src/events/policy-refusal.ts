/** Detail of `wf-policy-refusal`. */
export interface PolicyRefusalDetail {
  /** What was refused: an edit (a denied node type, a locked node or parameter), an import, a save or a run. */
  action: 'edit' | 'import' | 'save' | 'run';
  /** The sentence shown to the user. */
  message: string;
}

/** Fired when the host's rules (properties or `beforeSave` / `beforeRun`) refused what the user did; the editor shows the message. */
export class WfPolicyRefusalEvent extends Event {
  static readonly eventName = 'wf-policy-refusal';

  constructor(readonly detail: PolicyRefusalDetail) {
    super('wf-policy-refusal', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-policy-refusal': WfPolicyRefusalEvent;
  }
}
