import { WfCodeEditor } from './code-editor/code-editor.component.js';
import { WfNodeData } from './data-tools/node-data.component.js';
import { WfExpressionInput } from './expression/expression-input.component.js';
import { WfInspector } from './inspector/inspector.component.js';
import { WfNodeCredentials } from './inspector/node-credentials.component.js';
import { WfOptionsInput } from './inspector/options-input.component.js';
import { WfCredentialForm } from './panels/credentials/credential-form.component.js';
import { WfCredentialsPanel } from './panels/credentials/credentials-panel.component.js';
import { WfVariablesPanel } from './panels/variables/variables-panel.component.js';
import { WfRunPanel } from './run-panel/run-panel.component.js';

/**
 * The editor's parts that its first render does without: the inspector and
 * its inputs, the run panel and the panels' contents. They load right after
 * the editor first shows its canvas (`loadEditorParts`), so the canvas
 * answers sooner, and each shows as soon as it is defined.
 */
export const editorParts: readonly [string, CustomElementConstructor][] = [
  ['wf-inspector', WfInspector],
  ['wf-run-panel', WfRunPanel],
  ['wf-expression-input', WfExpressionInput],
  ['wf-code-editor', WfCodeEditor],
  ['wf-options-input', WfOptionsInput],
  ['wf-node-credentials', WfNodeCredentials],
  ['wf-node-data', WfNodeData],
  ['wf-credential-form', WfCredentialForm],
  ['wf-credentials-panel', WfCredentialsPanel],
  ['wf-variables-panel', WfVariablesPanel],
];
