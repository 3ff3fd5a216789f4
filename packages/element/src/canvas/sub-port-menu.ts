import type { NodeTypeDescription } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { EditorActions } from '../editor-actions.js';
import { nodeIcon } from '../icons/node-icon.js';
import type { Position } from '../model/changes.js';
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
      .filter((d) => !q || `${d.displayName} ${d.description} ${d.type}`.toLowerCase().includes(q))
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
      <input
        type="search"
        placeholder=${t('canvas.sub.search')}
        aria-label=${t('canvas.sub.search')}
        .value=${state.query}
        @input=${(e: Event) => {
          state.query = (e.target as HTMLInputElement).value;
          this.host.requestUpdate();
        }}
      />
      ${
        choices.length === 0
          ? html`<p class="sub-menu-empty">${t('canvas.sub.none')}</p>`
          : html`<ul>
              ${choices.map(
                (d) =>
                  html`<li>
                    <button type="button" class="sub-choice" data-type=${d.type} title=${d.description} @click=${() => this.choose(d.type)}>
                      <span class="icon">${nodeIcon(d.icon, d.displayName)}</span>
                      <span class="sub-choice-text"
                        ><span class="name">${d.displayName}</span><span class="type">${d.description}</span></span
                      >
                    </button>
                  </li>`,
              )}
            </ul>`
      }
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
    const target = e.composedPath()[0] as HTMLElement;
    if (e.key === 'Escape') {
      this.close(true);
    } else if (e.key === 'Enter' && target.tagName === 'INPUT') {
      const first = choices[0];
      if (first) this.choose(first.type);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const buttons = [...this.host.renderRoot().querySelectorAll<HTMLElement>('.sub-menu .sub-choice')];
      const at = buttons.indexOf(target);
      const next = e.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(buttons.length - 1, at + 1)) : at <= 0 ? -1 : at - 1;
      if (next < 0) this.host.renderRoot().querySelector<HTMLElement>('.sub-menu input')?.focus();
      else buttons[next]?.focus();
    } else {
      // Typing in the menu is not a canvas shortcut.
      e.stopPropagation();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}
