import {
  createEngine,
  describeNodeType,
  safeParseWorkflow,
  type Engine,
  type Execution,
  type NodeTypeDescription,
  type Workflow,
  type WorkflowInput,
} from '@flowloom/engine';
import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { WfCanvas } from './canvas/canvas.component.js';
import { editorContext } from './context.js';
import { EditorActions } from './editor-actions.js';
import { loadEditorParts } from './editor-parts-loader.js';
import { EngineCredentialSource } from './credentials/engine-credential-source.js';
import { DataTools } from './data-tools/data-tools.js';
import { WfBeforeConnectEvent } from './events/before-connect.js';
import { WfBeforeNodeRemoveEvent } from './events/before-node-remove.js';
import { WfExecutionFinishEvent } from './events/execution-finish.js';
import { WfExecutionStartEvent } from './events/execution-start.js';
import { WfSelectionChangeEvent } from './events/selection-change.js';
import { WfWorkflowChangeEvent } from './events/workflow-change.js';
import { WfWorkflowSaveEvent } from './events/workflow-save.js';
import type { Strings } from './i18n/en.js';
import { loadLocale, localeReady, translator } from './i18n/translate.js';
import type { LayoutEngine } from './layout/layout-engine.js';
import { EditorStore } from './model/editor-store.js';
import { normalizeWorkflow } from './model/normalize-workflow.js';
import { refusalIssues } from './model/refusal-issues.js';
import type { OptionsLoader } from './options-loader.js';
import { PanelsController } from './panels/panels-controller.js';
import { HistoryController } from './history/history-controller.js';
import { EngineVariableSource } from './panels/variables/variable-source.js';
import type { WorkflowRunner } from './runner.js';
import type { EditorToken, ServerConnection } from './server/server-connection.js';
import type { CredentialSource } from './credentials/credential-source.js';
import { WfPolicyRefusalEvent } from './events/policy-refusal.js';
import { WfTemplateSaveEvent } from './events/template-save.js';
import { askHook, type PolicyHook } from './policy/policy.js';
import { StoreVersionSource } from './settings/version-source.js';
import { templateHost } from './templates/template-host.js';
import { renderSkipLink } from './toolbar/skip-link.js';
import { toolbarStyles } from './toolbar/toolbar.styles.js';
import { WorkflowTitle } from './toolbar/workflow-title.js';
import type { WfNodeActionEvent } from './events/node-action.js';
import { workflowEditorStyles } from './workflow-editor.styles.js';

