import { html, nothing, type TemplateResult } from 'lit';
import { DataTools } from '../data-tools/data-tools.js';
import type { EditorActions } from '../editor-actions.js';
import { WfNodeActionEvent, type NodeAction } from '../events/node-action.js';
import type { StringKey } from '../i18n/en.js';
import type { Position } from '../model/changes.js';

const MENU_WIDTH = 200;
const ITEM_HEIGHT = 30;

/** What the menu needs from the canvas. */
export interface ContextMenuHost {
  editor(): EditorActions | undefined;
  /** The pane's size in pixels, to keep the menu inside it. */
  size(): { width: number; height: number };
  requestUpdate(): void;
  /** Resolves after the canvas has rendered. */
  rendered(): Promise<unknown>;
  renderRoot(): HTMLElement | DocumentFragment;
  /** Sends an event from the canvas (`wf-node-action`); returns false when a listener took it. */
  dispatch(event: Event): boolean;
  /** Opens the node picker to add a node at canvas point `at`, shown at pane point `pane`. */
  addNodeAt(at: Position, pane: Position): void;
  /** Shows a node in the inspector. */
  open(nodeId: string): void;
  /** Gives the focus back where the menu was opened from (a node, or the pane). */
  refocus(nodeId: string | undefined): void;
}

/** What the menu was opened on. */
export type MenuTarget = { kind: 'node'; nodeId: string } | { kind: 'canvas'; at: Position };

interface MenuItem {
  id: string;
  label: StringKey;
  run(): void;
  disabled?: boolean;
}

interface MenuState {
  target: MenuTarget;
  /** Pane pixel coordinates of the menu's top-left corner. */
  pane: Position;
}

/**
 * The canvas's right-click menu (also the ContextMenu key and Shift+F10): on
 * a node, what applies to it (or to the selection it belongs to); on empty
 * canvas, paste, add a node there and auto-layout. A menu in the ARIA sense:
 * the arrow keys, Home and End move between items, Enter or Space picks one,
 * Escape and Tab close it.
 */
export class ContextMenu {
  #state: MenuState | undefined;

  constructor(private readonly host: ContextMenuHost) {}

  /** Whether the menu is open. */
  get isOpen(): boolean {
    return this.#state !== undefined;
  }

  /** What the menu is open on. */
  get target(): MenuTarget | undefined {
    return this.#state?.target;
  }

