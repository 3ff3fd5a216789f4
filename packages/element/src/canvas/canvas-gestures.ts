import type { Connection } from '@flowloom/engine';
import type { EditorActions } from '../editor-actions.js';
import type { Position } from '../model/changes.js';
import { intersects, nodeRect, snap } from '../model/geometry.js';
import type { PanZoomController } from './pan-zoom-controller.js';
import { portAnchor } from './sub-ports.js';

/** A pointer gesture in progress on the canvas. */
export type Gesture =
  | { kind: 'drag'; start: Position; origins: Map<string, Position>; moved: boolean }
  | {
      kind: 'connect';
      from: Connection['from'];
      /** `sub-out` when a node is being attached through one of its sub-ports (a Chat Model's `model`). */
      side: 'out' | 'sub-out';
      start: Position;
      pointer: Position;
      /** The port under the pointer, and why it cannot take the connection. */
      target?: { node: string; port: string; valid: boolean; problem?: string };
    }
  | { kind: 'box'; start: Position; pointer: Position; additive: boolean };

/** What the gestures need from the canvas element. */
export interface GestureHost {
  /** The editor, once the canvas is inside one. */
  editor(): EditorActions | undefined;
  readonly panZoom: PanZoomController;
  /** Where the canvas renders: the ports a connection drag highlights are there. */
  renderRoot(): HTMLElement | DocumentFragment;
  /** The canvas's shadow root, which finds the port under the pointer. */
  shadowRoot(): ShadowRoot | null;
  /** Pane pixel coordinates of a pointer event. */
  local(e: { clientX: number; clientY: number }): Position;
  /** Canvas coordinates of a pointer event. */
  toCanvas(e: { clientX: number; clientY: number }): Position;
  requestUpdate(): void;
  /** A connection from an output port was dropped on empty canvas, at canvas point `at` (pane point `pane`). */
  droppedOnCanvas?(from: Connection['from'], at: Position, pane: Position): void;
}

/**
 * The canvas's pointer input: dragging the selected nodes, drawing a
 * connection from an output port to an input port, selecting with a box
 * (Shift-drag on the background), and clicks that select a connection or
 * clear the selection. The canvas binds the handlers to its pane and draws
 * `current` (the pending connection, the selection box); panning and zooming
 * are the pan/zoom controller's.
 */
export class CanvasGestures {
  /** The gesture in progress, if any. */
  current: Gesture | undefined;
  /** Why the last connection drawn was refused, and where it was dropped (pane coordinates), until the next press. */
  refusal: { message: string; at: Position } | undefined;
  /** A box selection just ended: the click that follows it must not clear the selection. */
  #suppressClick = false;
  /** Whether the last pointerdown hit empty canvas (pointer capture retargets the click to the pane). */
  #downOnBackground = false;

  constructor(private readonly host: GestureHost) {}

  readonly onPointerDown = (e: PointerEvent): void => {
    const ed = this.host.editor();
    if (!ed || e.button !== 0) return;
    const target = e.composedPath()[0] as Element;
    if (this.refusal) {
      this.refusal = undefined;
      this.host.requestUpdate();
    }
    // A sub-input's "+" and the menu it opens take their own clicks.
    if (target.closest?.('.sub-add, .sub-menu, .ctx-menu')) return;
    const port = target.closest?.('.port') as HTMLElement | null;
    const nodeEl = target.closest?.('.node') as HTMLElement | null;
    const pane = e.currentTarget as HTMLElement;
    this.#downOnBackground = !port && !nodeEl && !target.closest?.('[data-edge], .controls, .minimap');
    const side = port?.dataset.side;
    if (port && (side === 'out' || side === 'sub-out') && !ed.store.readonly) {
      const node = ed.store.node(port.dataset.node!)!;
      const start = portAnchor(ed.store, node, side, port.dataset.port!);
      this.current = { kind: 'connect', from: { node: node.id, port: port.dataset.port! }, side, start, pointer: start };
      if (side === 'sub-out') {
        // Show where the node may be attached: the sub-inputs of the same name that would take it.
        const from = this.current.from;
        this.host
          .renderRoot()
          .querySelectorAll<HTMLElement>(`.port.sub-in[data-port="${CSS.escape(from.port)}"]`)
          .forEach((x) => {
            if (!ed.connectionProblem({ from, to: { node: x.dataset.node!, port: from.port } })) x.classList.add('compatible');
          });
      }
      pane.setPointerCapture(e.pointerId);
      this.host.panZoom.update({ busy: true });
      this.host.requestUpdate();
      return;
    }
    if (nodeEl) {
      const id = nodeEl.dataset.id!;
      const { store } = ed;
      if (e.shiftKey || e.metaKey || e.ctrlKey) store.toggleNode(id);
      else if (!store.selectedNodes.has(id)) store.select([id]);
      if (store.readonly) return;
      const origins = new Map<string, Position>();
      for (const sid of store.selectedNodes) {
        const n = store.node(sid);
        if (n) origins.set(sid, n.position);
      }
      this.current = { kind: 'drag', start: this.host.toCanvas(e), origins, moved: false };
      pane.setPointerCapture(e.pointerId);
      return;
    }
    if (e.shiftKey && !target.closest?.('[data-edge]')) {
      const p = this.host.local(e);
      this.current = { kind: 'box', start: p, pointer: p, additive: true };
      this.host.panZoom.update({ busy: true });
      pane.setPointerCapture(e.pointerId);
      e.stopPropagation();
      this.host.requestUpdate();
    }
  };