/**
 * `<workflow-editor>`: build, run and inspect a workflow in the page.
 *
 * @tagname workflow-editor
 *
 * @slot logo - The host's logo, at the start of the toolbar.
 * @slot toolbar - Extra toolbar actions (the host's buttons), at its end.
 *
 * @csspart base - The grid holding every region.
 * @csspart toolbar - The toolbar.
 * @csspart palette - The node palette.
 * @csspart canvas - The canvas.
 * @csspart inspector - The node inspector.
 * @csspart run-panel - The run data panel.
 * @csspart node - Each node on the canvas.
 * @csspart node-selected - Selected nodes.
 * @csspart minimap - The canvas overview.
 * @csspart controls - The zoom buttons.
 * @csspart panels - The drawer of the panels ("Connected accounts", "Variables", "Workflow settings", "Templates").
 * @csspart history - The "Runs" panel: the run history, and a past run shown read-only.
 * @csspart notice - Why the host refused an edit, a save or a run.
 *
 * @cssproperty --wf-font-family - Text font.
 * @cssproperty --wf-font-mono - Code and expression font.
 * @cssproperty --wf-font-size - Base text size.
 * @cssproperty --wf-space-1 - Smallest spacing (4px).
 * @cssproperty --wf-space-2 - Small spacing (8px).
 * @cssproperty --wf-space-3 - Medium spacing (12px).
 * @cssproperty --wf-space-4 - Large spacing (16px).
 * @cssproperty --wf-radius-sm - Small corner radius.
 * @cssproperty --wf-radius-md - Medium corner radius (inputs, buttons).
 * @cssproperty --wf-radius-lg - Large corner radius (the editor itself).
 * @cssproperty --wf-color-bg - Editor background.
 * @cssproperty --wf-color-text - Text colour.
 * @cssproperty --wf-color-muted - Secondary text colour.
 * @cssproperty --wf-color-accent - Accent (selection, primary button, links).
 * @cssproperty --wf-color-accent-soft - Translucent accent (selection halo, box selection).
 * @cssproperty --wf-color-on-accent - Text on the accent colour.
 * @cssproperty --wf-color-focus - Keyboard focus ring.
 * @cssproperty --wf-color-danger - Errors.
 * @cssproperty --wf-color-warning - Running state.
 * @cssproperty --wf-color-success - Success state.
 * @cssproperty --wf-color-hover - Hover background.
 * @cssproperty --wf-border-color - Borders between regions.
 * @cssproperty --wf-panel-bg - Palette, inspector and run panel background.
 * @cssproperty --wf-toolbar-bg - Toolbar background.
 * @cssproperty --wf-canvas-bg - Canvas background.
 * @cssproperty --wf-canvas-dot - Canvas grid dots.
 * @cssproperty --wf-grid-size - Canvas grid spacing.
 * @cssproperty --wf-node-bg - Node background.
 * @cssproperty --wf-node-text - Node text.
 * @cssproperty --wf-node-border - Node border colour.
 * @cssproperty --wf-node-border-width - Node border width.
 * @cssproperty --wf-node-radius - Node corner radius.
 * @cssproperty --wf-node-shadow - Node shadow.
 * @cssproperty --wf-node-icon-bg - Node icon background.
 * @cssproperty --wf-node-icon-color - Node icon colour.
 * @cssproperty --wf-edge-color - Connection lines.
 * @cssproperty --wf-port-bg - Port fill.
 * @cssproperty --wf-port-border - Port outline.
 * @cssproperty --wf-minimap-node - Nodes in the minimap.
 * @cssproperty --wf-input-bg - Form field background.
 * @cssproperty --wf-input-border - Form field border.
 * @cssproperty --wf-button-bg - Button background.
 * @cssproperty --wf-expression-color - Expression text and the fx toggle.
 * @cssproperty --wf-expression-bg - Expression highlight background.
 * @cssproperty --wf-preview-bg - Expression preview background.
 * @cssproperty --wf-palette-width - Width of the palette.
 * @cssproperty --wf-inspector-width - Width of the inspector.
 * @cssproperty --wf-run-panel-height - Height of the run panel.
 * @cssproperty --wf-history-width - Width of the "Runs" panel.
 *
 * @event wf-workflow-change - After every edit, undo and redo (detail: workflow, change, origin).
 * @event wf-workflow-save - When the user saves (Ctrl/Cmd+S or the Save button).
 * @event wf-selection-change - When the selection changes.
 * @event wf-execution-start - When a run starts.
 * @event wf-execution-finish - When a run ends.
 * @event wf-before-node-remove - Cancelable: before nodes are removed.
 * @event wf-before-connect - Cancelable: before two ports are connected.
 * @event wf-node-action - Cancelable: a node's Open, Execute step or Pin data, for whoever carries it out (detail: action, nodeId).
 * @event wf-policy-refusal - When the host's rules refused an edit, an import, a save or a run (detail: action, message).
 * @event wf-template-save - When the user saves the workflow as a template (detail: template).
 */
export class WorkflowEditor extends LitElement {
  static override styles = [...workflowEditorStyles, toolbarStyles];

  static override properties = {
    readonly: { type: Boolean, reflect: true },
    locale: { reflect: true },
    theme: { reflect: true },
    nodeTypes: {
      attribute: 'node-types',
      converter: { fromAttribute: (v: string | null) => (v ? v.split(/[\s,]+/).filter(Boolean) : undefined) },
    },
    strings: { attribute: false },
    branding: { type: Boolean, reflect: true },
    hidePalette: { type: Boolean, reflect: true, attribute: 'hide-palette' },
    hideInspector: { type: Boolean, reflect: true, attribute: 'hide-inspector' },
    hideRunPanel: { type: Boolean, reflect: true, attribute: 'hide-run-panel' },
    hideMinimap: { type: Boolean, reflect: true, attribute: 'hide-minimap' },
    hideToolbar: { type: Boolean, reflect: true, attribute: 'hide-toolbar' },
    serverUrl: { attribute: 'server-url', reflect: true },
    token: {},
    oauth2RedirectUri: { attribute: 'oauth2-redirect-uri' },
    allowedNodeTypes: { attribute: false },
    deniedNodeTypes: { attribute: false },
    locked: { attribute: false },
    hiddenPanels: {
      attribute: 'hidden-panels',
      converter: { fromAttribute: (v: string | null) => (v ? v.split(/[\s,]+/).filter(Boolean) : undefined) },
    },
  };