  /** Opens the menu on a target, its corner at pane point `at` (kept inside the pane), and focuses its first item. */
  open(target: MenuTarget, at: Position): void {
    const ed = this.host.editor();
    if (!ed) return;
    if (target.kind === 'node' && !ed.store.selectedNodes.has(target.nodeId)) ed.store.select([target.nodeId]);
    const { width, height } = this.host.size();
    const items = this.items(ed, target).length;
    const menuHeight = items * ITEM_HEIGHT + 16;
    const x = Math.max(4, Math.min(at.x, width - MENU_WIDTH - 4));
    const y = Math.max(4, Math.min(at.y, height - menuHeight - 4));
    this.#state = { target, pane: { x, y } };
    this.host.requestUpdate();
    void this.host.rendered().then(() => this.#items()[0]?.focus());
  }

  /** Closes the menu; with `refocus`, the node or pane it was opened from gets the focus back. */
  close(refocus = false): void {
    const state = this.#state;
    if (!state) return;
    this.#state = undefined;
    this.host.requestUpdate();
    if (refocus) void this.host.rendered().then(() => this.host.refocus(state.target.kind === 'node' ? state.target.nodeId : undefined));
  }

  /** The items for a target, in menu order. */
  items(ed: EditorActions, target: MenuTarget): MenuItem[] {
    const { store } = ed;
    const ro = store.readonly;
    if (target.kind === 'canvas') {
      return [
        { id: 'paste', label: 'canvas.menu.paste', disabled: ro, run: () => void ed.paste() },
        {
          id: 'add',
          label: 'canvas.menu.addNode',
          disabled: ro,
          run: () => this.host.addNodeAt(target.at, this.#state?.pane ?? { x: 0, y: 0 }),
        },
        {
          id: 'layout',
          label: 'canvas.menu.layout',
          disabled: ro || store.workflow.nodes.length === 0,
          run: () => void ed.autoLayout(),
        },
      ];
    }
    const id = target.nodeId;
    const node = store.node(id);
    const ids = store.selectedNodes.has(id) ? [...store.selectedNodes] : [id];
    const disabled = ids.every((n) => store.node(n)?.disabled === true);
    const pinned = store.workflow.pinData?.[id] !== undefined;
    return [
      { id: 'open', label: 'canvas.menu.open', run: () => this.host.open(id) },
      { id: 'execute', label: 'canvas.menu.execute', disabled: store.running, run: () => this.#nodeAction(ed, 'execute', id) },
      {
        id: pinned ? 'unpin' : 'pin',
        label: pinned ? 'canvas.menu.unpin' : 'canvas.menu.pin',
        disabled: ro,
        run: () => this.#nodeAction(ed, pinned ? 'unpin' : 'pin', id),
      },
      {
        id: disabled ? 'enable' : 'disable',
        label: disabled ? 'canvas.menu.enable' : 'canvas.menu.disable',
        disabled: ro || !node,
        run: () => setDisabled(ed, ids, !disabled),
      },
      { id: 'duplicate', label: 'canvas.menu.duplicate', disabled: ro, run: () => void ed.duplicate() },
      { id: 'copy', label: 'canvas.menu.copy', run: () => void ed.copy() },
      { id: 'delete', label: 'canvas.menu.delete', disabled: ro, run: () => void ed.removeSelection() },
    ];
  }

  /** Picks the item with id `id` (what a click or Enter on it does). */
  choose(id: string): void {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return;
    const item = this.items(ed, state.target).find((i) => i.id === id);
    if (!item || item.disabled) return;
    // The node picker ("Add node…") takes the focus itself; other items give it back to where the menu was opened.
    this.close(id !== 'add' && id !== 'open');
    item.run();
  }

  render(): TemplateResult | typeof nothing {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return nothing;
    const { t, store } = ed;
    const node = state.target.kind === 'node' ? store.node(state.target.nodeId) : undefined;
    if (state.target.kind === 'node' && !node) return nothing;
    const label =
      state.target.kind === 'canvas'
        ? t('canvas.menu.canvas')
        : store.selectedNodes.size > 1
          ? t('canvas.menu.nodes', { count: store.selectedNodes.size })
          : t('canvas.menu.node', { name: node!.name });
    return html`<div
      class="ctx-menu nopan nowheel"
      role="menu"
      aria-label=${label}
      style="left: ${state.pane.x}px; top: ${state.pane.y}px; width: ${MENU_WIDTH}px"
      @keydown=${this.#onKeyDown}
      @contextmenu=${(e: Event) => e.preventDefault()}
    >
      ${this.items(ed, state.target).map(
        (item) =>
          html`<button
            type="button"
            role="menuitem"
            class="ctx-item"
            tabindex="-1"
            data-action=${item.id}
            aria-disabled=${item.disabled ? 'true' : 'false'}
            @click=${() => this.choose(item.id)}
          >
            ${t(item.label)}
          </button>`,
      )}
    </div>`;
  }

  #items(): HTMLElement[] {
    return [...this.host.renderRoot().querySelectorAll<HTMLElement>('.ctx-menu .ctx-item')];
  }

  #onKeyDown = (e: KeyboardEvent): void => {
    const items = this.#items();
    const at = items.indexOf(e.composedPath()[0] as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(-1);
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(true);
        break;
      case 'Enter':
      case ' ': {
        const id = items[at]?.dataset.action;
        if (id) this.choose(id);
        break;
      }
      default:
        // Letters and the like are not canvas shortcuts while the menu is open.
        e.stopPropagation();
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  /** Hands an action to whoever carries it out (`wf-node-action`); when nobody does, the editor's data tools do. */
  #nodeAction(ed: EditorActions, action: NodeAction, nodeId: string): void {
    if (!this.host.dispatch(new WfNodeActionEvent({ action, nodeId }))) return;
    const tools = DataTools.of(ed);
    if (action === 'execute') void tools.executeStep(nodeId);
    else if (action === 'unpin') tools.unpin(nodeId);
    else if (!tools.pinLastOutput(nodeId)) ed.store.announce(ed.t('canvas.menu.pinNeedsRun', { name: ed.store.node(nodeId)?.name ?? '' }));
  }
}

/** Disables or enables nodes, as one undoable edit. */
export function setDisabled(ed: EditorActions, ids: readonly string[], disabled: boolean): boolean {
  const { store } = ed;
  const changes = ids
    .map((id) => store.node(id))
    .filter((n) => n !== undefined && (n.disabled === true) !== disabled)
    .map((n) => ({
      type: 'updateNode' as const,
      id: n!.id,
      patch: { disabled },
      before: { disabled: n!.disabled },
    }));
  if (changes.length === 0) return false;
  const ok = store.dispatch(changes.length === 1 ? changes[0]! : { type: 'batch', changes });
  if (ok) store.announce(ed.t(disabled ? 'canvas.announce.disabled' : 'canvas.announce.enabled', { count: changes.length }));
  else store.announce(ed.t('announce.blocked'));
  return ok;
}
