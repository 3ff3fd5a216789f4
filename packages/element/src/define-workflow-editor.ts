import { WfCanvas } from './canvas/canvas.component.js';
import { WfCodeEditor } from './code-editor/code-editor.component.js';
import { WfNodeData } from './data-tools/node-data.component.js';
import { WfExpressionInput } from './expression/expression-input.component.js';
import { WfInspector } from './inspector/inspector.component.js';
import { WfNodeCredentials } from './inspector/node-credentials.component.js';
import { WfOptionsInput } from './inspector/options-input.component.js';
import { WfPalette } from './palette/palette.component.js';
import { WfNotice } from './policy/notice.component.js';
import { WfCredentialForm } from './panels/credentials/credential-form.component.js';
import { WfCredentialsPanel } from './panels/credentials/credentials-panel.component.js';
import { WfEditorPanels } from './panels/editor-panels.component.js';
import { WfVariablesPanel } from './panels/variables/variables-panel.component.js';
import { WfRunPanel } from './run-panel/run-panel.component.js';
import { WorkflowEditor } from './workflow-editor.component.js';

const parts: [string, CustomElementConstructor][] = [
  ['wf-canvas', WfCanvas],
  ['wf-palette', WfPalette],
  ['wf-inspector', WfInspector],
  ['wf-run-panel', WfRunPanel],
  ['wf-expression-input', WfExpressionInput],
  ['wf-code-editor', WfCodeEditor],
  ['wf-options-input', WfOptionsInput],
  ['wf-node-credentials', WfNodeCredentials],
  ['wf-node-data', WfNodeData],
  ['wf-credential-form', WfCredentialForm],
  ['wf-editor-panels', WfEditorPanels],
  ['wf-credentials-panel', WfCredentialsPanel],
  ['wf-variables-panel', WfVariablesPanel],
  ['wf-notice', WfNotice],
];

/**
 * Registers the editor under a tag name (default `workflow-editor`), for
 * white-label use under the host's own name. Tags already defined are left
 * alone, so calling it twice (or with two copies of the package) is safe.
 * Returns the class registered under that name.
 *
 * @example
 * defineWorkflowEditor('acme-automations');
 * document.body.append(document.createElement('acme-automations'));
 */
export function defineWorkflowEditor(tagName = 'workflow-editor'): CustomElementConstructor {
  for (const [tag, ctor] of parts) if (!customElements.get(tag)) customElements.define(tag, ctor);
  const existing = customElements.get(tagName);
  if (existing) return existing;
  // Each tag needs its own class: a constructor can be registered once only.
  const ctor = tagName === 'workflow-editor' ? WorkflowEditor : class extends WorkflowEditor {};
  customElements.define(tagName, ctor);
  return ctor;
}
