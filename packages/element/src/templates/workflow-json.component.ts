import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import { replaceWorkflow } from './replace-workflow.js';
import { jsonFileName, parseWorkflowJson, workflowJson } from './template-catalog.js';
import { templateGalleryStyles } from './template-gallery.styles.js';

let counter = 0;

/**
 * Workflow JSON in and out, in the "Templates" panel: download the workflow
 * as a file or copy it; open a file, paste from the clipboard, or paste into
 * the box when the page may not read the clipboard. An imported document
 * replaces the workflow when it is valid and the host's rules allow it.
 *
 * @tagname wf-workflow-json
 */
export class WfWorkflowJson extends LitElement {
  static override styles = templateGalleryStyles;
  static override properties = {
    jsonText: { state: true },
    jsonError: { state: true },
    status: { state: true },
  };
  /** The text in the box: pasted JSON, or the workflow's when the clipboard could not take it. */
  declare jsonText: string;
  declare jsonError: string | undefined;
  declare status: string;
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-json-${++counter}`;
  /** The object URL of the last export, released when the next one is made. */
  #exportUrl: string | undefined;

  constructor() {
    super();
    this.jsonText = '';
    this.status = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#exportUrl) URL.revokeObjectURL(this.#exportUrl);
  }

  override render(): TemplateResult {
    const ed = this.#editor.editor;
    if (!ed) return html``;
    const { t, store } = ed;
    const id = `${this.#prefix}-json`;
    return html`<section class="json" aria-labelledby=${id}>
      <h3 id=${id}>${t('templates.json')}</h3>
      <div class="row">
        <a class="button export-file" download=${jsonFileName(store.workflow)} href="#" @click=${(e: Event) => this.#exportFile(e, ed)}>
          ${t('templates.exportFile')}
        </a>
        <button type="button" class="export-clipboard" @click=${() => void this.#exportClipboard(ed)}>
          ${t('templates.exportClipboard')}
        </button>
        <label class="button import-file">
          ${t('templates.importFile')}
          <input
            type="file"
            accept="application/json,.json"
            ?disabled=${store.readonly}
            @change=${(e: Event) => void this.#importFile(e, ed)}
          />
        </label>
        <button type="button" class="import-clipboard" ?disabled=${store.readonly} @click=${() => void this.#importClipboard(ed)}>
          ${t('templates.importClipboard')}
        </button>
      </div>
      <textarea
        class="json-text"
        aria-label=${t('templates.json')}
        .value=${this.jsonText}
        @input=${(e: Event) => (this.jsonText = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <button
        type="button"
        class="import-text"
        ?disabled=${store.readonly || !this.jsonText.trim()}
        @click=${() => this.#importText(ed, this.jsonText)}
      >
        ${t('templates.importText')}
      </button>
      ${this.jsonError ? html`<p class="error" role="alert">${this.jsonError}</p>` : nothing}
      <p class="status" role="status">${this.status}</p>
    </section>`;
  }

  /** Points the link at the workflow's JSON just before the browser follows it (the download). */
  #exportFile(e: Event, ed: EditorActions): void {
    const link = e.currentTarget as HTMLAnchorElement;
    if (this.#exportUrl) URL.revokeObjectURL(this.#exportUrl);
    this.#exportUrl = URL.createObjectURL(new Blob([workflowJson(ed.store.workflow)], { type: 'application/json' }));
    link.href = this.#exportUrl;
    link.download = jsonFileName(ed.store.workflow);
  }

  async #exportClipboard(ed: EditorActions): Promise<void> {
    const text = workflowJson(ed.store.workflow);
    try {
      await navigator.clipboard.writeText(text);
      this.status = ed.t('templates.copied');
    } catch {
      // No clipboard here: the JSON goes into the box, to copy by hand.
      this.jsonText = text;
    }
  }

  async #importFile(e: Event, ed: EditorActions): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = '';
    this.#importText(ed, text);
  }

  async #importClipboard(ed: EditorActions): Promise<void> {
    let text: string;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      this.jsonError = ed.t('templates.clipboardDenied');
      return;
    }
    this.#importText(ed, text);
  }

  #importText(ed: EditorActions, text: string): void {
    const { t } = ed;
    const read = parseWorkflowJson(text);
    if ('problem' in read) {
      this.jsonError = t(read.problem === 'json' ? 'templates.notJson' : 'templates.notWorkflow', { message: read.message });
      return;
    }
    this.jsonError = undefined;
    const refused = replaceWorkflow(ed, read.workflow);
    if (refused) {
      this.status = refused;
      return;
    }
    this.jsonText = '';
    this.status = t('templates.importedJson', { name: read.workflow.name || read.workflow.id });
    ed.store.announce(this.status);
  }
}
