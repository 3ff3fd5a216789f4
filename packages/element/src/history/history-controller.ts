import type { Engine, Execution, Workflow } from '@flowloom/engine';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import type { EditorStore, NodeRunStatus } from '../model/editor-store.js';
import type { ServerConnection } from '../server/server-connection.js';
import { EngineHistorySource, latestExecution, type HistorySource } from './history-source.js';

/** Where the editor runs workflows: the engine in the page, or its server once the client has loaded. */
export type HistoryOrigin = { engine: Engine } | { server: ServerConnection } | undefined;

/** What the editor was showing before a past execution was opened, to come back to. */
interface EditingState {
  workflow: Workflow;
  execution: Execution | undefined;
  nodeStatus: Map<string, NodeRunStatus>;
  nodes: string[];
  connections: string[];
  readonly: boolean;
}

/** The canvas badges of an execution: each node's last run. */
export function nodeStatusOf(execution: Execution): Map<string, NodeRunStatus> {
  const status = new Map<string, NodeRunStatus>();
  for (const [id, runs] of Object.entries(execution.nodes)) {
    const last = runs.at(-1);
    if (last) status.set(id, last.status === 'success' ? 'success' : 'error');
  }
  return status;
}

/**
 * Shows a workflow without starting a new document: `setWorkflow` forgets
 * the undo steps, but looking at a past run and coming back leaves the
 * document being edited as it was.
 */
function showWorkflow(store: EditorStore, workflow: Workflow): void {
  const { history } = store;
  history.clear = () => undefined;
  try {
    store.setWorkflow(workflow);
  } finally {
    Reflect.deleteProperty(history, 'clear');
  }
}

/**
 * The editor's run history: the "Runs" toolbar button, the panel it opens
 * (`wf-history-panel`, imported the first time it opens), a past execution
 * shown read-only on the canvas and the way back to editing, and the last
 * run of the workflow read back from storage when the editor loads it.
 */
export class HistoryController implements ReactiveController {
  /** Whether the panel is shown. */
  open = false;
  /** Once the panel's module has loaded. */
  #loaded = false;
  #editing: EditingState | undefined;
  #viewing: Execution | undefined;
  #sources = new WeakMap<object, Promise<HistorySource>>();
  /** The workflow and origin whose last run was looked up (or is being). */
  #lastRun: { key: object; workflowId: string } | undefined;
  /** Set when the host replaced the workflow: its last run is looked up at the next update. */
  #replaced = true;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: EditorStore,
    private readonly origin: () => HistoryOrigin,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdate(): void {
    this.#syncLastRun();
  }

  /** The past execution shown on the canvas, read-only; undefined while editing. */
  get viewing(): Execution | undefined {
    return this.#viewing;
  }

  /** The workflow being edited (not the one of a past execution shown meanwhile). */
  get workflow(): Workflow {
    return this.#editing?.workflow ?? this.store.workflow;
  }

  /** The history of the editor's engine or server; undefined while a server's client loads. */
  source(): Promise<HistorySource> | undefined {
    const origin = this.origin();
    if (!origin) return undefined;
    const key = 'engine' in origin ? origin.engine : origin.server;
    let source = this.#sources.get(key);
    if (!source) {
      source =
        'engine' in origin
          ? Promise.resolve(new EngineHistorySource(origin.engine))
          : // Beside the HTTP client, which server mode has loaded already.
            import('./server-history-source.js').then(({ ServerHistorySource }) => new ServerHistorySource(origin.server.client));
      this.#sources.set(key, source);
    }
    return source;
  }

  /** The toolbar button that opens and closes the panel. */
  button(t: Translate): TemplateResult {
    return html`<button
      type="button"
      class="history-button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls="wf-history"
      @click=${() => (this.open ? this.close() : this.show())}
    >
      ${t('history.button')}
    </button>`;
  }

