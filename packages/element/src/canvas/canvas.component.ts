import type { WorkflowNode } from '@flowloom/engine';
import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import { connectionKey, type Position } from '../model/changes.js';
import {
  edgePath,
  fitViewport,
  boundsOf,
  intersects,
  NODE_HEIGHT,
  NODE_WIDTH,
  nodeRect,
  visibleRect,
  type Rect,
  type Viewport,
} from '../model/geometry.js';
import { CanvasGestures, type Gesture } from './canvas-gestures.js';
import { canvasStyles } from './canvas.styles.js';
import { handleCanvasKey } from './canvas-keys.js';
import { renderCompactNode, renderEdge, renderNode } from './node-view.js';
import { drawMinimap, minimapScale } from './minimap.js';
import { PanZoomController } from './pan-zoom-controller.js';
import { SubPortMenu } from './sub-port-menu.js';
import { CanvasMenus } from './canvas-menus.js';
import { canvasMenuStyles } from './canvas-menus.styles.js';
import { attachmentPath, renderConnectHint } from './sub-ports.js';
import { subPortStyles } from './sub-ports.styles.js';
import { LOD_ZOOM, lodFontSize, lodStyles } from './level-of-detail.js';
import { LazyNotes } from '../notes/lazy-notes.js';
import { addNote, withNotes } from '../notes/note-actions.js';
import { handleNoteShortcut } from '../notes/note-keys.js';
import { dropN8nWorkflow, mayDropN8n } from '../n8n-paste/n8n-paste.js';

/** The drag-and-drop type the palette uses for node types. */
export const NODE_TYPE_MIME = 'application/x-flowloom-node-type';

/**
 * The canvas: nodes, edges, pan/zoom, selection, connection by drag, minimap.
 * Only what is in view is rendered.
 *
 * @csspart node - Each node.
 * @csspart minimap - The overview in the corner.
 * @csspart controls - The zoom buttons.
 *
 * @tagname wf-canvas
 */
export class WfCanvas extends LitElement {
  // The notes' styles come with the notes layer (LazyNotes).
  static override styles = [canvasStyles, subPortStyles, canvasMenuStyles, lodStyles];

  /** Hides the minimap. */
  static override properties = { hideMinimap: { type: Boolean, attribute: 'hide-minimap' } };
  declare hideMinimap: boolean;

