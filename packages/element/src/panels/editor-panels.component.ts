import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import type { Translate } from '../i18n/translate.js';
import { editorPanelsStyles } from './editor-panels.styles.js';
import { varsForRun, type VariableSource } from './variables/variable-source.js';

/** The panels the editor's toolbar opens. */
export type EditorPanel = 'credentials' | 'variables' | 'settings' | 'templates';

const PANELS: readonly EditorPanel[] = ['credentials', 'variables', 'settings', 'templates'];
const LABEL = {
  credentials: 'panels.accounts',
  variables: 'panels.variables',
  settings: 'panels.settings',
  templates: 'panels.templates',
} as const;

/** Panels whose code loads the first time they open, and the tag each registers. */
const LAZY: Partial<Record<EditorPanel, { tag: string; load: () => Promise<void> }>> = {
  settings: {
    tag: 'wf-workflow-settings-panel',
    load: () => import('../settings/define-settings-panel.js').then((m) => m.defineSettingsPanel()),
  },
  templates: {
    tag: 'wf-template-gallery',
    load: () => import('../templates/define-template-gallery.js').then((m) => m.defineTemplateGallery()),
  },
};

/**
 * The toolbar buttons that open the panels, for the editor's toolbar.
 * `open` gets the button, to give the focus back to it on close.
 */
export function panelButtons(
  t: Translate,
  hidden: ReadonlySet<string>,
  open: (panel: EditorPanel, opener: HTMLElement) => void,
): TemplateResult {
  return html`${PANELS.filter((panel) => !hidden.has(panel)).map(
    (panel) =>
      html`<button
        type="button"
        class="panel-button"
        data-panel=${panel}
        aria-haspopup="dialog"
        @click=${(e: Event) => open(panel, e.currentTarget as HTMLElement)}
      >
        ${t(LABEL[panel])}
      </button>`,
  )}`;
}

/**
 * The "Connected accounts" and "Variables" panels, in a drawer over the
 * editor with a tab for each: modal inside the editor (the editor makes the
 * rest inert), Escape or × closes it. It also keeps the editor's `$vars`
 * (what expressions complete and preview with) in step with the variables
 * source, the workflow open and every change made to them.
 *
 * @tagname wf-editor-panels
 */
export class WfEditorPanels extends LitElement {
  static override styles = editorPanelsStyles;
  static override properties = {
    panel: {},
    hiddenPanels: { attribute: false },
  };
  /** The panel shown; empty when the drawer is closed. */
  declare panel: EditorPanel | '';
  /** The panels the host hides. */
  declare hiddenPanels: ReadonlySet<string>;
  /** Called when the user closes the drawer. */
  onClose: (() => void) | undefined;
  readonly #editor = new EditorConsumer(this);
  /** What `$vars` were last loaded for. */
  #vars: { source: VariableSource | undefined; revision: number | undefined; workflowId: string } | undefined;

  constructor() {
    super();
    this.panel = '';
    this.hiddenPanels = new Set();
  }

  /** The panels offered, in toolbar order. */
  get #panels(): EditorPanel[] {
    return PANELS.filter((panel) => !this.hiddenPanels.has(panel));
  }

  /** Starts loading a lazy panel's code; it renders once its tag is defined. */
  #load(panel: EditorPanel): void {
    const lazy = LAZY[panel];
    if (!lazy || customElements.get(lazy.tag)) return;
    void lazy.load().then(() => this.requestUpdate());
  }

  override willUpdate(): void {
    this.toggleAttribute('open', this.panel !== '');
    const ed = this.#editor.editor;
    if (ed) this.#syncVars(ed);
  }

  /** Loads the `$vars` of the workflow open when the source, its variables or the workflow changed. */
  #syncVars(ed: EditorActions): void {
    const source = ed.variables;
    const key = { source, revision: source?.revision, workflowId: ed.store.workflow.id };
    const last = this.#vars;
    if (last && last.source === key.source && last.revision === key.revision && last.workflowId === key.workflowId) return;
    this.#vars = key;
    if (!source) {
      ed.vars = {};
      return;
    }
    void varsForRun(source, key.workflowId).then(
      (vars) => {
        if (this.#vars !== key) return;
        ed.vars = vars;
        ed.store.notify();
      },
      // Without its variables the editor still works: expressions just see none.
      () => undefined,
    );
  }

  override updated(changed: PropertyValues<this>): void {
    // On opening, the panel takes the focus (switching tabs leaves it on the tab).
    if (changed.has('panel') && this.panel && !changed.get('panel')) void this.#focusPanel();
  }

  async #focusPanel(): Promise<void> {
    if (LAZY[this.panel as EditorPanel]) await customElements.whenDefined(LAZY[this.panel as EditorPanel]!.tag);
    await this.updateComplete;
    const panel = this.renderRoot.querySelector<LitElement>('[role=tabpanel] > *');
    await panel?.updateComplete;
    panel?.focus();
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    const active = this.panel;
    if (!ed || !active) return nothing;
    const { t } = ed;
    this.#load(active);
    return html`<div class="backdrop"></div>
      <section class="drawer" role="dialog" aria-modal="true" aria-label=${t('panels.label')} @keydown=${this.#onKeyDown}>
        <header>
          <div role="tablist" aria-label=${t('panels.label')} @keydown=${this.#onTabKey}>
            ${this.#panels.map(
              (panel) =>
                html`<button
                  type="button"
                  role="tab"
                  id=${`tab-${panel}`}
                  aria-selected=${panel === active ? 'true' : 'false'}
                  aria-controls=${`panel-${panel}`}
                  tabindex=${panel === active ? 0 : -1}
                  @click=${() => (this.panel = panel)}
                >
                  ${t(LABEL[panel])}
                </button>`,
            )}
          </div>
          <button type="button" class="close" aria-label=${t('panels.close')} title=${t('panels.close')} @click=${() => this.onClose?.()}>
            ×
          </button>
        </header>
        <div role="tabpanel" id=${`panel-${active}`} aria-labelledby=${`tab-${active}`}>${panelContent(active)}</div>
      </section>`;
  }

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.onClose?.();
  };

  /** Arrow keys, Home and End move between the tabs (the selected tab is the one Tab reaches). */
  #onTabKey = (e: KeyboardEvent) => {
    const panels = this.#panels;
    const at = panels.indexOf(this.panel as EditorPanel);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (at + 1) % panels.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (at - 1 + panels.length) % panels.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? panels.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    this.panel = panels[next]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.panel}`)?.focus());
  };
}

function panelContent(panel: EditorPanel): TemplateResult {
  switch (panel) {
    case 'credentials':
      return html`<wf-credentials-panel></wf-credentials-panel>`;
    case 'variables':
      return html`<wf-variables-panel></wf-variables-panel>`;
    case 'settings':
      return html`<wf-workflow-settings-panel></wf-workflow-settings-panel>`;
    case 'templates':
      return html`<wf-template-gallery></wf-template-gallery>`;
  }
}
