import type { NodeTypeDescription } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';
import type { Position } from '../model/changes.js';
import { matchesSearch, onTypeChoiceKey, renderTypeChoices } from './type-choice-list.js';
import { attachedTo, attachNewNode, isFull, subInputLabel, subInputsOf, typesForSubInput } from '../model/sub-port-rules.js';

const MENU_WIDTH = 280;
const MENU_HEIGHT = 320;
const MIN_HEIGHT = 180;

/** What the menu needs from the canvas. */
export interface SubPortMenuHost {
  editor(): EditorActions | undefined;
  /** The pane's size in pixels, to keep the menu inside it. */
  size(): { width: number; height: number };
  requestUpdate(): void;
  /** Resolves after the canvas has rendered. */
  rendered(): Promise<unknown>;
  /** The canvas's render root, where the menu's search field is focused. */
  renderRoot(): HTMLElement | DocumentFragment;
  /** Pans so a new node is in view. */
  reveal(nodeId: string): void;
}

interface MenuState {
  node: string;
  port: string;
  /** Pane pixel coordinates of the menu's top-left corner. */
  at: Position;
  maxHeight: number;
  query: string;
}

/**
 * The list that a sub-input's "+" opens: only the node types that can be
 * attached there (Chat Models for `model`, any node that takes items for
 * `tool`), searchable. Choosing one adds it below the node and attaches it,
 * as one undoable edit.
 */
export class SubPortMenu {
  #state: MenuState | undefined;

  constructor(private readonly host: SubPortMenuHost) {}

  /** Whether the menu is open. */
  get isOpen(): boolean {
    return this.#state !== undefined;
  }

  /** Opens the menu for the sub-input `port` of node `node`, below pane point `at`. */
  open(node: string, port: string, at: Position): void {
    const { width, height } = this.host.size();
    const x = Math.max(8, Math.min(at.x - MENU_WIDTH / 2, width - MENU_WIDTH - 8));
    // Below the "+" when a useful part of the list fits there, else above it.
    const below = height - 8 - at.y;
    const above = at.y - 40 - 8;
    const y = below >= MIN_HEIGHT || below >= above ? at.y : Math.max(8, at.y - 40 - Math.min(MENU_HEIGHT, above));
    const maxHeight = Math.max(MIN_HEIGHT, Math.min(MENU_HEIGHT, y === at.y ? below : above));
    this.#state = { node, port, at: { x, y }, maxHeight, query: '' };
    this.host.requestUpdate();
    void this.host.rendered().then(() => this.host.renderRoot().querySelector<HTMLInputElement>('.sub-menu input')?.focus());
  }

  /** Closes the menu; with `refocus`, the "+" that opened it gets the focus back. */
  close(refocus = false): void {
    const state = this.#state;
    if (!state) return;
    this.#state = undefined;
    this.host.requestUpdate();
    if (refocus) {
      const selector = `.sub-add[data-node="${CSS.escape(state.node)}"][data-port="${CSS.escape(state.port)}"]`;
      void this.host.rendered().then(() => this.host.renderRoot().querySelector<HTMLElement>(selector)?.focus());
    }
  }

  /** The node types offered: those that attach through the port, that the host allows, matching the search. */
  choices(ed: EditorActions, port: string, query: string): NodeTypeDescription[] {
    const { store } = ed;
    const q = query.trim().toLowerCase();
    return typesForSubInput(store.types.values(), port)
      .filter((d) => store.offers(d.type))
      .filter((d) => matchesSearch(d, q))
      .sort(
        (a, b) =>
          Number(b.subOutputs?.includes(port) ?? false) - Number(a.subOutputs?.includes(port) ?? false) ||
          a.displayName.localeCompare(b.displayName),
      );
  }

  render(): TemplateResult | typeof nothing {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return nothing;
    const consumer = ed.store.node(state.node);
    const port = consumer ? subInputsOf(ed.store.describe(consumer.type)).find((p) => p.name === state.port) : undefined;
    if (!consumer || !port) return nothing;
    const { t } = ed;
    const label = subInputLabel(port);
    const choices = this.choices(ed, port.name, state.query);
    return html`<div
      class="sub-menu nopan nowheel"
      role="dialog"
      aria-label=${t('canvas.sub.menu', { port: label })}
      style="left: ${state.at.x}px; top: ${state.at.y}px; width: ${MENU_WIDTH}px; max-height: ${state.maxHeight}px"
      @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e, choices)}
    >
      <div class="sub-menu-title">${t('canvas.sub.menu', { port: label })}</div>
      ${renderTypeChoices({
        query: state.query,
        searchLabel: t('canvas.sub.search'),
        emptyLabel: t('canvas.sub.none'),
        choices,
        onQuery: (query) => {
          state.query = query;
          this.host.requestUpdate();
        },
        onChoose: (type) => this.choose(type),
      })}
    </div>`;
  }

  /** Adds a node of `type` below the node the menu is for, attached to its sub-input. */
  choose(type: string): boolean {
    const state = this.#state;
    const ed = this.host.editor();
    if (!state || !ed) return false;
    const { store, t } = ed;
    const consumer = store.node(state.node);
    const port = consumer ? subInputsOf(store.describe(consumer.type)).find((p) => p.name === state.port) : undefined;
    const desc = store.describe(type);
    if (!consumer || !port || !desc) return false;
    this.close();
    if (isFull(store.workflow, consumer.id, port)) {
      const attached = attachedTo(store.workflow, consumer.id, port.name).map((n) => n.name);
      store.announce(
        t('canvas.sub.full', { node: consumer.name, max: port.max ?? 0, port: subInputLabel(port), attached: attached.join(', ') }),
      );
      return false;
    }
    const change = attachNewNode(store.workflow, desc, consumer, port, (x) => store.describe(x));
    // As for any new connection, the host may refuse it (wf-before-connect): the node is added unattached then.
    if (store.hooks.beforeConnect?.(change.connections[0]!) === false) change.connections = [];
    if (!store.dispatch(change)) {
      store.announce(t('announce.blocked'));
      return false;
    }
    const node = change.nodes[0]!;
    store.select([node.id]);
    store.announce(t('announce.attached', { name: node.name, node: consumer.name, port: subInputLabel(port) }));
    this.host.reveal(node.id);
    return true;
  }

  #onKeyDown(e: KeyboardEvent, choices: NodeTypeDescription[]): void {
    const root = this.host.renderRoot();
    onTypeChoiceKey(e, { root, selector: '.sub-menu', choices, close: () => this.close(true), choose: (type) => this.choose(type) });
  }
}
