import type { EngineEvent, Execution, ExecutionSummary } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import { WfExecutionFinishEvent } from '../events/execution-finish.js';
import { WfExecutionStartEvent } from '../events/execution-start.js';
import type { HistoryController } from './history-controller.js';
import { historyQuery, NO_FILTERS, type HistoryFilters } from './history-query.js';
import { historyPanelStyles } from './history-panel.styles.js';
import { renderFilters, renderRuns } from './history-list.view.js';
import { renderRun } from './history-run.view.js';
import { failedNodeId } from './timeline.js';

/** Runs listed per page. */
export const HISTORY_PAGE_SIZE = 50;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The "Runs" panel: a page of the workflow's executions at a time, newest
 * first, with filters (status, trigger, dates, error text); opening one
 * shows it read-only on the canvas with its timeline, error, and retry,
 * export and delete. Escape goes back one level: from a run to the list,
 * from the list to editing.
 *
 * @tagname wf-history-panel
 */
export class WfHistoryPanel extends LitElement {
  static override styles = historyPanelStyles;
  static override properties = {
    open: { type: Boolean, reflect: true },
    filters: { state: true },
    items: { state: true },
    loading: { state: true },
    error: { state: true },
    confirming: { state: true },
    retrying: { state: true },
    note: { state: true },
  };
  /** Whether the panel is shown. */
  declare open: boolean;
  declare filters: HistoryFilters;
  declare items: readonly ExecutionSummary[] | undefined;
  declare loading: boolean;
  declare error: string;
  /** Whether the delete confirmation is shown. */
  declare confirming: boolean;
  /** The retry in progress, to cancel it. */
  declare retrying: AbortController | undefined;
  /** The outcome of the last action on the run shown (export, retry). */
  declare note: string;
  /** The controller that opened the panel. */
  history: HistoryController | undefined;
  readonly #editor = new EditorConsumer(this);
  /** Cursors of the pages shown so far: the first page has none. */
  #cursors: (string | undefined)[] = [undefined];
  #next: string | undefined;
  /** Each list request's number: answers to older requests are dropped. */
  #ticket = 0;
  /** What the list was last loaded for (workflow), and whether a run was going on. */
  #workflowId: string | undefined;
  #wasRunning = false;
  /** The row to focus when coming back from a run to the list. */
  #returnTo: string | undefined;

  constructor() {
    super();
    this.open = false;
    this.filters = NO_FILTERS;
    this.items = undefined;
    this.loading = false;
    this.error = '';
    this.confirming = false;
    this.retrying = undefined;
    this.note = '';
  }

  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const ed = this.#editor.editor;
    if (!ed || !this.history || !this.open) return;
    const workflowId = this.history.workflow.id;
    const running = ed.store.running;
    const finished = this.#wasRunning && !running;
    this.#wasRunning = running;
    if (workflowId !== this.#workflowId) {
      this.#workflowId = workflowId;
      this.#cursors = [undefined];
      void this.#load();
    } else if (changed.has('open') || (finished && this.#cursors.length === 1)) {
      // A run that just ended shows at the top of the first page.
      void this.#load();
    }
  }

