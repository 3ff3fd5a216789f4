import type { NodeTypeDescription } from '@flowloom/engine';
import { html, type TemplateResult } from 'lit';
import { nodeIcon } from '../icons/node-icon.js';

/** Whether a node type matches a search (lower-cased, trimmed): by name, description or type id. */
export function matchesSearch(d: NodeTypeDescription, q: string): boolean {
  return !q || `${d.displayName} ${d.description} ${d.type}`.toLowerCase().includes(q);
}

/** What a searchable list of node types shows and does (the node picker, a sub-input's menu). */
export interface TypeChoiceList {
  query: string;
  /** Label and placeholder of the search field. */
  searchLabel: string;
  /** The sentence shown when nothing matches. */
  emptyLabel: string;
  choices: readonly NodeTypeDescription[];
  onQuery(query: string): void;
  onChoose(type: string): void;
}

/** The search field and the list of matching node types, each a button. */
export function renderTypeChoices(list: TypeChoiceList): TemplateResult {
  return html`<input
      type="search"
      placeholder=${list.searchLabel}
      aria-label=${list.searchLabel}
      .value=${list.query}
      @input=${(e: Event) => list.onQuery((e.target as HTMLInputElement).value)}
    />
    ${
      list.choices.length === 0
        ? html`<p class="sub-menu-empty">${list.emptyLabel}</p>`
        : html`<ul>
            ${list.choices.map(
              (d) =>
                html`<li>
                  <button type="button" class="sub-choice" data-type=${d.type} title=${d.description} @click=${() => list.onChoose(d.type)}>
                    <span class="icon">${nodeIcon(d.icon, d.displayName)}</span>
                    <span class="sub-choice-text"
                      ><span class="name">${d.displayName}</span><span class="type">${d.description}</span></span
                    >
                  </button>
                </li>`,
            )}
          </ul>`
    }`;
}

/**
 * The keys of such a list: Escape closes it, Enter in the search field
 * chooses the first match, the arrows move between the search field and the
 * choices. Other keys stay in the list (they are not canvas shortcuts).
 */
export function onTypeChoiceKey(
  e: KeyboardEvent,
  list: {
    root: HTMLElement | DocumentFragment;
    selector: string;
    choices: readonly NodeTypeDescription[];
    close(): void;
    choose(type: string): void;
  },
): void {
  const target = e.composedPath()[0] as HTMLElement;
  if (e.key === 'Escape') {
    list.close();
  } else if (e.key === 'Enter' && target.tagName === 'INPUT') {
    const first = list.choices[0];
    if (first) list.choose(first.type);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const buttons = [...list.root.querySelectorAll<HTMLElement>(`${list.selector} .sub-choice`)];
    const at = buttons.indexOf(target);
    const next = e.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(buttons.length - 1, at + 1)) : at <= 0 ? -1 : at - 1;
    if (next < 0) list.root.querySelector<HTMLElement>(`${list.selector} input`)?.focus();
    else buttons[next]?.focus();
  } else {
    e.stopPropagation();
    return;
  }
  e.preventDefault();
  e.stopPropagation();
}