  /** Whether editing is disabled (the workflow can still be viewed and run). */
  declare readonly: boolean;
  /** Locale of the editor's strings (`en`, `fr`, or one added with `registerLocale`); defaults to the nearest `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark' | undefined;
  /** Node type ids the palette offers (default: every type of the engine). */
  declare nodeTypes: string[] | undefined;
  /** Replacements for any of the editor's strings. */
  declare strings: Partial<Strings> | undefined;
  /** Shows the Flowloom name in the toolbar (off by default: the editor is unbranded). */
  declare branding: boolean;
  declare hidePalette: boolean;
  declare hideInspector: boolean;
  declare hideRunPanel: boolean;
  declare hideMinimap: boolean;
  declare hideToolbar: boolean;
  /**
   * A Flowloom server to work against instead of an engine in the page: where
   * its REST API is mounted. The palette and forms come from its catalog, Run
   * runs the workflow there and shows its execution record, Save stores the
   * workflow there, and credentials are created and connected there.
   */
  declare serverUrl: string | undefined;
  /**
   * The embed token the host's back end signed for the user, sent to
   * `server-url` as a bearer token; or a function returning one, called
   * again with `{ refresh: true }` when the server refuses the last one as expired.
   */
  declare token: EditorToken | undefined;
  /**
   * With an engine in the page: where OAuth2 providers send the user back
   * after signing in, a page of this origin registered with the provider
   * (default `/oauth2-callback.html` of this origin; the page may be empty).
   * The editor reads the address the popup lands on and closes it. A server
   * (`server-url`) has its own callback.
   */
  declare oauth2RedirectUri: string | undefined;
  /** When set, the only node types the user may add (palette, paste, import, templates). */
  declare allowedNodeTypes: readonly string[] | undefined;
  /** Node types the user may never add: absent from the palette, refused with a message when pasted or imported. */
  declare deniedNodeTypes: readonly string[] | undefined;
  /**
   * Locked node ids, and `nodeId.parameterPath` entries for single parameters:
   * a locked node cannot be deleted, renamed or changed; a locked parameter is
   * read-only in the inspector.
   */
  declare locked: readonly string[] | undefined;
  /** Toolbar panels not to offer: `credentials`, `variables`, `settings`, `templates`. */
  declare hiddenPanels: readonly string[] | undefined;
  /** Asked before each save; answer a sentence (or `false`) to refuse it, the sentence shown to the user. */
  beforeSave: PolicyHook | undefined;
  /** The template gallery's catalogue: workflow documents describing themselves in `meta.template`. */
  templates: readonly Workflow[] | undefined;
  /** Loads the gallery's catalogue when first opened (instead of `templates`; in server mode the server's `GET /templates`). */
  templateLoader: (() => Promise<readonly Workflow[]>) | undefined;
  /** Ratings to show in the gallery (0 to 5), by template id. */
  templateRatings: Readonly<Record<string, number>> | undefined;

  readonly #store = new EditorStore();
  readonly #actions: EditorActions;
  readonly #provider: ContextProvider<typeof editorContext, this>;
  #engine: Engine | undefined;
  /** The server of `server-url`, once its client has loaded. */
  #server: ServerConnection | undefined;
  /** The server of `server-url`, while its client loads. */
  #serverReady: Promise<ServerConnection> | undefined;
  #validateTimer: ReturnType<typeof setTimeout> | undefined;
  /** The engine whose credentials and variables the panels and inspector use. */
  #sourcesOf: Engine | undefined;
  /** The "Connected accounts" and "Variables" panels. */
  readonly #panels = new PanelsController(this);
  /** The workflow's name in the toolbar (click to rename) and the unsaved-changes dot. */
  readonly #title: WorkflowTitle;
  /** The "Runs" panel, and a past execution shown read-only. */
  readonly #history = new HistoryController(this, this.#store, () =>
    this.serverUrl ? (this.#server ? { server: this.#server } : undefined) : { engine: this.engine },
  );
  /** The host's credential store, over the engine's or the server's. */
  #hostCredentials: CredentialSource | undefined;

