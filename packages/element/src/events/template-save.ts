import type { Workflow } from '@flowloom/engine';

/** Detail of `wf-template-save`. */
export interface TemplateSaveDetail {
  /** The workflow as a template: its `meta.template` holds the id, name, category, tags, version and placeholders. */
  template: Workflow;
}

/** Fired when the user saves the workflow as a template; the host keeps it in its catalogue. */
export class WfTemplateSaveEvent extends Event {
  static readonly eventName = 'wf-template-save';

  constructor(readonly detail: TemplateSaveDetail) {
    super('wf-template-save', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wf-template-save': WfTemplateSaveEvent;
  }
}
