import type { Connection } from '@flowloom/engine';
import { html, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';
import { WfNodeActionEvent } from '../events/node-action.js';
import type { Position } from '../model/changes.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/geometry.js';
import { ContextMenu } from './context-menu.js';
import { NodePicker } from './node-picker.js';

/** What the canvas's menus need from the canvas element. */
export interface CanvasMenusHost {
  editor(): EditorActions | undefined;
  /** The pane's size in pixels. */
  size(): { width: number; height: number };
  requestUpdate(): void;
  rendered(): Promise<unknown>;
  renderRoot(): HTMLElement | DocumentFragment;
  /** The canvas element, which sends `wf-node-action`. */
  element(): HTMLElement;
  /** Pane pixel coordinates of a pointer event. */
  local(e: { clientX: number; clientY: number }): Position;
  /** Canvas coordinates of a pointer event. */
  toCanvas(e: { clientX: number; clientY: number }): Position;
  /** Pane pixel coordinates of a canvas point. */
  toPane(p: Position): Position;
  /** Moves the focus to a node (scrolling it into view). */
  focusNode(id: string): void;
}

/**
 * The canvas's menus and the gestures that open them: the right-click menu
 * (`contextmenu`, the ContextMenu key, Shift+F10), the node picker (a
 * connection dropped on empty canvas, "Add node…"), and a double-click on a
 * node, which opens it in the inspector.
 */
export class CanvasMenus {
  readonly menu: ContextMenu;
  readonly picker: NodePicker;

  constructor(private readonly host: CanvasMenusHost) {
    const refocus = (nodeId: string | undefined) => {
      if (nodeId && host.editor()?.store.node(nodeId)) host.focusNode(nodeId);
      else host.renderRoot().querySelector<HTMLElement>('.pane')?.focus();
    };
    this.picker = new NodePicker({ ...host, refocus });
    this.menu = new ContextMenu({
      ...host,
      refocus,
      dispatch: (event) => host.element().dispatchEvent(event),
      addNodeAt: (at, pane) => this.picker.open(undefined, at, pane),
      open: (id) => this.openNode(id),
    });
  }

  /** Whether a menu or the picker is open. */
  get isOpen(): boolean {
    return this.menu.isOpen || this.picker.isOpen;
  }

  /** Closes the menu and the picker. */
  close(): void {
    this.menu.close();
    this.picker.close();
  }

  /** A connection from `from` was dropped on empty canvas: offer the node types to add there. */
  droppedOnCanvas(from: Connection['from'], at: Position, pane: Position): void {
    this.menu.close();
    this.picker.open(from, at, pane);
  }

  /** Selects a node and asks the editor to show it in the inspector (`wf-node-action` with `open`). */
  openNode(id: string): void {
    const ed = this.host.editor();
    if (!ed?.store.node(id)) return;
    ed.store.select([id]);
    this.host.element().dispatchEvent(new WfNodeActionEvent({ action: 'open', nodeId: id }));
  }

  /** A press anywhere on the pane: one outside the menu or picker closes them. */
  readonly onPointerDown = (e: PointerEvent): void => {
    const inside = (e.composedPath()[0] as Element).closest?.('.ctx-menu, .node-picker');
    if (!inside) this.close();
  };

  /** Right-click: the node's menu on a node, the canvas's elsewhere on the pane. */
  readonly onContextMenu = (e: MouseEvent): void => {
    const target = e.composedPath()[0] as Element;
    // Notes, fields and the canvas's own menus keep the browser's menu.
    if (target.closest?.('.ctx-menu, .sub-menu, .controls, .minimap, .note, input, textarea')) return;
    const ed = this.host.editor();
    if (!ed) return;
    e.preventDefault();
    this.picker.close();
    const nodeId = target.closest?.('.node')?.getAttribute('data-id');
    // The keyboard's context-menu event comes at no pointer position: open at the node or the centre.
    const fromKeyboard = e.clientX === 0 && e.clientY === 0 && e.button !== 2;
    if (fromKeyboard) return this.openFromKeyboard(nodeId ?? undefined);
    const pane = this.host.local(e);
    if (nodeId) this.menu.open({ kind: 'node', nodeId }, pane);
    else this.menu.open({ kind: 'canvas', at: this.host.toCanvas(e) }, pane);
  };

  /** Double-click on a node opens it in the inspector. */
  readonly onDblClick = (e: MouseEvent): void => {
    const target = e.composedPath()[0] as Element;
    if (target.closest?.('.port, .sub-add, .sub-menu, .ctx-menu')) return;
    const nodeId = target.closest?.('.node')?.getAttribute('data-id');
    if (!nodeId) return;
    e.preventDefault();
    this.openNode(nodeId);
  };

  /** The ContextMenu key and Shift+F10 open the menu of the focused node, or of the canvas. Returns whether it handled the key. */
  onKeyDown(e: KeyboardEvent): boolean {
    if (!(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return false;
    const target = e.composedPath()[0] as Element;
    const nodeId = target.closest?.('.node')?.getAttribute('data-id') ?? undefined;
    e.preventDefault();
    e.stopPropagation();
    this.openFromKeyboard(nodeId);
    return true;
  }

  /** Opens the menu beside a node (its bottom-left corner), or at the centre of the pane. */
  openFromKeyboard(nodeId: string | undefined): void {
    const ed = this.host.editor();
    const node = nodeId ? ed?.store.node(nodeId) : undefined;
    this.picker.close();
    if (node) {
      this.menu.open({ kind: 'node', nodeId: node.id }, this.host.toPane({ x: node.position.x + 16, y: node.position.y + NODE_HEIGHT }));
      return;
    }
    const { width, height } = this.host.size();
    const pane = { x: width / 2, y: height / 2 };
    const v = this.host.toPane({ x: 0, y: 0 });
    const zoom = this.host.toPane({ x: 1, y: 0 }).x - v.x;
    const at = { x: (pane.x - v.x) / zoom - NODE_WIDTH / 2, y: (pane.y - v.y) / zoom };
    this.menu.open({ kind: 'canvas', at }, pane);
  }

  render(): TemplateResult {
    return html`${this.menu.render()}${this.picker.render()}`;
  }
}
