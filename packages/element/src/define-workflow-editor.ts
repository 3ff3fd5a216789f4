import { WfCanvas } from './canvas/canvas.component.js';
import { WfPalette } from './palette/palette.component.js';
import { WfNotice } from './policy/notice.component.js';
import { WfEditorPanels } from './panels/editor-panels.component.js';
import { WorkflowEditor } from './workflow-editor.component.js';

// What the first render needs; the rest (`editorParts`) loads once the canvas shows.
const parts: [string, CustomElementConstructor][] = [
  ['wf-canvas', WfCanvas],
  ['wf-palette', WfPalette],
  ['wf-editor-panels', WfEditorPanels],
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