  readonly onPointerMove = (e: PointerEvent): void => {
    const g = this.current;
    const ed = this.host.editor();
    if (!g || !ed) return;
    if (g.kind === 'drag') {
      const p = this.host.toCanvas(e);
      const dx = p.x - g.start.x;
      const dy = p.y - g.start.y;
      if (!g.moved && Math.hypot(dx, dy) < 3) return;
      g.moved = true;
      const positions = new Map<string, Position>();
      for (const [id, o] of g.origins) positions.set(id, { x: o.x + dx, y: o.y + dy });
      ed.store.dragPositions = positions;
      this.host.requestUpdate();
    } else if (g.kind === 'connect') {
      g.pointer = this.host.toCanvas(e);
      const el = this.host.shadowRoot()?.elementFromPoint(e.clientX, e.clientY) as HTMLElement | null;
      this.#clearTargets();
      if (el?.classList.contains('port') && (el.dataset.side === 'in' || el.dataset.side === 'sub-in')) {
        const connection = { from: g.from, to: { node: el.dataset.node!, port: el.dataset.port! } };
        const problem = ed.connectionProblem(connection);
        g.target = { node: connection.to.node, port: connection.to.port, valid: problem === undefined, ...(problem ? { problem } : {}) };
        el.classList.add(problem === undefined ? 'target-valid' : 'target-invalid');
      } else g.target = undefined;
      this.host.requestUpdate();
    } else {
      g.pointer = this.host.local(e);
      this.host.requestUpdate();
    }
  };

  readonly onPointerUp = (e: PointerEvent): void => {
    const g = this.current;
    const ed = this.host.editor();
    this.current = undefined;
    if (!g || !ed) return;
    const { store } = ed;
    if (g.kind === 'drag') {
      const positions = store.dragPositions;
      store.dragPositions = undefined;
      if (g.moved && positions) {
        const moves = [...positions].map(([id, to]) => ({ id, from: g.origins.get(id)!, to: snap(to) }));
        if (!store.dispatch({ type: 'moveNodes', moves })) store.notify();
      }
      this.host.requestUpdate();
    } else if (g.kind === 'connect') {
      this.host.panZoom.update({ busy: false });
      this.#clearTargets();
      this.host
        .renderRoot()
        .querySelectorAll('.compatible')
        .forEach((x) => x.classList.remove('compatible'));
      if (g.target?.valid) ed.connect({ from: g.from, to: { node: g.target.node, port: g.target.port } });
      else if (g.target) {
        const message = g.target.problem ?? ed.t('canvas.invalidConnection');
        this.refusal = { message, at: this.host.local(e) };
        store.announce(message);
      } else if (
        g.side === 'out' &&
        !store.readonly &&
        this.#onEmptyCanvas(e) &&
        Math.hypot(g.pointer.x - g.start.x, g.pointer.y - g.start.y) > 20
      ) {
        this.host.droppedOnCanvas?.(g.from, g.pointer, this.host.local(e));
      }
      this.host.requestUpdate();
    } else {
      this.host.panZoom.update({ busy: false });
      const v = this.host.panZoom.viewport;
      const toCanvas = (p: Position) => ({ x: (p.x - v.x) / v.zoom, y: (p.y - v.y) / v.zoom });
      const a = toCanvas(g.start);
      const b = toCanvas(this.host.local(e));
      const box = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
      const inside = store.workflow.nodes.filter((n) => intersects(nodeRect(n), box)).map((n) => n.id);
      store.select(g.additive ? [...store.selectedNodes, ...inside] : inside);
      this.#suppressClick = true;
    }
  };

  readonly onClick = (e: MouseEvent): void => {
    const ed = this.host.editor();
    if (!ed) return;
    if (this.#suppressClick) {
      this.#suppressClick = false;
      return;
    }
    const target = e.composedPath()[0] as Element;
    const edge = target.closest?.('[data-edge]') as SVGElement | null;
    if (edge) {
      const key = edge.dataset.edge!;
      if (e.shiftKey) ed.store.select(ed.store.selectedNodes, [...ed.store.selectedConnections, key]);
      else ed.store.select([], [key]);
      return;
    }
    if (this.#downOnBackground && !target.closest?.('.node') && !e.shiftKey) ed.store.select([]);
  };

  /** Whether nothing but the canvas background is under the pointer. */
  #onEmptyCanvas(e: PointerEvent): boolean {
    const el = this.host.shadowRoot()?.elementFromPoint(e.clientX, e.clientY);
    if (!el) return false;
    return el.closest('.pane') !== null && el.closest('.node, .controls, .minimap, .sub-menu, .ctx-menu') === null;
  }

  #clearTargets(): void {
    this.host
      .renderRoot()
      .querySelectorAll('.target-valid, .target-invalid')
      .forEach((x) => x.classList.remove('target-valid', 'target-invalid'));
  }
}
