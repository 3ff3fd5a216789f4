import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { panelButtons, type EditorPanel } from './editor-panels.component.js';

/**
 * Which panel is open over the editor, its toolbar buttons and its drawer.
 * The focus goes back to the button that opened the drawer when it closes.
 */
export class PanelsController implements ReactiveController {
  /** The panel open; empty when the drawer is closed. */
  panel: EditorPanel | '' = '';
  /** The panels the host hides (`hidden-panels`). */
  hidden: ReadonlySet<string> = new Set();
  #opener: HTMLElement | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the drawer is open (the rest of the editor is then inert). */
  get open(): boolean {
    return this.panel !== '';
  }

  /** The buttons that open the panels, for the toolbar. */
  buttons(t: Translate): TemplateResult {
    return panelButtons(t, this.hidden, (panel, opener) => {
      this.panel = panel;
      this.#opener = opener;
      this.host.requestUpdate();
    });
  }

  /** The drawer, outside the editor's layout (which is inert while it is open). */
  drawer(dir: string, lang: string): TemplateResult {
    return html`<wf-editor-panels
      part="panels"
      dir=${dir}
      lang=${lang}
      .panel=${this.panel}
      .hiddenPanels=${this.hidden}
      .onClose=${this.#close}
    ></wf-editor-panels>`;
  }

  #close = (): void => {
    this.panel = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.#opener?.focus());
  };
}
