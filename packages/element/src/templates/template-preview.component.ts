import type { NodeTypeDescription, Workflow } from '@flowloom/engine';
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { editorContext } from '../context.js';
import { EditorActions } from '../editor-actions.js';
import { translator, type Translate } from '../i18n/translate.js';
import { EditorStore } from '../model/editor-store.js';
import { normalizeWorkflow } from '../model/normalize-workflow.js';

/**
 * A template drawn on the editor's own canvas, read-only: the canvas of the
 * preview shares a store of its own (never the editor's), so nothing done
 * here touches the workflow being edited.
 *
 * @tagname wf-template-preview
 */
export class WfTemplatePreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      height: 320px;
      border: 1px solid var(--wf-border-color);
      border-radius: var(--wf-radius-md);
      overflow: hidden;
    }
    wf-canvas {
      position: absolute;
      inset: 0;
    }
  `;
  static override properties = {
    workflow: { attribute: false },
    types: { attribute: false },
    t: { attribute: false },
  };
  /** The template shown. */
  declare workflow: Workflow | undefined;
  /** The editor's node type descriptions (icons, ports). */
  declare types: ReadonlyMap<string, NodeTypeDescription> | undefined;
  /** The editor's translate function. */
  declare t: Translate | undefined;
  readonly #store = new EditorStore();
  readonly #actions = new EditorActions(this.#store, translator('en'), {
    viewCenter: () => ({ x: 0, y: 0 }),
    executionStart() {},
    executionFinish() {},
    save() {},
    fitView: () => this.renderRoot.querySelector<LitElement & { fitView(): void }>('wf-canvas')?.fitView(),
    reveal() {},
    refused() {},
    replace() {},
  });

  constructor() {
    super();
    this.#store.readonly = true;
    new ContextProvider(this, { context: editorContext, initialValue: this.#actions });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('t') && this.t) this.#actions.t = this.t;
    if (changed.has('types') && this.types) this.#store.types = new Map(this.types);
    if (changed.has('workflow') && this.workflow) this.#store.setWorkflow(normalizeWorkflow(this.workflow));
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('workflow')) {
      const canvas = this.renderRoot.querySelector<LitElement & { scheduleFit(): void }>('wf-canvas');
      void canvas?.updateComplete.then(() => canvas.scheduleFit());
    }
  }

  override render(): TemplateResult {
    return html`<wf-canvas hide-minimap></wf-canvas>`;
  }
}