  readonly #editor = new EditorConsumer(this);
  readonly #panZoom = new PanZoomController(this, (v) => this.#onViewport(v));
  readonly #gestures = new CanvasGestures({
    editor: () => this.#editor.editor,
    panZoom: this.#panZoom,
    renderRoot: () => this.renderRoot,
    shadowRoot: () => this.shadowRoot,
    local: (e) => this.#local(e),
    toCanvas: (e) => this.#toCanvas(e),
    requestUpdate: () => this.requestUpdate(),
    droppedOnCanvas: (from, at, pane) => this.#menus.droppedOnCanvas(from, at, pane),
  });
  readonly #menus = new CanvasMenus({
    editor: () => this.#editor.editor,
    size: () => this.#size,
    requestUpdate: () => this.requestUpdate(),
    rendered: () => this.updateComplete,
    renderRoot: () => this.renderRoot,
    element: () => this,
    local: (e) => this.#local(e),
    toCanvas: (e) => this.#toCanvas(e),
    toPane: (p) => {
      const v = this.#panZoom.viewport;
      return { x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y };
    },
    focusNode: (id) => this.focusNode(id),
  });
  readonly #notes = new LazyNotes({
    editor: () => this.#editor.editor,
    zoom: () => this.#panZoom.viewport.zoom,
    requestUpdate: () => this.requestUpdate(),
    rendered: () => this.updateComplete,
    renderRoot: () => this.renderRoot,
  });
  readonly #menu = new SubPortMenu({
    editor: () => this.#editor.editor,
    size: () => this.#size,
    requestUpdate: () => this.requestUpdate(),
    rendered: () => this.updateComplete,
    renderRoot: () => this.renderRoot,
    reveal: (id) => this.revealNode(id, 200),
  });
  /** The canvas area rendered last (the visible area plus a margin); re-render when the view leaves it. */
  #rendered: Rect | undefined;
  #renderedZoom = 1;
  #size = { width: 800, height: 600 };
  #minimapVersion = -1;
  #minimapColors: { node: string; view: string } | undefined;
  #resizeObserver: ResizeObserver | undefined;
  #fitPending = true;

  constructor() {
    super();
    this.hideMinimap = false;
  }

  /** Whether pan and zoom input is handled yet (its library loads right after the first render). */
  get panZoomReady(): boolean {
    return this.#panZoom.ready;
  }

  /** The current pan/zoom. */
  get viewport(): Viewport {
    return this.#panZoom.viewport;
  }

  /** The canvas point under the centre of the pane. */
  viewCenter(): Position {
    const v = this.#panZoom.viewport;
    return { x: (this.#size.width / 2 - v.x) / v.zoom, y: (this.#size.height / 2 - v.y) / v.zoom };
  }

  /**
   * Fits every node in view. With `minZoom` (used when a workflow opens), a
   * workflow too large to fit readably is shown from its top-left corner instead.
   */
  fitView(duration = 200, minZoom = 0.05): void {
    const nodes = this.#editor.editor?.store.workflow.nodes ?? [];
    const bounds = withNotes(boundsOf(nodes), this.#editor.editor?.store.workflow.notes);
    if (!bounds) return this.#panZoom.setViewport({ x: 0, y: 0, zoom: 1 }, duration);
    const fit = fitViewport(bounds, this.#size.width, this.#size.height, 0.05, 1.25);
    if (fit.zoom >= minZoom) return this.#panZoom.setViewport(fit, duration);
    this.#panZoom.setViewport({ zoom: minZoom, x: 40 - bounds.x * minZoom, y: 40 - bounds.y * minZoom }, duration);
  }

  /** Sets the pan/zoom. */
  setViewport(viewport: Viewport, duration = 0): void {
    this.#panZoom.setViewport(viewport, duration);
  }

  /** Zooms in or out around the centre. */
  zoomBy(factor: number): void {
    this.#panZoom.zoomBy(factor);
  }

  /** Pans so a node is in view (centred on it), when it is not already entirely visible. */
  revealNode(id: string, duration = 0): void {
    const node = this.#editor.editor?.store.node(id);
    if (!node) return;
    const view = this.#view();
    const r = nodeRect(node);
    const inside = r.x >= view.x && r.y >= view.y && r.x + r.width <= view.x + view.width && r.y + r.height <= view.y + view.height;
    if (inside) return;
    const v = this.#panZoom.viewport;
    this.setViewport(
      {
        ...v,
        x: this.#size.width / 2 - (node.position.x + NODE_WIDTH / 2) * v.zoom,
        y: this.#size.height / 2 - (node.position.y + NODE_HEIGHT / 2) * v.zoom,
      },
      duration,
    );
  }

  /** Moves keyboard focus to a node, scrolling it into view. */
  focusNode(id: string): void {
    const node = this.#editor.editor?.store.node(id);
    if (!node) return;
    const view = this.#view();
    if (!intersects(nodeRect(node), view)) {
      const v = this.#panZoom.viewport;
      this.setViewport({
        ...v,
        x: this.#size.width / 2 - (node.position.x + NODE_WIDTH / 2) * v.zoom,
        y: this.#size.height / 2 - (node.position.y + NODE_HEIGHT / 2) * v.zoom,
      });
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.node[data-id="${CSS.escape(id)}"]`)?.focus());
  }

  /** Resolves once the canvas has rendered, the notes layer included when the workflow has notes. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let pending = this.#notes.pending; pending; pending = this.#notes.pending) {
      await pending.catch(() => undefined);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override firstUpdated(): void {
    const pane = this.renderRoot.querySelector('.pane')!;
    void this.#panZoom.attach(pane);
    this.#resizeObserver = new ResizeObserver(([entry]) => {
      if (!entry) return;
      this.#size = { width: entry.contentRect.width, height: entry.contentRect.height };
      if (this.#fitPending && this.#size.width > 0) {
        this.#fitPending = false;
        this.fitView(0, 0.5);
      }
      this.#rendered = undefined;
      this.requestUpdate();
    });
    this.#resizeObserver.observe(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      void this.#panZoom.attach(this.renderRoot.querySelector('.pane')!);
      this.#resizeObserver?.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
  }

  /** Asks for a fit once the pane has a size (after the host replaced the workflow). */
  scheduleFit(): void {
    if (this.#size.width > 0 && this.hasUpdated) this.fitView(0, 0.5);
    else this.#fitPending = true;
  }

  #view(): Rect {
    return visibleRect(this.#panZoom.viewport, this.#size.width, this.#size.height);
  }

  #onViewport(v: Viewport): void {
    this.#menu.close();
    this.#menus.close();
    const vp = this.renderRoot.querySelector<HTMLElement>('.viewport');
    if (vp) vp.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.zoom})`;
    const view = this.#view();
    const r = this.#rendered;
    const inside = r && view.x >= r.x && view.y >= r.y && view.x + view.width <= r.x + r.width && view.y + view.height <= r.y + r.height;
    const zoomChanged = Math.abs(Math.log(v.zoom / this.#renderedZoom)) > 0.25;
    if (!inside || zoomChanged) {
      this.#rendered = undefined;
      this.requestUpdate();
    } else this.#drawMinimap();
  }

  #positionOf(node: WorkflowNode): Position {
    return this.#editor.editor?.store.dragPositions?.get(node.id) ?? node.position;
  }

  #placed(node: WorkflowNode): WorkflowNode {
    const p = this.#editor.editor?.store.dragPositions?.get(node.id);
    return p ? { ...node, position: p } : node;
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed) return nothing;
    const { store, t } = ed;
    const view = this.#view();
    if (!this.#rendered) {
      // Render the visible area plus half a screen around it, so small pans need no re-render.
      this.#rendered = { x: view.x - view.width / 2, y: view.y - view.height / 2, width: view.width * 2, height: view.height * 2 };
      this.#renderedZoom = this.#panZoom.viewport.zoom;
    }
    const area = this.#rendered;
    const placed = store.dragPositions ? store.workflow.nodes.map((n) => this.#placed(n)) : store.workflow.nodes;
    const byId = new Map(placed.map((n) => [n.id, n]));
    const visible = placed.filter((n) => intersects(nodeRect(n), area));
    const compact = this.#panZoom.viewport.zoom < LOD_ZOOM;
    const edges = store.workflow.connections.filter((c) => {
      const a = byId.get(c.from.node);
      const b = byId.get(c.to.node);
      if (!a || !b) return false;
      const x = Math.min(a.position.x, b.position.x);
      const y = Math.min(a.position.y, b.position.y);
      return intersects(
        { x, y, width: Math.abs(a.position.x - b.position.x) + NODE_WIDTH, height: Math.abs(a.position.y - b.position.y) + NODE_HEIGHT },
        area,
      );
    });
    const v = this.#panZoom.viewport;
    const g = this.#gestures.current;
    return html`
      <div
        class="pane"
        tabindex="-1"
        role="application"
        aria-label=${t('canvas.label')}
        aria-roledescription=${t('canvas.label')}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#gestures.onPointerMove}
        @pointerup=${this.#gestures.onPointerUp}
        @pointercancel=${this.#gestures.onPointerUp}
        @click=${this.#onClick}
        @contextmenu=${this.#menus.onContextMenu}
        @dblclick=${this.#menus.onDblClick}
        @keydown=${this.#onKeyDown}
        @dragover=${this.#onDragOver}
        @drop=${this.#onDrop}
      >
        <div
          class="viewport ${compact ? 'compact' : ''}"
          style="transform: translate(${v.x}px, ${v.y}px) scale(${v.zoom})${compact ? `; --wf-lod-font: ${lodFontSize(v.zoom)}px` : ''}"
        >
          ${this.#notes.render(area)}
          <svg class="edges" aria-hidden="false">
            ${repeat(
              edges,
              (c) => connectionKey(c),
              (c) => renderEdge(store, t, c, byId),
            )}
            ${g?.kind === 'connect' ? svg`<path class="edge pending ${g.target && !g.target.valid ? 'invalid' : ''}" d=${g.side === 'sub-out' ? attachmentPath(g.start, g.pointer) : edgePath(g.start, g.pointer)}></path>` : nothing}
          </svg>
          ${repeat(
            visible,
            (n) => n.id,
            (n) => (compact ? renderCompactNode(store, n) : renderNode(store, t, n)),
          )}
        </div>
        ${g?.kind === 'box' ? this.#box(g) : nothing}
        ${
          g?.kind === 'connect'
            ? renderConnectHint(g.target?.problem, { x: g.pointer.x * v.zoom + v.x, y: g.pointer.y * v.zoom + v.y }, this.#size.width)
            : renderConnectHint(this.#gestures.refusal?.message, this.#gestures.refusal?.at ?? { x: 0, y: 0 }, this.#size.width)
        }
        ${this.#menu.render()} ${this.#menus.render()}
        ${store.workflow.nodes.length === 0 ? html`<div class="empty">${t('canvas.empty')}</div>` : nothing}
      </div>
      <div class="controls" part="controls">
        <button type="button" title=${t('toolbar.zoomIn')} aria-label=${t('toolbar.zoomIn')} @click=${() => this.zoomBy(1.25)}>+</button>
        <button type="button" title=${t('toolbar.zoomOut')} aria-label=${t('toolbar.zoomOut')} @click=${() => this.zoomBy(0.8)}>−</button>
        <button type="button" title=${t('toolbar.fit')} aria-label=${t('toolbar.fit')} @click=${() => this.fitView()}>⤢</button>
      </div>
      ${
        this.hideMinimap
          ? nothing
          : html`<canvas
              class="minimap"
              part="minimap"
              width="180"
              height="120"
              role="img"
              aria-label=${t('canvas.minimap')}
              @pointerdown=${this.#onMinimap}
            ></canvas>`
      }
    `;
  }

  #box(g: Extract<Gesture, { kind: 'box' }>): TemplateResult {
    const x = Math.min(g.start.x, g.pointer.x);
    const y = Math.min(g.start.y, g.pointer.y);
    return html`<div
      class="selection-box"
      style="left:${x}px;top:${y}px;width:${Math.abs(g.pointer.x - g.start.x)}px;height:${Math.abs(g.pointer.y - g.start.y)}px"
    ></div>`;
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#drawMinimap();
  }

  #drawMinimap(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.minimap');
    const store = this.#editor.editor?.store;
    if (!canvas || !store) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (this.#minimapVersion !== store.version || !this.#minimapColors) {
      const style = getComputedStyle(this);
      this.#minimapColors = {
        node: style.getPropertyValue('--wf-minimap-node').trim() || '#94a3b8',
        view: style.getPropertyValue('--wf-color-accent').trim() || '#2563eb',
      };
      this.#minimapVersion = store.version;
    }
    const view = this.#view();
    const notes = store.workflow.notes ?? [];
    const s = minimapScale(store.workflow.nodes, view, canvas.width, canvas.height, notes);
    drawMinimap(ctx, store.workflow.nodes, view, s, this.#minimapColors, notes);
  }

  #onMinimap = (e: PointerEvent) => {
    const store = this.#editor.editor?.store;
    const canvas = e.currentTarget as HTMLCanvasElement;
    if (!store) return;
    e.stopPropagation();
    const rect = canvas.getBoundingClientRect();
    const s = minimapScale(store.workflow.nodes, this.#view(), canvas.width, canvas.height, store.workflow.notes ?? []);
    const cx = (e.clientX - rect.left - s.offsetX) / s.scale + s.bounds.x;
    const cy = (e.clientY - rect.top - s.offsetY) / s.scale + s.bounds.y;
    const v = this.#panZoom.viewport;
    this.setViewport({ zoom: v.zoom, x: this.#size.width / 2 - cx * v.zoom, y: this.#size.height / 2 - cy * v.zoom }, 150);
  };

  /** Pane pixel coordinates of a pointer event. */
  #local(e: { clientX: number; clientY: number }): Position {
    const r = this.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  /** Canvas coordinates of a pointer event. */
  #toCanvas(e: { clientX: number; clientY: number }): Position {
    const p = this.#local(e);
    const v = this.#panZoom.viewport;
    return { x: (p.x - v.x) / v.zoom, y: (p.y - v.y) / v.zoom };
  }

  #onPointerDown = (e: PointerEvent) => {
    if (this.#menu.isOpen && !(e.composedPath()[0] as Element).closest?.('.sub-menu')) this.#menu.close();
    if (this.#menus.isOpen) this.#menus.onPointerDown(e);
    this.#gestures.onPointerDown(e);
  };

  #onClick = (e: MouseEvent) => {
    const add = (e.composedPath()[0] as Element).closest?.('.sub-add') as HTMLElement | null;
    if (!add) return this.#gestures.onClick(e);
    const r = add.getBoundingClientRect();
    this.#menu.open(add.dataset.node!, add.dataset.port!, this.#local({ clientX: r.left + r.width / 2, clientY: r.bottom + 6 }));
  };

  #onKeyDown = (e: KeyboardEvent) => {
    const ed = this.#editor.editor;
    if (!ed) return;
    // The "+" of a sub-input and its menu are buttons and a form: their keys are theirs.
    if ((e.composedPath()[0] as Element).closest?.('.sub-add, .sub-menu, .ctx-menu')) return;
    if (this.#menus.onKeyDown(e)) return;
    if (handleNoteShortcut(e, ed, this.viewCenter(), (id) => this.#notes.edit(id))) return;
    const result = handleCanvasKey(e, ed);
    if (result === 'ignored') return;
    e.preventDefault();
    e.stopPropagation();
    // A removed node takes the focus with it: keep it in the canvas so shortcuts (undo) still reach the editor.
    if (result === 'removed') this.renderRoot.querySelector<HTMLElement>('.pane')?.focus();
    else if (result !== 'done') this.focusNode(result);
  };

  #onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes(NODE_TYPE_MIME) || mayDropN8n(e)) {
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    }
  };

  #onDrop = (e: DragEvent) => {
    const type = e.dataTransfer?.getData(NODE_TYPE_MIME);
    const ed = this.#editor.editor;
    if (!type && ed && !ed.store.readonly) dropN8nWorkflow(e, ed);
    if (!type || !ed) return;
    e.preventDefault();
    const p = this.#toCanvas(e);
    ed.store.select([]);
    ed.addNode(type, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
  };

  /** Adds a note at the centre of the view and starts editing its text. */
  addNote(): void {
    const ed = this.#editor.editor;
    const note = ed ? addNote(ed, this.viewCenter()) : undefined;
    if (note) this.#notes.edit(note.id);
  }

  /** Whether a node is currently rendered (for tests of viewport culling). */
  isRendered(id: string): boolean {
    return this.renderRoot.querySelector(`.node[data-id="${CSS.escape(id)}"]`) !== null;
  }
}
