import type {
  Connection,
  Engine,
  EngineEvent,
  Execution,
  LoadedOption,
  LoadOptionsRequest,
  Workflow,
  WorkflowNode,
} from '@flowloom/engine';
import type { Translate } from './i18n/translate.js';
import { attachmentLayout } from './layout/attachment-layout.js';
import type { LayoutEngine } from './layout/layout-engine.js';
import { capturePatch } from './model/apply-change.js';
import { connectionKey, type Position, type WorkflowChange } from './model/changes.js';
import { freeSpot, offsetPaste, placeAfter } from './canvas/placement.js';
import { copySelection, pasteChange, pasteNotesChange } from './model/clipboard.js';
import { isN8nWorkflowText, pasteN8nWorkflow } from './n8n-paste/n8n-paste.js';
import { connectionProblem } from './model/connection-rules.js';
import type { EditorStore } from './model/editor-store.js';
import { NODE_HEIGHT, NODE_WIDTH, snap } from './model/geometry.js';
import { newNodeId, uniqueName } from './model/names.js';
import { refusalIssues } from './model/refusal-issues.js';
import { subPortProblem } from './model/sub-port-rules.js';
import type { OptionsLoader } from './options-loader.js';
import type { WorkflowRunner } from './runner.js';
import type { CredentialSource } from './credentials/credential-source.js';
import type { VariableSource } from './panels/variables/variable-source.js';
import { askHook, type PolicyHook } from './policy/policy.js';
import type { VersionSource } from './settings/version-source.js';
import type { TemplateHost } from './templates/template-host.js';

/** Callbacks into the element for what needs the DOM (events, viewport). */
export interface EditorHostHooks {
  /** The canvas point at the centre of the visible area. */
  viewCenter(): Position;
  executionStart(workflow: Workflow): void;
  executionFinish(execution: Execution | undefined, error?: string): void;
  save(workflow: Workflow): void;
  fitView(): void;
  /** Pans so a node is visible. */
  reveal(nodeId: string): void;
  /** Shows the user why the host refused what they did (a sentence). */
  refused(message: string, action: 'edit' | 'import' | 'save' | 'run'): void;
  /** Replaces the document (a restored version, a template, an imported file), as setting `workflow` does. */
  replace(workflow: Workflow): void;
}

/** Layout progress, shown with a cancel button. */
export interface LayoutState {
  running: boolean;
  controller: AbortController | undefined;
  /** The share done (0 to 1), when the layout engine reports it. */
  progress?: number;
}

/**
 * The editing actions every part of the editor shares through context: each
 * one turns a user intent into a `WorkflowChange` for the store.
 */
export class EditorActions {
  t: Translate;
  engine: Engine | undefined;
  runner: WorkflowRunner | undefined;
  layoutEngine: LayoutEngine | undefined;
  optionsLoader: OptionsLoader | undefined;
  /** Runs on the editor's server (`server-url`), when the host gave no runner of its own. */
  remoteRunner: WorkflowRunner | undefined;
  /** Where credentials are listed, created and connected: the editor's server, or the engine in the page. */
  credentials: CredentialSource | undefined;
  /** Where variables are listed and changed: the editor's server, or the engine in the page. */
  variables: VariableSource | undefined;
  /** The `$vars` a run of the workflow sees, as last loaded: what expressions complete and preview with. */
  vars: Readonly<Record<string, unknown>> = {};
  /** The host's `beforeRun`: may veto a run with a sentence. */
  beforeRun: PolicyHook | undefined;
  /** Where the settings panel finds the workflow's saved versions: the engine's storage or the server. */
  versions: VersionSource | undefined;
  /** The template gallery's catalogue, import counts and where saved templates go. */
  templates: TemplateHost | undefined;
  readonly layout: LayoutState = { running: false, controller: undefined };
  #runController: AbortController | undefined;

  constructor(
    readonly store: EditorStore,
    t: Translate,
    private readonly hooks: EditorHostHooks,
  ) {
    this.t = t;
  }

