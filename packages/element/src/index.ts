export { WorkflowEditor } from './workflow-editor.component.js';
export { defineWorkflowEditor } from './define-workflow-editor.js';
export { EditorStore, emptyWorkflow, type NodeRunStatus, type StoreHooks } from './model/editor-store.js';
export { EditorActions } from './editor-actions.js';
export { applyChange, checkChange, type AppliedChange } from './model/apply-change.js';
export type {
  WorkflowChange,
  AddNodesChange,
  RemoveNodesChange,
  MoveNodesChange,
  UpdateNodeChange,
  AddConnectionsChange,
  RemoveConnectionsChange,
  BatchChange,
  UpdateWorkflowChange,
  WorkflowPatch,
  Position,
} from './model/changes.js';
export type { Viewport } from './model/geometry.js';
export type { LayoutEngine, LayoutGraph } from './layout/layout-engine.js';
export type { WorkflowRunner } from './runner.js';
export type { OptionsLoader } from './options-loader.js';
export { loadLocale, localeReady, registerLocale, translator, type Translate } from './i18n/translate.js';
export { en, type Strings, type StringKey } from './i18n/en.js';
export { fr } from './i18n/fr.js';
export { WfWorkflowChangeEvent, type WorkflowChangeDetail } from './events/workflow-change.js';
export { WfWorkflowSaveEvent, type WorkflowSaveDetail } from './events/workflow-save.js';
export { WfSelectionChangeEvent, type SelectionChangeDetail } from './events/selection-change.js';
export { WfExecutionStartEvent, type ExecutionStartDetail } from './events/execution-start.js';
export { WfExecutionFinishEvent, type ExecutionFinishDetail } from './events/execution-finish.js';
export { WfBeforeNodeRemoveEvent, type BeforeNodeRemoveDetail } from './events/before-node-remove.js';
export { WfBeforeConnectEvent, type BeforeConnectDetail } from './events/before-connect.js';
export { WfNodeActionEvent, type NodeAction, type NodeActionDetail } from './events/node-action.js';
export { WfPolicyRefusalEvent, type PolicyRefusalDetail } from './events/policy-refusal.js';
export { WfTemplateSaveEvent, type TemplateSaveDetail } from './events/template-save.js';
export { EditorPolicy, type PolicyHook, type PolicyVerdict, type PolicyOptions, type PolicyRefusal } from './policy/policy.js';
export type { CredentialSource } from './credentials/credential-source.js';
export type { CredentialAdmin } from './credentials/credential-admin.js';
