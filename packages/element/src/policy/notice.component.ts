import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';

/**
 * The sentence telling the user why the host refused what they did (a locked
 * node, a denied node type, a vetoed save or run), over the top of the editor
 * until dismissed or until the next edit.
 *
 * @tagname wf-notice
 */
export class WfNotice extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      inset: auto var(--wf-space-4) var(--wf-space-4) auto;
      z-index: 5;
      max-width: min(32em, 80%);
    }
    .notice {
      display: flex;
      gap: var(--wf-space-2);
      align-items: start;
      padding: var(--wf-space-2) var(--wf-space-3);
      border: 1px solid var(--wf-color-danger);
      border-radius: var(--wf-radius-md);
      background: var(--wf-panel-bg);
      color: var(--wf-color-text);
      box-shadow: var(--wf-node-shadow);
    }
    p {
      margin: 0;
      flex: 1;
    }
    button {
      border: none;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
  `;
  readonly #editor = new EditorConsumer(this);

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed?.store.notice) return nothing;
    return html`<div class="notice" role="alert">
      <p>${ed.store.notice}</p>
      <button
        type="button"
        aria-label=${ed.t('policy.dismiss')}
        title=${ed.t('policy.dismiss')}
        @click=${() => {
          ed.store.notice = '';
          ed.store.notify();
        }}
      >
        ×
      </button>
    </div>`;
  }
}
