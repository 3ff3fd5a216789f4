import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import type { MountedCodeEditor } from './load-codemirror.js';

/**
 * A code editor (CodeMirror 6), loaded the first time one is shown.
 *
 * @event change - When the code changed (read `value`).
 *
 * @tagname wf-code-editor
 */
export class WfCodeEditor extends LitElement {
  static override styles = css`
    :host {
      display: block;
      border: 1px solid var(--wf-input-border);
      border-radius: var(--wf-radius-md);
      background: var(--wf-input-bg);
      color: var(--wf-color-text);
      min-height: 120px;
      overflow: hidden;
    }
    .loading {
      padding: var(--wf-space-2);
      color: var(--wf-color-muted);
    }
    .cm-editor {
      max-height: 360px;
      font-size: 0.9em;
    }
  `;
  static override properties = {
    value: {},
    language: {},
    label: {},
    readonly: { type: Boolean },
    loadingText: { attribute: 'loading-text' },
  };
  declare value: string;
  declare language: string;
  declare label: string;
  declare readonly: boolean;
  declare loadingText: string;
  #editor: MountedCodeEditor | undefined;

  constructor() {
    super();
    this.value = '';
    this.language = 'javascript';
    this.label = '';
    this.readonly = false;
    this.loadingText = 'Loading…';
  }

  override render(): TemplateResult {
    return html`<div class="host"><div class="loading">${this.loadingText}</div></div>`;
  }

  override firstUpdated(): void {
    // Lit does not wait for this hook, so a failed load is shown where the editor would be.
    this.#mount().catch((error: unknown) => {
      const loading = this.renderRoot.querySelector('.loading');
      if (loading) loading.textContent = `The code editor could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    });
  }

  async #mount(): Promise<void> {
    const { mountCodeEditor } = await import('./load-codemirror.js');
    const host = this.renderRoot.querySelector<HTMLElement>('.host')!;
    host.replaceChildren();
    this.#editor = mountCodeEditor(host, this.shadowRoot!, {
      value: this.value,
      language: this.language,
      label: this.label,
      readonly: this.readonly,
      onChange: (value) => {
        this.value = value;
        this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      },
    });
    this.dataset.ready = '';
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('value')) this.#editor?.setValue(this.value);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#editor?.destroy();
    this.#editor = undefined;
  }
}
