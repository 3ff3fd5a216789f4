import { WfTemplateGallery } from './template-gallery.component.js';
import { WfTemplatePreview } from './template-preview.component.js';
import { WfWorkflowJson } from './workflow-json.component.js';

/** Registers `wf-template-gallery` and its preview; the editor calls it the first time the panel opens (the gallery's code loads then). */
export function defineTemplateGallery(): void {
  if (!customElements.get('wf-workflow-json')) customElements.define('wf-workflow-json', WfWorkflowJson);
  if (!customElements.get('wf-template-preview')) customElements.define('wf-template-preview', WfTemplatePreview);
  if (!customElements.get('wf-template-gallery')) customElements.define('wf-template-gallery', WfTemplateGallery);
}
