import type { Workflow } from '@flowloom/engine';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';

/**
 * The workflow's name in the toolbar, and whether it has changes not yet
 * saved. A click on the name (or Enter on it) turns it into a field: Enter
 * or leaving the field renames the workflow (an `updateWorkflow` change, so
 * undo and `wf-workflow-change` follow), Escape keeps the old name. A dot
 * after the name, with the words for screen readers, marks unsaved changes
 * until the next save.
 */
export class WorkflowTitle {
  #editing = false;
  /** The workflow as the host gave it or as last saved: any other is unsaved. */
  #saved: Workflow | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly actions: EditorActions,
  ) {}

  /** Records `workflow` as what is stored (the host's, or the one just saved). */
  markSaved(workflow: Workflow): void {
    this.#saved = workflow;
    this.host.requestUpdate();
  }

  /** Whether the workflow has changed since it was set or saved. */
  get dirty(): boolean {
    return this.#saved !== undefined && this.actions.store.workflow !== this.#saved;
  }

  render(): TemplateResult {
    const { store, t } = this.actions;
    const name = store.workflow.name;
    const shown = name || t('title.untitled');
    const unsaved = this.dirty
      ? html`<span class="unsaved" title=${t('title.unsaved')}
          ><span class="unsaved-dot" aria-hidden="true"></span><span class="visually-hidden">${t('title.unsaved')}</span></span
        >`
      : nothing;
    if (this.#editing) {
      return html`<input
          class="title-input"
          type="text"
          aria-label=${t('title.label')}
          .value=${name}
          @keydown=${this.#onKeyDown}
          @blur=${(e: FocusEvent) => this.#commit(e.target as HTMLInputElement, false)}
        />${unsaved}`;
    }
    if (store.readonly) return html`<span class="title">${shown}</span>${unsaved}`;
    return html`<button
        type="button"
        class="title"
        aria-label=${t('title.rename', { name: shown })}
        title=${t('title.rename', { name: shown })}
        @click=${this.#start}
      >
        ${shown}</button
      >${unsaved}`;
  }

  #start = (): void => {
    if (this.actions.store.readonly) return;
    this.#editing = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const input = this.host.shadowRoot?.querySelector<HTMLInputElement>('.title-input');
      input?.focus();
      input?.select();
    });
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    // Typing a name is no editor shortcut (but Ctrl/Cmd+S still saves).
    if (!((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's')) e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      this.#commit(e.target as HTMLInputElement, true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.#finish(true);
    }
  };

  #commit(input: HTMLInputElement, refocus: boolean): void {
    if (!this.#editing) return;
    const { store, t } = this.actions;
    const before = store.workflow.name;
    const name = input.value.trim();
    if (name && name !== before && store.dispatch({ type: 'updateWorkflow', patch: { name }, before: { name: before } })) {
      store.announce(t('title.renamed', { name }));
    }
    this.#finish(refocus);
  }

  /** Leaves the field; with `refocus` (Enter, Escape) the focus goes back to the name. */
  #finish(refocus: boolean): void {
    this.#editing = false;
    this.host.requestUpdate();
    if (refocus) void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('button.title')?.focus());
  }
}
