import { WfWorkflowSettingsPanel } from './settings-panel.component.js';

/** Registers `wf-workflow-settings-panel`; the editor calls it the first time the panel opens (the panel's code loads then). */
export function defineSettingsPanel(): void {
  if (!customElements.get('wf-workflow-settings-panel')) customElements.define('wf-workflow-settings-panel', WfWorkflowSettingsPanel);
}
