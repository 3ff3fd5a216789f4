import type { WorkflowNode } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';

/** The node settings part of the inspector: retry, on error, execute once, disabled, notes. */
export function renderNodeSettings(ed: EditorActions, node: WorkflowNode, p: string): TemplateResult {
  const { t, store } = ed;
  const ro = store.isLocked(node.id);
  return html`
    <label class="check"
      ><input
        type="checkbox"
        .checked=${node.retry !== undefined}
        ?disabled=${ro}
        @change=${(e: Event) =>
          ed.updateNode(node.id, { retry: (e.target as HTMLInputElement).checked ? { maxTries: 3, waitMs: 1000 } : undefined })}
      />
      ${t('inspector.retry')}</label
    >
    ${
      node.retry
        ? html`<div class="group">
            <div class="field">
              <label for=${`${p}-tries`}>${t('inspector.maxTries')}</label>
              <input
                id=${`${p}-tries`}
                type="number"
                min="1"
                max="10"
                .value=${String(node.retry.maxTries)}
                ?readonly=${ro}
                @change=${(e: Event) =>
                  ed.updateNode(node.id, {
                    retry: { ...node.retry!, maxTries: Math.min(10, Math.max(1, Number((e.target as HTMLInputElement).value) || 1)) },
                  })}
              />
            </div>
            <div class="field">
              <label for=${`${p}-wait`}>${t('inspector.waitMs')}</label>
              <input
                id=${`${p}-wait`}
                type="number"
                min="0"
                .value=${String(node.retry.waitMs)}
                ?readonly=${ro}
                @change=${(e: Event) =>
                  ed.updateNode(node.id, {
                    retry: { ...node.retry!, waitMs: Math.max(0, Number((e.target as HTMLInputElement).value) || 0) },
                  })}
              />
            </div>
          </div>`
        : nothing
    }
    <div class="field">
      <label for=${`${p}-onerror`}>${t('inspector.onError')}</label>
      <select
        id=${`${p}-onerror`}
        ?disabled=${ro}
        @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value as 'stop' | 'continue' | 'errorOutput';
          ed.updateNode(node.id, { onError: v === 'stop' ? undefined : v });
        }}
      >
        ${(['stop', 'continue', 'errorOutput'] as const).map(
          (v) => html`<option value=${v} ?selected=${(node.onError ?? 'stop') === v}>${t(`inspector.onError.${v}`)}</option>`,
        )}
      </select>
    </div>
    <label class="check"
      ><input
        type="checkbox"
        .checked=${node.executeOnce === true}
        ?disabled=${ro}
        @change=${(e: Event) => ed.updateNode(node.id, { executeOnce: (e.target as HTMLInputElement).checked || undefined })}
      />
      ${t('inspector.executeOnce')}</label
    >
    <label class="check"
      ><input
        type="checkbox"
        .checked=${node.disabled === true}
        ?disabled=${ro}
        @change=${(e: Event) => ed.updateNode(node.id, { disabled: (e.target as HTMLInputElement).checked || undefined })}
      />
      ${t('inspector.disabled')}</label
    >
    <div class="field">
      <label for=${`${p}-notes`}>${t('inspector.notes')}</label>
      <textarea
        id=${`${p}-notes`}
        .value=${node.notes ?? ''}
        ?readonly=${ro}
        @change=${(e: Event) => ed.updateNode(node.id, { notes: (e.target as HTMLTextAreaElement).value || undefined })}
      ></textarea>
    </div>
  `;
}
