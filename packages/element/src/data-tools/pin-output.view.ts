import type { NodeRun } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';
import { DataTools } from './data-tools.js';

/**
 * The run panel's pin control for a node's run: "Pin this output" after a
 * successful run, or the pinned mark with "Unpin" when the node has pinned data.
 */
export function renderPinOutput(ed: EditorActions, run: NodeRun): TemplateResult | typeof nothing {
  const tools = DataTools.of(ed);
  const { t, store } = ed;
  if (tools.pinned(run.nodeId)) {
    return html`<div class="pin-output">
      <span class="status success">${t('dataTools.pinned')}</span>
      <button type="button" class="unpin" ?disabled=${store.readonly} @click=${() => tools.unpin(run.nodeId)}>
        ${t('dataTools.unpin')}
      </button>
    </div>`;
  }
  if (run.status !== 'success') return nothing;
  return html`<div class="pin-output">
    <button type="button" class="pin-this-output" ?disabled=${store.readonly} @click=${() => tools.pinLastOutput(run.nodeId)}>
      ${t('dataTools.pinOutput')}
    </button>
  </div>`;
}