  constructor() {
    super();
    this.readonly = false;
    this.branding = false;
    this.hidePalette = false;
    this.hideInspector = false;
    this.hideRunPanel = false;
    this.hideMinimap = false;
    this.hideToolbar = false;
    this.#actions = new EditorActions(this.#store, translator('en'), {
      viewCenter: () => this.#canvas?.viewCenter() ?? { x: 200, y: 150 },
      executionStart: (workflow) => this.dispatchEvent(new WfExecutionStartEvent({ workflow })),
      executionFinish: (execution, error) =>
        this.dispatchEvent(new WfExecutionFinishEvent(error === undefined ? { execution } : { execution, error })),
      save: (workflow) => void this.#save(workflow),
      fitView: () => this.#canvas?.fitView(),
      reveal: (id) => void this.updateComplete.then(() => this.#canvas?.revealNode(id, 200)),
      refused: (message, action) => this.#refuse(message, action),
      replace: (workflow) => {
        this.workflow = workflow;
      },
    });
    this.#actions.templates = templateHost({
      catalogue: () => this.templateLoader ?? this.templates,
      serverTemplates: () =>
        this.#serverReady?.then(async (server) => (await import('./templates/server-templates.js')).loadServerTemplates(server.client)),
      ratings: () => this.templateRatings,
      keyValue: () => (this.serverUrl ? undefined : this.engine.storage.keyValue),
      scope: () => new URL(this.serverUrl ?? '/', document.baseURI).href,
      save: (template) => this.dispatchEvent(new WfTemplateSaveEvent({ template })),
    });
    this.#title = new WorkflowTitle(this, this.#actions);
    this.#title.markSaved(this.#store.workflow);
    this.#store.hooks = {
      beforeRemove: (nodes) => this.dispatchEvent(new WfBeforeNodeRemoveEvent({ nodes })),
      beforeConnect: (connection) => this.dispatchEvent(new WfBeforeConnectEvent({ connection })),
      refused: (refusal) => this.#refuse(this.#actions.t(refusal.key, refusal.params), 'edit'),
      changed: (workflow, change, origin) => {
        if (this.#store.notice) this.#store.notice = '';
        this.#scheduleValidation();
        this.dispatchEvent(new WfWorkflowChangeEvent({ workflow, change, origin }));
      },
      selectionChanged: (nodeIds, connections) => this.dispatchEvent(new WfSelectionChangeEvent({ nodeIds, connections })),
    };
    this.#provider = new ContextProvider(this, { context: editorContext, initialValue: this.#actions });
    this.#store.subscribe(() => {
      this.#loadLazyTypes();
      this.requestUpdate();
    });
    this.addEventListener('keydown', this.#onKeyDown);
    this.addEventListener('wf-node-action', this.#onNodeAction);
  }

  /** The workflow being edited. Setting it replaces the document and clears undo history. */
  get workflow(): Workflow {
    return this.#history.workflow;
  }
  set workflow(value: Workflow | WorkflowInput) {
    this.#history.replaced();
    this.#store.setWorkflow(normalizeWorkflow(value));
    this.#title.markSaved(this.#store.workflow);
    this.#scheduleValidation();
    this.#canvas?.scheduleFit();
  }

  /** The engine whose node types the palette shows and which runs the workflow (default: `createEngine()`). */
  get engine(): Engine {
    this.#engine ??= createEngine({ logger: { debug() {}, info() {}, warn() {}, error() {} } as never });
    return this.#engine;
  }
  set engine(engine: Engine) {
    this.#engine = engine;
    this.#loadTypes();
  }

  /** Asked before each run; answer a sentence (or `false`) to refuse it, the sentence shown to the user. */
  get beforeRun(): PolicyHook | undefined {
    return this.#actions.beforeRun;
  }
  set beforeRun(hook: PolicyHook | undefined) {
    this.#actions.beforeRun = hook;
  }

  /**
   * The host's own credential store (a `CredentialSource`, or a
   * `CredentialAdmin` for the "Connected accounts" panel), used instead of the
   * engine's or the server's.
   */
  get credentialSource(): CredentialSource | undefined {
    return this.#hostCredentials;
  }
  set credentialSource(source: CredentialSource | undefined) {
    this.#hostCredentials = source;
    this.#sourcesOf = undefined;
    if (this.#server) this.#actions.credentials = source ?? this.#server;
    else if (this.#engine || this.hasUpdated) this.#useEngineSources(this.engine);
    this.#store.notify();
  }

  /** Runs workflows instead of the engine (for server-side runs); it must report engine events through `onEvent`. */
  get runner(): WorkflowRunner | undefined {
    return this.#actions.runner;
  }
  set runner(runner: WorkflowRunner | undefined) {
    this.#actions.runner = runner;
  }

  /**
   * Lists a parameter's choices instead of the engine (`engine.loadOptions`),
   * for hosts whose credentials live on their server.
   */
  get optionsLoader(): OptionsLoader | undefined {
    return this.#actions.optionsLoader;
  }
  set optionsLoader(loader: OptionsLoader | undefined) {
    this.#actions.optionsLoader = loader;
  }

  /** Arranges nodes for auto-layout (default: elkjs in a Web Worker, loaded on first use). */
  get layoutEngine(): LayoutEngine | undefined {
    return this.#actions.layoutEngine;
  }
  set layoutEngine(engine: LayoutEngine | undefined) {
    this.#actions.layoutEngine = engine;
  }

  /** The editor's state (selection, history, last execution): for tests and advanced hosts. */
  get store(): EditorStore {
    return this.#store;
  }

  /** The editing actions (add a node, connect, run...), as the editor's own parts use them. */
  get actions(): EditorActions {
    return this.#actions;
  }

  /** Runs the workflow; resolves with the execution (undefined when it could not start). */
  run(): Promise<Execution | undefined> {
    return this.#actions.run();
  }

  /**
   * Runs one node ("execute step"): it and the nodes before it that have no
   * data yet, the last run's outputs and pinned data standing in for the
   * others; nothing after it runs. The result joins the run data shown.
   * Resolves with the merged execution (undefined when it could not start).
   */
  executeStep(nodeId: string): Promise<Execution | undefined> {
    return DataTools.of(this.#actions).executeStep(nodeId);
  }

  /** Undoes the last edit. */
  undo(): void {
    this.#actions.undo();
  }

  /** Redoes the last undone edit. */
  redo(): void {
    this.#actions.redo();
  }

  /** Fits the whole workflow in view. */
  fitView(): void {
    this.#canvas?.fitView();
  }

  get #canvas(): WfCanvas | null {
    return this.shadowRoot?.querySelector('wf-canvas') ?? null;
  }

  /** Lazy node types in the workflow being loaded, so each loads once. */
  readonly #loadingTypes = new Set<string>();
  /** Loads of lazy node types under way (`updateComplete` waits for them). */
  readonly #typeLoads = new Set<Promise<void>>();

  /**
   * Loads the lazy node types the workflow uses (one just added from the
   * palette, or in a workflow the host set), then shows their forms and
   * checks their parameters.
   */
  #loadLazyTypes(): void {
    for (const node of this.#store.workflow.nodes) {
      if (!this.#store.types.get(node.type)?.lazy || this.#loadingTypes.has(node.type)) continue;
      this.#loadingTypes.add(node.type);
      const server = this.#server;
      const engine = this.engine;
      const loading: Promise<NodeTypeDescription | undefined> = server
        ? server.loadType(node.type)
        : engine.nodeTypes.load(node.type).then((full) => (full ? describeNodeType(full) : undefined));
      const settled = loading.then(
        (description) => {
          if (!description || server !== this.#server || (!server && engine !== this.#engine)) return;
          this.#store.types.set(node.type, description);
          this.#scheduleValidation();
          this.#store.notify();
        },
        () => void this.#loadingTypes.delete(node.type),
      );
      this.#typeLoads.add(settled);
      void settled.finally(() => this.#typeLoads.delete(settled));
    }
  }

  #loadTypes(): void {
    this.#loadingTypes.clear();
    if (this.#server) return void this.#loadServerTypes(this.#server);
    this.#store.types = new Map(this.engine.nodeTypes.describe().map((d) => [d.type, d]));
    this.#actions.engine = this.engine;
    this.#useEngineSources(this.engine);
    this.#scheduleValidation();
    this.#store.notify();
  }

  /** Credentials and variables of the engine in the page, for the panels and the inspector. */
  #useEngineSources(engine: Engine): void {
    if (this.#sourcesOf === engine) return;
    this.#sourcesOf = engine;
    this.#actions.credentials =
      this.#hostCredentials ??
      new EngineCredentialSource(engine, {
        redirectUri: () => this.oauth2RedirectUri || new URL('/oauth2-callback.html', location.origin).href,
      });
    this.#actions.variables = new EngineVariableSource(engine);
    this.#actions.versions = new StoreVersionSource(engine.storage.workflows, 'default');
  }

  /** The palette and forms from the server's catalog. */
  async #loadServerTypes(server: ServerConnection): Promise<void> {
    let types: NodeTypeDescription[];
    try {
      types = await server.nodeTypes();
    } catch (error) {
      if (server !== this.#server) return;
      this.#store.types = new Map();
      this.#store.issues.set('', [{ path: '', message: error instanceof Error ? error.message : String(error) }]);
      this.#store.notify();
      return;
    }
    if (server !== this.#server) return;
    this.#store.types = new Map(types.map((d) => [d.type, d]));
    this.#scheduleValidation();
    this.#store.notify();
  }

  /** Enters server mode when `server-url` is set, and leaves it when it is removed. */
  async #connectServer(): Promise<void> {
    const url = this.serverUrl;
    this.#server = undefined;
    this.#actions.credentials = undefined;
    this.#actions.variables = undefined;
    this.#actions.versions = undefined;
    this.#sourcesOf = undefined;
    if (!url) {
      this.#serverReady = undefined;
      this.#actions.remoteRunner = undefined;
      return this.#loadTypes();
    }
    // Imported only here: an editor running workflows in the page never loads the HTTP client.
    const ready = import('./server/server-connection.js').then(({ ServerConnection }) => new ServerConnection(url, () => this.token));
    this.#serverReady = ready;
    // Until the client has loaded, a run waits for it rather than running in the page.
    this.#actions.remoteRunner = async (workflow, options) => (await ready).runner(workflow, options);
    const server = await ready;
    if (ready !== this.#serverReady) return;
    this.#server = server;
    this.#actions.credentials = this.#hostCredentials ?? server;
    this.#actions.variables = server.variables;
    // The token names the tenant: the store's tenant argument is not sent.
    this.#actions.versions = new StoreVersionSource(server.workflowStore, '');
    this.#loadTypes();
  }

  /** Save: in server mode the workflow is stored on the server first, and the host told once it is. */
  async #save(workflow: Workflow): Promise<void> {
    // A past run shown from the history is not the document being edited.
    if (this.#history.viewing) return;
    // Only a host with a hook waits for it: without one, the save goes on at once.
    const veto = this.beforeSave ? await askHook(this.beforeSave, workflow, this.#actions.t('policy.saveRefused')) : undefined;
    if (veto !== undefined) return this.#refuse(veto, 'save');
    const server = this.#serverReady ? await this.#serverReady : undefined;
    if (server) {
      try {
        await server.save(workflow);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#store.issues = refusalIssues(workflow, error) ?? new Map([...this.#store.issues, ['', [{ path: '', message }]]]);
        this.#store.announce(message);
        return;
      }
    }
    this.dispatchEvent(new WfWorkflowSaveEvent({ workflow }));
    this.#title.markSaved(workflow);
  }

  /** `open` from the canvas (a double-click, Open in a node's menu): the node's name field in the inspector takes the focus. */
  #onNodeAction = (e: WfNodeActionEvent) => {
    if (e.detail.action !== 'open' || this.hideInspector) return;
    e.preventDefault();
    void this.updateComplete.then(async () => {
      const inspector = this.shadowRoot?.querySelector<LitElement>('wf-inspector');
      await inspector?.updateComplete;
      inspector?.shadowRoot?.querySelector<HTMLElement>('.inner input')?.focus();
    });
  };

  /** Shows why the host refused something until the user dismisses it or edits again, and tells the host. */
  #refuse(message: string, action: 'edit' | 'import' | 'save' | 'run'): void {
    this.#store.notice = message;
    this.#store.announce(message);
    this.dispatchEvent(new WfPolicyRefusalEvent({ action, message }));
  }

  /** The dictionary of the editor's locale, while it loads. */
  #localeLoad: Promise<void> | undefined;

  /** The first render waits for the locale's dictionary (a few kilobytes, loaded once per page). */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return super.shouldUpdate(changed) && (this.hasUpdated || this.#localeLoad === undefined);
  }

  /** The parts the first render does without (the inspector, the run panel...), loading once the canvas shows. */
  #parts: Promise<void> | undefined;

  override firstUpdated(): void {
    // Once the page is idle after the first render (so they never delay the canvas answering), at most half a second on.
    const idle = new Promise<void>((resolve) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve),
    );
    this.#parts = idle.then(loadEditorParts).then(
      () => this.requestUpdate(),
      // Without them the canvas still works; the notice says why the inspector does not open.
      (error: unknown) => {
        const message = this.#actions.t('editor.partsFailed', { message: String((error as Error)?.message ?? error) });
        this.#store.notice = message;
        this.#store.announce(message);
        this.#store.notify();
      },
    );
  }

  /**
   * Resolves once the editor has rendered, its parts have loaded, and the
   * node types its workflow uses have loaded and shown their forms.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#parts || this.#localeLoad || this.#typeLoads.size > 0) {
      const parts = this.#parts;
      await Promise.all([parts, this.#localeLoad, ...this.#typeLoads]);
      if (parts === this.#parts) this.#parts = undefined;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A server's types come once its client has loaded.
    if (this.#store.types.size === 0 && !this.serverUrl) this.#loadTypes();
    this.#actions.layoutEngine ??= lazyElkLayout;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings') || !this.hasUpdated) {
      const locale = this.#effectiveLocale();
      this.#actions.t = translator(locale, this.strings);
      if (this.hasUpdated) this.#store.notify();
      if (!localeReady(locale)) {
        // A bundled dictionary loads on first use; the editor waits for it rather than flash English.
        const load = (this.#localeLoad = loadLocale(locale).then(
          () => {
            if (this.#localeLoad !== load) return;
            this.#localeLoad = undefined;
            this.#actions.t = translator(this.#effectiveLocale(), this.strings);
            this.#store.notify();
            this.requestUpdate();
          },
          // Without it the editor speaks English.
          () => {
            if (this.#localeLoad === load) this.#localeLoad = undefined;
            this.requestUpdate();
          },
        ));
      }
    }
    if (changed.has('readonly')) this.#history.setReadonly(this.readonly);
    if (changed.has('serverUrl')) void this.#connectServer();
    if (changed.has('nodeTypes')) {
      this.#store.allowedTypes = this.nodeTypes ? new Set(this.nodeTypes) : undefined;
      if (this.hasUpdated) this.#store.notify();
    }
    if (changed.has('allowedNodeTypes') || changed.has('deniedNodeTypes') || changed.has('locked')) {
      this.#store.policy.update({ allowedNodeTypes: this.allowedNodeTypes, deniedNodeTypes: this.deniedNodeTypes, locked: this.locked });
      if (this.hasUpdated) this.#store.notify();
    }
    if (changed.has('hiddenPanels')) this.#panels.hidden = new Set(this.hiddenPanels ?? []);
    void this.#provider;
  }

  #effectiveLocale(): string {
    if (this.locale) return this.locale;
    const lang = this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
    return lang;
  }

  #direction(): 'ltr' | 'rtl' {
    const dir = this.closest('[dir]')?.getAttribute('dir');
    return dir === 'rtl' ? 'rtl' : 'ltr';
  }

  #scheduleValidation(): void {
    if (this.#validateTimer !== undefined) return;
    // After the next frame, so a large workflow is on screen before it is checked.
    this.#validateTimer = setTimeout(
      () => {
        this.#validateTimer = undefined;
        this.#validate();
      },
      this.#store.workflow.nodes.length > 300 ? 50 : 0,
    );
  }

  #validate(): void {
    const issues = new Map<string, { path: string; message: string; code: string }[]>();
    // In server mode the page knows the node types by their forms only: it checks the document's shape
    // and graph, and the server checks types and parameters when it stores or runs the workflow.
    const result = this.#server ? safeParseWorkflow(this.#store.workflow) : this.engine.validate(this.#store.workflow);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [top, index, ...rest] = issue.path;
        let key = '';
        if (top === 'nodes' && typeof index === 'number') key = this.#store.workflow.nodes[index]?.id ?? '';
        if (issue.code === 'no_trigger' || (top !== 'nodes' && key === '')) continue;
        const list = issues.get(key) ?? [];
        list.push({ path: rest.join('.'), message: issue.message, code: issue.code });
        issues.set(key, list);
      }
    }
    this.#store.issues = issues;
    this.#store.notify();
  }

  #onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement;
    const typing = target.matches?.('input, textarea, select, [contenteditable], [contenteditable] *') ?? false;
    const key = e.key.toLowerCase();
    if (key === 's') {
      e.preventDefault();
      this.#actions.save();
      return;
    }
    if (typing) return;
    if (key === 'z' && !e.shiftKey) this.#actions.undo();
    else if ((key === 'z' && e.shiftKey) || key === 'y') this.#actions.redo();
    else if (key === 'c') void this.#actions.copy();
    else if (key === 'v') void this.#actions.paste();
    else if (key === 'd') this.#actions.duplicate();
    else if (key === 'a') this.#store.select(this.#store.workflow.nodes.map((n) => n.id));
    else return;
    e.preventDefault();
  };

  override render(): TemplateResult {
    const store = this.#store;
    const { t, layout } = this.#actions;
    const ro = this.readonly || this.#history.viewing !== undefined;
    const canRun = !store.running && store.workflow.nodes.length > 0 && !this.#history.viewing;
    const [dir, lang] = [this.#direction(), this.#effectiveLocale()];
    return html`
      ${renderSkipLink(t, () => this.#canvas, store, this.#panels.open)}
      <div class="layout" part="base" role="group" aria-label=${t('editor.label')} dir=${dir} lang=${lang} ?inert=${this.#panels.open}>
        <div class="toolbar" part="toolbar" role="toolbar" aria-label=${t('toolbar.label')}>
          <slot name="logo"></slot>
          ${this.branding ? html`<span class="branding">Flowloom</span>` : nothing} ${this.#title.render()}
          <button type="button" ?disabled=${ro || !store.history.canUndo} @click=${() => this.#actions.undo()}>${t('toolbar.undo')}</button>
          <button type="button" ?disabled=${ro || !store.history.canRedo} @click=${() => this.#actions.redo()}>${t('toolbar.redo')}</button>
          ${
            layout.running
              ? html`<span class="progress" role="status"
                    >${layout.progress === undefined ? t('toolbar.layoutRunning') : t('layout.progress', { percent: Math.round(layout.progress * 100) })}</span
                  >
                  <button type="button" @click=${() => this.#actions.cancelLayout()}>${t('toolbar.layoutCancel')}</button>`
              : html`<button
                  type="button"
                  ?disabled=${ro || store.workflow.nodes.length === 0}
                  @click=${() => void this.#actions.autoLayout()}
                >
                  ${t('toolbar.layout')}
                </button>`
          }
          <button type="button" class="add-note" ?disabled=${ro} @click=${() => this.#canvas?.addNote()}>${t('notes.add')}</button>
          ${this.#panels.buttons(t)} ${this.#history.button(t)}
          <span class="spacer"></span>
          <slot name="toolbar"></slot>
          <button type="button" ?disabled=${ro} @click=${() => this.#actions.save()}>${t('toolbar.save')}</button>
          ${
            store.running
              ? html`<button type="button" class="cancel" @click=${() => this.#actions.cancelRun()}>${t('toolbar.cancel')}</button>`
              : html`<button type="button" class="primary run" ?disabled=${!canRun} @click=${() => void this.#actions.run()}>
                  ▶ ${t('toolbar.run')}
                </button>`
          }
        </div>
        <wf-palette part="palette" aria-label=${t('palette.label')} role="region"></wf-palette>
        <wf-canvas
          part="canvas"
          exportparts="node, node-selected, node-icon, minimap, controls"
          ?hide-minimap=${this.hideMinimap}
        ></wf-canvas>
        <wf-inspector part="inspector" role="region" aria-label=${t('inspector.label')}></wf-inspector>
        <wf-run-panel part="run-panel" role="region" aria-label=${t('run.label')}></wf-run-panel>
        <div class="live" aria-live="polite" role="status">${store.announcement}</div>
      </div>
      ${this.#panels.drawer(dir, lang)} ${this.#history.drawer(dir, lang)}
      <wf-notice part="notice"></wf-notice>
    `;
  }
}

/** elkjs in a worker, imported the first time auto-layout runs. */
const lazyElkLayout: LayoutEngine = {
  async layout(graph, options) {
    const { ElkLayoutEngine } = await import('./layout/elk-layout.js');
    return new ElkLayoutEngine().layout(graph, options);
  },
};