  /**
   * Adds a node of a type. With `from` (an output port) it is connected to
   * that port; without a position it goes to the right of that port's node,
   * below the nodes it already feeds (see `placeAfter`). Without either, it
   * follows the selected node (connected to its first output) or goes to the
   * centre of the view. It never lands on another node.
   */
  addNode(type: string, position?: Position, options: { from?: Connection['from'] } = {}): WorkflowNode | undefined {
    const { store } = this;
    const desc = store.describe(type);
    if (!desc) return undefined;
    const [selectedId] = store.selectedNodes.size === 1 && !position ? [...store.selectedNodes] : [];
    const anchor = options.from ? store.node(options.from.node) : selectedId ? store.node(selectedId) : undefined;
    const out = options.from?.port ?? (anchor ? store.describe(anchor.type)?.outputs[0] : undefined);
    let at = position ? freeSpot(store.workflow.nodes, position, 'down') : undefined;
    const connections: Connection[] = [];
    if (anchor && out) {
      at ??= placeAfter(store.workflow, anchor, out, (t) => store.describe(t));
      const input = desc.inputs[0];
      if (input) connections.push({ from: { node: anchor.id, port: out }, to: { node: '', port: input } });
    }
    if (!at) {
      const c = this.hooks.viewCenter();
      at = freeSpot(store.workflow.nodes, { x: c.x - NODE_WIDTH / 2, y: c.y - NODE_HEIGHT / 2 }, 'right');
    }
    const node: WorkflowNode = {
      id: newNodeId(),
      name: uniqueName(store.workflow, desc.displayName),
      type: desc.type,
      typeVersion: desc.version,
      position: at,
      parameters: {},
    };
    for (const c of connections) c.to.node = node.id;
    const allowed = connections.filter((c) => store.hooks.beforeConnect?.(c) !== false);
    if (!store.dispatch({ type: 'addNodes', nodes: [node], connections: allowed })) return undefined;
    store.select([node.id]);
    store.announce(this.t('announce.added', { name: node.name }));
    this.hooks.reveal(node.id);
    return node;
  }

  /** Why two ports cannot be connected (a translated sentence), or undefined. */
  connectionProblem(connection: Connection): string | undefined {
    const describe = (t: string) => this.store.describe(t);
    const problem = connectionProblem(this.store.workflow, connection, describe);
    if (problem === 'self' || problem === 'duplicate') return this.t('canvas.invalidConnection');
    // Sub-ports say what would fit instead (a Chat Model on `model`, one at most).
    const sub = subPortProblem(this.store.workflow, connection, describe, this.store.types.values());
    if (sub) return this.t(sub.key, sub.params);
    return problem ? this.t('canvas.invalidConnection') : undefined;
  }

  /** Connects an output port to an input port. */
  connect(connection: Connection): boolean {
    if (this.connectionProblem(connection)) return false;
    const ok = this.store.dispatch({ type: 'addConnections', connections: [connection] });
    const from = this.store.node(connection.from.node)?.name ?? '';
    const to = this.store.node(connection.to.node)?.name ?? '';
    this.store.announce(ok ? this.t('announce.connected', { from, to }) : this.t('announce.blocked'));
    return ok;
  }

  /** Removes the selected nodes and connections. */
  removeSelection(): boolean {
    const { store } = this;
    const ids = [...store.selectedNodes];
    const conns = store.workflow.connections.filter(
      (c) => store.selectedConnections.has(connectionKey(c)) && !ids.includes(c.from.node) && !ids.includes(c.to.node),
    );
    const changes: WorkflowChange[] = [];
    if (ids.length > 0) changes.push({ type: 'removeNodes', ids });
    if (conns.length > 0) changes.push({ type: 'removeConnections', connections: conns });
    if (changes.length === 0) return false;
    const ok = store.dispatch(changes.length === 1 ? changes[0]! : { type: 'batch', changes });
    store.announce(ok ? this.t('announce.removed', { count: ids.length }) : this.t('announce.blocked'));
    return ok;
  }

  /** Moves the selected nodes by a distance. */
  moveSelection(dx: number, dy: number): void {
    const moves = [...this.store.selectedNodes]
      .map((id) => this.store.node(id))
      .filter((n): n is WorkflowNode => n !== undefined)
      .map((n) => ({ id: n.id, from: n.position, to: { x: n.position.x + dx, y: n.position.y + dy } }));
    if (moves.length > 0 && this.store.dispatch({ type: 'moveNodes', moves })) {
      this.store.announce(this.t('announce.moved', { count: moves.length }));
    }
  }

