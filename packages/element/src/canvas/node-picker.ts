import type { Connection, NodeTypeDescription } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';
import type { Position } from '../model/changes.js';
import { NODE_HEIGHT } from '../model/geometry.js';
import { matchesSearch, onTypeChoiceKey, renderTypeChoices } from './type-choice-list.js';

const PICKER_WIDTH = 280;
const PICKER_HEIGHT = 320;

/** What the picker needs from the canvas. */
export interface NodePickerHost {
  editor(): EditorActions | undefined;
  /** The pane's size in pixels, to keep the picker inside it. */
  size(): { width: number; height: number };
  requestUpdate(): void;
  /** Resolves after the canvas has rendered. */
  rendered(): Promise<unknown>;
  renderRoot(): HTMLElement | DocumentFragment;
  /** Gives the focus back to the canvas when the picker closes without adding. */
  refocus(nodeId: string | undefined): void;
}

interface PickerState {
  /** The output port the new node is connected to (a connection dropped on empty canvas), if any. */
  from: Connection['from'] | undefined;
  /** Canvas point where the new node's input goes. */
  at: Position;
  /** Pane pixel coordinates of the picker's top-left corner. */
  pane: Position;
  query: string;
}

/**
 * The node picker: a searchable list of node types, opened where a
 * connection dragged from an output port was dropped on empty canvas (or by
 * "Add node…" in the canvas menu). Choosing a type adds the node there,
 * connected to that port, as one undoable edit; Enter in the search field
 * adds the first match.
 */
export class NodePicker {
  #state: PickerState | undefined;

  constructor(private readonly host: NodePickerHost) {}

  /** Whether the picker is open. */
  get isOpen(): boolean {
    return this.#state !== undefined;
  }

  /** Opens the picker for a node at canvas point `at` (connected to `from` when given), shown at pane point `pane`. */
  open(from: Connection['from'] | undefined, at: Position, pane: Position): void {
    const { width, height } = this.host.size();
    const x = Math.max(8, Math.min(pane.x + 8, width - PICKER_WIDTH - 8));
    const y = Math.max(8, Math.min(pane.y - 20, height - PICKER_HEIGHT - 8));
    this.#state = { from, at, pane: { x, y }, query: '' };
    this.host.requestUpdate();
    void this.host.rendered().then(() => this.host.renderRoot().querySelector<HTMLInputElement>('.node-picker input')?.focus());
  }

  /** Closes the picker; with `refocus`, the canvas gets the focus back. */
  close(refocus = false): void {
    const state = this.#state;
    if (!state) return;
    this.#state = undefined;
    this.host.requestUpdate();
    if (refocus) void this.host.rendered().then(() => this.host.refocus(state.from?.node));
  }

  /** The types offered: those the host allows that take items (when a connection waits for one), matching the search. */
  choices(ed: EditorActions, query: string, needsInput: boolean): NodeTypeDescription[] {
    const { store } = ed;
    const q = query.trim().toLowerCase();
    return [...store.types.values()]
      .filter((d) => !d.hidden && store.offers(d.type) && (!needsInput || d.inputs.length > 0))
      .filter((d) => matchesSearch(d, q))
      .sort((a, b) => {
        // Names that start with the search come first.
        const rank = (d: NodeTypeDescription) => (q && d.displayName.toLowerCase().startsWith(q) ? 0 : 1);
        return rank(a) - rank(b) || a.displayName.localeCompare(b.displayName);
      });
  }

  render(): TemplateResult | typeof nothing {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return nothing;
    const { t, store } = ed;
    const source = state.from ? store.node(state.from.node) : undefined;
    const label = source ? t('canvas.picker.after', { name: source.name, port: state.from!.port }) : t('canvas.picker.add');
    const choices = this.choices(ed, state.query, state.from !== undefined);
    return html`<div
      class="sub-menu node-picker nopan nowheel"
      role="dialog"
      aria-label=${label}
      style="left: ${state.pane.x}px; top: ${state.pane.y}px; width: ${PICKER_WIDTH}px; max-height: ${PICKER_HEIGHT}px"
      @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e, choices)}
    >
      <div class="sub-menu-title">${label}</div>
      ${renderTypeChoices({
        query: state.query,
        searchLabel: t('canvas.picker.search'),
        emptyLabel: t('canvas.picker.none'),
        choices,
        onQuery: (query) => {
          state.query = query;
          this.host.requestUpdate();
        },
        onChoose: (type) => this.choose(type),
      })}
    </div>`;
  }

  /** Adds a node of `type` where the picker was opened, connected to the port it was opened from. */
  choose(type: string): boolean {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return false;
    this.close();
    // The node's input port sits on the left edge, halfway down: put it where the connection was dropped.
    const at = { x: state.at.x, y: state.at.y - NODE_HEIGHT / 2 };
    const node = ed.addNode(type, at, state.from ? { from: state.from } : {});
    return node !== undefined;
  }

  #onKeyDown(e: KeyboardEvent, choices: NodeTypeDescription[]): void {
    const root = this.host.renderRoot();
    onTypeChoiceKey(e, { root, selector: '.node-picker', choices, close: () => this.close(true), choose: (type) => this.choose(type) });
  }
}