  /** The panel, once it has been opened: beside the canvas, below the toolbar, over the palette. */
  drawer(dir: string, lang: string): TemplateResult | typeof nothing {
    if (!this.#loaded) return nothing;
    const toolbar = this.host.shadowRoot?.querySelector<HTMLElement>('.toolbar');
    return html`<wf-history-panel
      id="wf-history"
      part="history"
      dir=${dir}
      lang=${lang}
      style=${`top: ${toolbar?.offsetHeight ?? 0}px`}
      ?open=${this.open}
      .history=${this}
    ></wf-history-panel>`;
  }

  /** Opens the panel, loading it the first time. */
  async show(): Promise<void> {
    this.open = true;
    if (!this.#loaded) {
      const { WfHistoryPanel } = await import('./history-panel.component.js');
      if (!customElements.get('wf-history-panel')) customElements.define('wf-history-panel', WfHistoryPanel);
      this.#loaded = true;
    }
    this.host.requestUpdate();
    await this.host.updateComplete;
    const panel = this.host.shadowRoot?.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('wf-history-panel');
    await panel?.updateComplete;
    panel?.focus();
  }

  /** Closes the panel, back to editing; the focus goes back to the toolbar button. */
  close(): void {
    this.leave();
    this.open = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('.history-button')?.focus());
  }

  /**
   * Shows a past execution on the canvas, read-only, with its node runs in
   * the run panel: on the workflow as it ran when the record keeps it, else
   * on the workflow being edited. The node that failed is selected.
   */
  view(execution: Execution, select?: string): void {
    const store = this.store;
    this.#editing ??= {
      workflow: store.workflow,
      execution: store.execution,
      nodeStatus: store.nodeStatus,
      nodes: [...store.selectedNodes],
      connections: [...store.selectedConnections],
      readonly: store.readonly,
    };
    this.#viewing = execution;
    showWorkflow(store, execution.workflow ?? this.#editing.workflow);
    store.readonly = true;
    store.execution = execution;
    store.nodeStatus = nodeStatusOf(execution);
    if (select && store.node(select)) store.select([select], [], false);
    store.notify();
  }

  /** Puts back the workflow being edited, as it was, with the run it showed (or the one given). */
  leave(lastRun?: Execution): void {
    const editing = this.#editing;
    if (!editing) return;
    this.#editing = undefined;
    this.#viewing = undefined;
    const store = this.store;
    showWorkflow(store, editing.workflow);
    store.readonly = editing.readonly;
    store.execution = lastRun ?? editing.execution;
    store.nodeStatus = lastRun ? nodeStatusOf(lastRun) : editing.nodeStatus;
    store.select(editing.nodes, editing.connections, false);
    store.notify();
  }

  /** Records the run a retry made as the one to show once back to editing. */
  ran(execution: Execution): void {
    if (this.#editing) {
      this.#editing.execution = execution;
      this.#editing.nodeStatus = nodeStatusOf(execution);
    }
  }

  /** The host's `readonly`: for the document being edited; a past run shown stays read-only. */
  setReadonly(readonly: boolean): void {
    if (this.#editing) this.#editing.readonly = readonly;
    else this.store.readonly = readonly;
  }

  /** A deleted execution is no longer shown when back to editing. */
  forget(id: string): void {
    const editing = this.#editing;
    if (editing?.execution?.id === id) {
      editing.execution = undefined;
      editing.nodeStatus = new Map();
    } else if (!editing && this.store.execution?.id === id) {
      this.store.execution = undefined;
      this.store.nodeStatus = new Map();
      this.store.notify();
    }
  }

  /** The host set a new workflow: whatever was shown is dropped, and that workflow's last run is read back. */
  replaced(): void {
    if (this.#editing) this.store.readonly = this.#editing.readonly;
    this.#editing = undefined;
    this.#viewing = undefined;
    this.#replaced = true;
  }

  /** Reads back the last run of the workflow from storage when it or the origin changed, unless a run is already shown. */
  #syncLastRun(): void {
    const origin = this.origin();
    if (!origin) return;
    const key = 'engine' in origin ? origin.engine : origin.server;
    const workflowId = this.workflow.id;
    if (!this.#replaced && this.#lastRun?.key === key && this.#lastRun.workflowId === workflowId) return;
    this.#replaced = false;
    const ticket = { key, workflowId };
    this.#lastRun = ticket;
    const store = this.store;
    void this.source()
      ?.then((source) => latestExecution(source, workflowId))
      .then(
        (execution) => {
          if (!execution || this.#lastRun !== ticket || this.#editing || store.running || store.execution) return;
          if (store.workflow.id !== workflowId) return;
          store.execution = execution;
          store.nodeStatus = nodeStatusOf(execution);
          store.notify();
        },
        // Without a readable history the editor simply starts with no run shown.
        () => undefined,
      );
  }
}