  /** Replaces fields of a node (one undo step). */
  updateNode(id: string, patch: Partial<Omit<WorkflowNode, 'id'>>, coalesceKey?: string): boolean {
    const node = this.store.node(id);
    if (!node) return false;
    return this.store.dispatch({ type: 'updateNode', id, patch, before: capturePatch(node, patch) }, coalesceKey);
  }

  /** Sets one parameter of a node (undefined removes it). */
  setParameter(id: string, key: string, value: unknown): boolean {
    const node = this.store.node(id);
    if (!node) return false;
    const parameters = { ...node.parameters };
    if (value === undefined) delete parameters[key];
    else parameters[key] = value;
    return this.updateNode(id, { parameters }, `${id}:parameters.${key}`);
  }

  /** The selection as workflow JSON (what copy puts on the clipboard). */
  copyText(): string {
    return copySelection(this.store.workflow, this.store.selectedNodes);
  }

  /** Copies the selection to the system clipboard. */
  async copy(): Promise<void> {
    if (this.store.selectedNodes.size === 0) return;
    const text = this.copyText();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission: keep it inside the editor.
    }
    this.#localClipboard = text;
    this.store.announce(this.t('announce.copied', { count: this.store.selectedNodes.size }));
  }

  #localClipboard = '';

  /** Pastes workflow JSON (from the clipboard, or given text). */
  async paste(text?: string): Promise<boolean> {
    let source = text;
    if (source === undefined) {
      try {
        source = await navigator.clipboard.readText();
      } catch {
        source = this.#localClipboard;
      }
    }
    // n8n's JSON goes through the importer (loaded on first use), which reports what it carried over.
    if (isN8nWorkflowText(source || this.#localClipboard)) return pasteN8nWorkflow(this, source || this.#localClipboard);
    return this.#pasteText(source || this.#localClipboard);
  }

  /** Adds the nodes (with their connections and the notes copied along) of a workflow document, as one undoable step. */
  #pasteText(text: string): boolean {
    const parsed = pasteChange(this.store.workflow, text, { x: 0, y: 0 });
    if (!parsed || parsed.nodes.length === 0) return false;
    const change = offsetPaste(this.store.workflow, parsed);
    // The notes move as far as the nodes did.
    const moved = {
      x: change.nodes[0]!.position.x - parsed.nodes[0]!.position.x,
      y: change.nodes[0]!.position.y - parsed.nodes[0]!.position.y,
    };
    const notes = pasteNotesChange(text, moved);
    if (!this.store.dispatch(notes ? { type: 'batch', changes: [change, notes] } : change)) return false;
    this.store.select(change.nodes.map((n) => n.id));
    return true;
  }

  /** Copies the selected nodes in place, offset so no copy covers a node already there. */
  duplicate(): boolean {
    if (this.store.selectedNodes.size === 0) return false;
    return this.#pasteText(this.copyText());
  }

  undo(): void {
    if (this.store.undo()) this.store.announce(this.t('announce.undo'));
  }

  redo(): void {
    if (this.store.redo()) this.store.announce(this.t('announce.redo'));
  }

  save(): void {
    this.hooks.save(this.store.workflow);
  }

  fitView(): void {
    this.hooks.fitView();
  }

  /** Replaces the document being edited (undo history starts again), as the host setting `workflow` does. */
  replaceWorkflow(workflow: Workflow): void {
    this.hooks.replace(workflow);
  }

  /** Tells the user why the host refused something (shown until dismissed, and fired as `wf-policy-refusal`). */
  refuse(message: string, action: 'edit' | 'import' | 'save' | 'run'): void {
    this.hooks.refused(message, action);
  }

  /**
   * A parameter's choices from its node type's `loadOptions` method, with the
   * node's current parameters and credentials, through the host's loader or
   * the engine. Resolves with none when the node is gone.
   */
  loadOptions(nodeId: string, method: string, signal: AbortSignal): Promise<readonly LoadedOption[]> {
    const node = this.store.node(nodeId);
    if (!node) return Promise.resolve([]);
    const request: LoadOptionsRequest & { signal: AbortSignal } = {
      node: {
        id: node.id,
        name: node.name,
        type: node.type,
        typeVersion: node.typeVersion,
        parameters: node.parameters,
        ...(node.credentials ? { credentials: node.credentials } : {}),
      },
      method,
      workflowId: this.store.workflow.id,
      signal,
    };
    if (this.optionsLoader) return this.optionsLoader(request);
    // The server's node types are not in the page's engine, and the API has no route for their choices.
    if (this.remoteRunner) return Promise.reject(new Error(this.t('inspector.choicesNeedLoader')));
    return this.engine ? this.engine.loadOptions(request) : Promise.resolve([]);
  }

  /** Runs the workflow with the host's runner or the engine; node status updates live. */
  async run(): Promise<Execution | undefined> {
    const { store } = this;
    if (store.running) return undefined;
    const workflow = store.workflow;
    const runner = this.runner ?? this.remoteRunner ?? this.#engineRunner();
    if (!runner) return undefined;
    if (this.beforeRun) {
      // Only a host with a hook waits for it: without one, the run starts at once.
      const veto = await askHook(this.beforeRun, workflow, this.t('policy.runRefused'));
      if (veto !== undefined) {
        this.hooks.refused(veto, 'run');
        return undefined;
      }
      if (store.running) return undefined;
    }
    const controller = new AbortController();
    this.#runController = controller;
    store.running = true;
    store.runAttempted = true;
    store.nodeStatus = new Map();
    store.execution = undefined;
    store.notify();
    this.hooks.executionStart(workflow);
    let execution: Execution | undefined;
    let error: string | undefined;
    try {
      execution = await runner(workflow, { signal: controller.signal, onEvent: (e) => this.#onEvent(e) });
      store.execution = execution;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      // A workflow the server refused: each problem goes to its node, as validation shows them.
      const refused = refusalIssues(workflow, e);
      if (refused) store.issues = refused;
      else store.issues.set('', [{ path: '', message: error }]);
    }
    store.running = false;
    this.#runController = undefined;
    store.announce(this.t('announce.runFinished', { status: execution?.status ?? 'error' }));
    this.hooks.executionFinish(execution, error);
    return execution;
  }

  /** Cancels the run in progress. */
  cancelRun(): void {
    this.#runController?.abort();
  }

  #engineRunner(): WorkflowRunner | undefined {
    const engine = this.engine;
    if (!engine) return undefined;
    return (workflow, { signal, onEvent }) => engine.run(workflow, { signal, onEvent, mode: 'manual' });
  }

  #onEvent(event: EngineEvent): void {
    const { store } = this;
    if (event.type === 'executionStart') {
      store.execution = { ...event.execution, nodes: { ...event.execution.nodes } };
    } else if (event.type === 'nodeStart') {
      store.nodeStatus.set(event.nodeId, 'running');
    } else if (event.type === 'nodeFinish') {
      store.nodeStatus.set(event.run.nodeId, event.run.status === 'success' ? 'success' : 'error');
      if (store.execution) {
        const runs = store.execution.nodes[event.run.nodeId] ?? [];
        store.execution.nodes[event.run.nodeId] = [...runs, event.run];
      }
    } else if (event.type === 'executionFinish') {
      store.execution = event.execution as Execution;
    }
    store.notify();
  }

  /** Arranges the nodes with the layout engine (cancellable). */
  async autoLayout(): Promise<void> {
    const { store } = this;
    if (this.layout.running || !this.layoutEngine || store.workflow.nodes.length === 0) return;
    const controller = new AbortController();
    this.layout.running = true;
    this.layout.controller = controller;
    store.notify();
    try {
      // Nodes attached through sub-ports go under the node they serve, not in the left-to-right flow.
      const { graph, place } = attachmentLayout(store.workflow, (type) => store.describe(type));
      const onProgress = (done: number) => {
        if (controller.signal.aborted) return;
        this.layout.progress = done;
        store.notify();
      };
      const positions = place(await this.layoutEngine.layout(graph, { signal: controller.signal, onProgress }));
      const moves = store.workflow.nodes
        .filter((n) => positions.has(n.id))
        .map((n) => ({ id: n.id, from: n.position, to: snap(positions.get(n.id)!) }));
      if (store.dispatch({ type: 'moveNodes', moves })) store.announce(this.t('announce.layoutDone'));
      this.hooks.fitView();
    } catch (e) {
      if (!controller.signal.aborted) store.issues.set('', [{ path: 'layout', message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      this.layout.running = false;
      this.layout.controller = undefined;
      this.layout.progress = undefined;
      store.notify();
    }
  }

  /** Stops a layout in progress. */
  cancelLayout(): void {
    this.layout.controller?.abort();
  }
}