  /** Loads the current page of the list. */
  async #load(): Promise<void> {
    const source = this.history?.source();
    const ticket = ++this.#ticket;
    if (!source) {
      this.error = this.#editor.editor?.t('history.unavailable') ?? '';
      return;
    }
    this.loading = true;
    try {
      const history = await source;
      const query = historyQuery(this.history!.workflow.id, this.filters, HISTORY_PAGE_SIZE, this.#cursors.at(-1));
      const page = await history.list(query);
      if (ticket !== this.#ticket) return;
      this.items = page.items;
      this.#next = page.nextCursor;
      this.error = '';
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.items = [];
      this.#next = undefined;
      this.error = this.#editor.editor?.t('history.failed', { message: message(error) }) ?? message(error);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
    }
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed || !this.history || !this.open) return nothing;
    const { t } = ed;
    const viewing = this.history.viewing;
    return html`<section class="panel" aria-labelledby="history-title" @keydown=${this.#onKeyDown}>
      <header>
        <h2 id="history-title" tabindex="-1">${t('history.label')}</h2>
        ${viewing ? nothing : html`<button type="button" class="refresh" @click=${() => void this.#load()}>${t('history.refresh')}</button>`}
        <button
          type="button"
          class="close"
          aria-label=${t('history.close')}
          title=${t('history.close')}
          @click=${() => this.history?.close()}
        >
          ×
        </button>
      </header>
      ${viewing ? this.#renderRun(viewing, ed) : this.#renderList(ed)}
    </section>`;
  }

  #renderList(ed: EditorActions): TemplateResult {
    const { t } = ed;
    const lang = this.#lang();
    const items = this.items;
    const page = this.#cursors.length;
    const first = (page - 1) * HISTORY_PAGE_SIZE + 1;
    const filtered = JSON.stringify(this.filters) !== JSON.stringify(NO_FILTERS);
    const status = this.error
      ? html`<span class="error">${this.error}</span>`
      : this.loading && !items
        ? t('history.loading')
        : items && items.length === 0
          ? t(filtered ? 'history.noMatch' : 'history.empty')
          : items
            ? t('history.range', { first, last: first + items.length - 1 })
            : '';
    return html`${renderFilters(this.filters, { t, filtered, change: this.#onFilter, clear: this.#clearFilters })}
      <p class="muted summary" role="status" aria-busy=${this.loading ? 'true' : 'false'}>${status}</p>
      ${items && items.length > 0 ? renderRuns(items, { t, lang, open: (id) => void this.#open(id) }) : nothing}
      <nav class="pager" aria-label=${t('history.pages')}>
        <button type="button" class="newer" ?disabled=${page === 1 || this.loading} @click=${() => this.#page(-1)}>
          ${t('history.newer')}
        </button>
        <span>${t('history.page', { page })}</span>
        <button type="button" class="older" ?disabled=${!this.#next || this.loading} @click=${() => this.#page(1)}>
          ${t('history.older')}
        </button>
      </nav>`;
  }

  #renderRun(execution: Execution, ed: EditorActions): TemplateResult {
    return renderRun(execution, {
      t: ed.t,
      lang: this.#lang(),
      store: ed.store,
      retrying: this.retrying !== undefined,
      confirming: this.confirming,
      note: this.note,
      close: () => this.history?.close(),
      back: () => this.#backToList(),
      retry: (workflow) => void this.#retry(execution, workflow),
      cancelRetry: () => this.retrying?.abort(),
      export: () => void this.#export(execution),
      askDelete: () => this.#askDelete(),
      delete: () => void this.#delete(execution),
      cancelDelete: () => this.#cancelDelete(),
    });
  }

  #lang(): string {
    return this.closest('[lang]')?.getAttribute('lang') || this.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  #onFilter = (e: Event) => {
    e.preventDefault();
    const form = (e.currentTarget as HTMLFormElement | null) ?? this.renderRoot.querySelector('form');
    if (!form) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '');
    const next = {
      status: text('status'),
      mode: text('mode'),
      from: text('from'),
      to: text('to'),
      error: text('error'),
    } as HistoryFilters;
    if (JSON.stringify(next) === JSON.stringify(this.filters)) return;
    this.filters = next;
    this.#cursors = [undefined];
    void this.#load();
  };

  #clearFilters = () => {
    this.filters = NO_FILTERS;
    this.#cursors = [undefined];
    void this.#load();
  };

  #page(step: 1 | -1): void {
    if (step === 1) {
      if (!this.#next) return;
      this.#cursors = [...this.#cursors, this.#next];
    } else {
      if (this.#cursors.length === 1) return;
      this.#cursors = this.#cursors.slice(0, -1);
    }
    void this.#load();
  }

  /** Opens a run: read-only on the canvas, the node that failed selected. */
  async #open(id: string): Promise<void> {
    const ed = this.#editor.editor;
    const source = this.history?.source();
    if (!ed || !source) return;
    this.#returnTo = id;
    this.note = '';
    this.confirming = false;
    let execution: Execution | undefined;
    try {
      execution = await (await source).get(id);
    } catch (error) {
      this.error = ed.t('history.failed', { message: message(error) });
      return;
    }
    if (!execution) {
      this.error = ed.t('history.notFound');
      void this.#load();
      return;
    }
    this.history!.view(execution, failedNodeId(execution));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#history-run-title')?.focus();
  }

  /** From a run back to the list, the editor back to the workflow being edited. */
  #backToList(): void {
    this.history?.leave();
    this.confirming = false;
    this.note = '';
    const id = this.#returnTo;
    void this.updateComplete.then(() => {
      const row = id ? this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"] button.open`) : null;
      (row ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    });
  }

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (this.confirming) this.#cancelDelete();
    else if (this.history?.viewing) this.#backToList();
    else this.history?.close();
  };

  /**
   * Runs the execution again from its failed node, with the workflow as it
   * ran or as last saved, showing the nodes' status live on the canvas; the
   * new run is then shown as the one opened.
   */
  async #retry(execution: Execution, workflow: 'original' | 'current'): Promise<void> {
    const ed = this.#editor.editor;
    const source = this.history?.source();
    const editor = this.#editorElement();
    if (!ed || !source || this.retrying) return;
    const { store, t } = ed;
    const controller = new AbortController();
    this.retrying = controller;
    this.note = '';
    const shown = store.workflow;
    editor?.dispatchEvent(new WfExecutionStartEvent({ workflow: shown }));
    store.nodeStatus = new Map();
    store.notify();
    const onEvent = (event: EngineEvent) => {
      if (event.type === 'nodeStart') store.nodeStatus.set(event.nodeId, 'running');
      else if (event.type === 'nodeFinish') store.nodeStatus.set(event.run.nodeId, event.run.status === 'success' ? 'success' : 'error');
      else return;
      store.notify();
    };
    let result: Execution | undefined;
    let failure: string | undefined;
    try {
      const history = await source;
      const ran = await history.retry(execution.id, { signal: controller.signal, onEvent, workflow });
      // The full record: the run's result leaves out the workflow it ran.
      result = (await history.get(ran.id)) ?? ran;
    } catch (error) {
      failure = message(error);
    }
    this.retrying = undefined;
    if (result) {
      this.history?.ran(result);
      this.history?.view(result.workflow ? result : { ...result, workflow: shown }, failedNodeId(result));
      this.#returnTo = result.id;
      this.note = t('history.retried', { status: t(`history.status.${result.status}`) });
    } else {
      this.history?.view(execution, failedNodeId(execution));
      this.note = t('history.retryFailed', { message: failure ?? '' });
    }
    store.announce(this.note);
    editor?.dispatchEvent(
      new WfExecutionFinishEvent(failure === undefined ? { execution: result } : { execution: result, error: failure }),
    );
    // The list gains the new run.
    this.#cursors = [undefined];
    void this.#load();
  }

  /** Saves the run as a JSON export document (`execution-<id>.json`). */
  async #export(execution: Execution): Promise<void> {
    const ed = this.#editor.editor;
    const source = this.history?.source();
    if (!ed || !source) return;
    this.note = '';
    let document: unknown;
    try {
      document = await (await source).export(execution.id);
    } catch (error) {
      this.note = ed.t('history.exportFailed', { message: message(error) });
      return;
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
    const link = window.document.createElement('a');
    link.href = url;
    link.download = `execution-${execution.id}.json`;
    link.hidden = true;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    // Revoked later: the browser reads the file after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  #askDelete(): void {
    this.confirming = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.delete-no')?.focus());
  }

  #cancelDelete(): void {
    this.confirming = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.delete')?.focus());
  }

  async #delete(execution: Execution): Promise<void> {
    const ed = this.#editor.editor;
    const source = this.history?.source();
    if (!ed || !source) return;
    try {
      await (await source).delete(execution);
    } catch (error) {
      this.note = ed.t('history.deleteFailed', { message: message(error) });
      this.confirming = false;
      return;
    }
    this.confirming = false;
    this.#returnTo = undefined;
    this.history?.forget(execution.id);
    this.#backToList();
    ed.store.announce(ed.t('history.deleted'));
    void this.#load();
  }

  /** The `<workflow-editor>` this panel is part of, which events are sent from. */
  #editorElement(): HTMLElement | undefined {
    const root = this.getRootNode();
    return root instanceof ShadowRoot ? (root.host as HTMLElement) : undefined;
  }
}
