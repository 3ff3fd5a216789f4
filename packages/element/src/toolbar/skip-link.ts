import { html, type TemplateResult } from 'lit';
import type { WfCanvas } from '../canvas/canvas.component.js';
import type { Translate } from '../i18n/translate.js';
import type { EditorStore } from '../model/editor-store.js';

/**
 * "Skip to canvas": the editor's first tab stop, shown when focused. It
 * moves the focus past the toolbar and palette to the selected node, else
 * the first node, else the canvas itself.
 */
export function renderSkipLink(t: Translate, canvas: () => WfCanvas | null, store: EditorStore, inert: boolean): TemplateResult {
  const skip = (e: Event) => {
    e.preventDefault();
    const c = canvas();
    if (!c) return;
    const [id] = store.selectedNodes.size === 1 ? [...store.selectedNodes] : [];
    if (id) return c.focusNode(id);
    (c.renderRoot.querySelector<HTMLElement>('.node[data-id]') ?? c.renderRoot.querySelector<HTMLElement>('.pane'))?.focus();
  };
  // Out of reach, like the rest of the editor, while a panel is open over it.
  return html`<a class="skip-link" href="#canvas" ?inert=${inert} @click=${skip}>${t('editor.skipToCanvas')}</a>`;
}
