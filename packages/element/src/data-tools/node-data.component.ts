import type { Item } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import { DataTools } from './data-tools.js';
import { FIELD_DRAG_TYPE, fieldExpression } from './field-expression.js';
import { nodeDataStyles } from './node-data.styles.js';
import { parsePinJson, pinJsonText } from './pin-json.js';
import { langOf, plural } from '../run-panel/plural.js';

const MAX_ROWS = 100;

function cell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * A node's data in the inspector: the "Execute step" button, the items the
 * node receives (a table or the picked item's JSON, with arrows to pick the
 * item expressions preview with), and its pinned data (pin, edit as JSON,
 * unpin). Fields of the input are dragged onto parameters to map them.
 *
 * @tagname wf-node-data
 */
export class WfNodeData extends LitElement {
  static override styles = nodeDataStyles;
  static override properties = {
    nodeId: { attribute: 'node-id' },
    view: { state: true },
    draft: { state: true },
    draftError: { state: true },
  };
  /** The node shown. */
  declare nodeId: string;
  declare view: 'table' | 'json';
  /** The pinned data being edited (JSON text), or undefined when the editor is closed. */
  declare draft: string | undefined;
  declare draftError: string | undefined;
  readonly #editor = new EditorConsumer(this);
  #draftFor: string | undefined;

  constructor() {
    super();
    this.nodeId = '';
    this.view = 'table';
    this.draft = undefined;
    this.draftError = undefined;
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    const node = ed?.store.node(this.nodeId);
    if (!ed || !node) return nothing;
    if (this.#draftFor !== undefined && this.#draftFor !== node.id) this.#closeDraft();
    const tools = DataTools.of(ed);
    const { t, store } = ed;
    const error = tools.errors.get(node.id);
    const stepping = tools.stepping === node.id;
    return html`<section aria-label=${t('dataTools.label')}>
      <div class="bar">
        <button
          type="button"
          class="execute-step"
          title=${t('dataTools.executeStepTitle', { name: node.name })}
          ?disabled=${store.running}
          @click=${() => void tools.executeStep(node.id)}
        >
          ${stepping ? t('dataTools.stepping') : t('dataTools.executeStep')}
        </button>
      </div>
      ${error ? html`<p class="error step-error" role="alert">${error}</p>` : nothing} ${this.#input(ed, tools)} ${this.#pinned(ed, tools)}
    </section>`;
  }

  #input(ed: EditorActions, tools: DataTools): TemplateResult | typeof nothing {
    const { t } = ed;
    const input = tools.input(this.nodeId);
    const inputs = ed.store.describe(ed.store.node(this.nodeId)?.type ?? '')?.inputs ?? ['main'];
    if (!input && inputs.length === 0) return nothing;
    const head = html`<div class="head">
      <h3>${t('dataTools.input')}</h3>
      ${
        input?.items
          ? html`<div role="group" aria-label=${t('dataTools.view')}>
              <button type="button" aria-pressed=${this.view === 'table' ? 'true' : 'false'} @click=${() => (this.view = 'table')}>
                ${t('dataTools.table')}
              </button>
              <button type="button" aria-pressed=${this.view === 'json' ? 'true' : 'false'} @click=${() => (this.view = 'json')}>
                ${t('dataTools.json')}
              </button>
            </div>`
          : nothing
      }
    </div>`;
    if (!input)
      return html`<div class="input">
        ${head}
        <p class="hint">${t('dataTools.noInput')}</p>
      </div>`;
    if (!input.items) {
      return html`<div class="input">
        ${head}
        <p class="hint">${t('dataTools.executePrevious', { name: input.from })}</p>
      </div>`;
    }
    const items = input.items;
    const source =
      input.source === 'pinned'
        ? ` (${t('dataTools.inputPinned')})`
        : input.source === 'output'
          ? ` (${t('dataTools.inputLastOutput')})`
          : '';
    const index = tools.selectedItem(this.nodeId);
    return html`<div class="input">
      ${head}
      <p class="muted source">${t('dataTools.inputFrom', { name: input.from })}${source}</p>
      ${items.length === 0 ? html`<p class="hint">${t('dataTools.noItems')}</p>` : this.#itemArrows(ed, tools, index, items.length)}
      ${
        items.length === 0
          ? nothing
          : html`<div class="items">${this.view === 'json' ? this.#json(ed, items[index]!) : this.#table(ed, tools, items, index)}</div>
              <p class="hint">${t('dataTools.dragHint')}</p>`
      }
    </div>`;
  }

  #itemArrows(ed: EditorActions, tools: DataTools, index: number, count: number): TemplateResult {
    const { t } = ed;
    return html`<div class="bar item-arrows">
      <button
        type="button"
        class="previous-item"
        aria-label=${t('dataTools.previousItem')}
        ?disabled=${index <= 0}
        @click=${() => tools.selectItem(this.nodeId, index - 1)}
      >
        ‹
      </button>
      <span class="item-position" aria-live="polite">${t('dataTools.item', { index: index + 1, count })}</span>
      <button
        type="button"
        class="next-item"
        aria-label=${t('dataTools.nextItem')}
        ?disabled=${index >= count - 1}
        @click=${() => tools.selectItem(this.nodeId, index + 1)}
      >
        ›
      </button>
    </div>`;
  }

  #table(ed: EditorActions, tools: DataTools, items: readonly Item[], selected: number): TemplateResult {
    const { t } = ed;
    const keys = new Set<string>();
    for (const item of items.slice(0, MAX_ROWS)) for (const k of Object.keys(item.json)) keys.add(k);
    const cols = [...keys];
    return html`<table>
      <thead>
        <tr>
          <th scope="col">#</th>
          ${cols.map(
            (c) =>
              html`<th
                scope="col"
                draggable="true"
                data-path=${JSON.stringify([c])}
                title=${t('dataTools.field', { path: c })}
                @dragstart=${this.#onDragStart}
              >
                ${c}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${items.slice(0, MAX_ROWS).map(
          (item, i) =>
            html`<tr
              class=${i === selected ? 'selected' : ''}
              aria-selected=${i === selected ? 'true' : 'false'}
              @click=${() => tools.selectItem(this.nodeId, i)}
            >
              <td>${i + 1}</td>
              ${cols.map(
                (c) =>
                  html`<td draggable="true" data-path=${JSON.stringify([c])} title=${cell(item.json[c])} @dragstart=${this.#onDragStart}>
                    ${cell(item.json[c])}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** The picked item's JSON as a tree whose keys are dragged. */
  #json(ed: EditorActions, item: Item): TemplateResult {
    const tree = (value: unknown, path: (string | number)[]): TemplateResult | string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      return html`<ul class="json">
        ${entries.map(([key, v]) => {
          const at = [...path, key];
          const label = Array.isArray(value) ? `[${key}]` : String(key);
          return html`<li>
            <span
              class="key"
              draggable="true"
              data-path=${JSON.stringify(at)}
              title=${ed.t('dataTools.field', { path: fieldExpression(at) })}
              @dragstart=${this.#onDragStart}
              >${label}</span
            >: ${tree(v, at)}
          </li>`;
        })}
      </ul>`;
    };
    return html`<div class="json-view">${tree(item.json, [])}</div>`;
  }

  #onDragStart = (e: DragEvent): void => {
    const target = e.currentTarget as HTMLElement;
    const path = JSON.parse(target.dataset.path ?? '[]') as (string | number)[];
    const expression = fieldExpression(path);
    e.dataTransfer?.setData(FIELD_DRAG_TYPE, expression);
    e.dataTransfer?.setData('text/plain', `{{ ${expression} }}`);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copy';
  };

  #pinned(ed: EditorActions, tools: DataTools): TemplateResult {
    const { t, store } = ed;
    const node = store.node(this.nodeId)!;
    const pinned = tools.pinned(node.id);
    const ro = store.readonly;
    const editor =
      this.draft === undefined
        ? nothing
        : html`<div class="pin-editor">
            <textarea
              aria-label=${t('dataTools.pinEditor', { name: node.name })}
              aria-invalid=${this.draftError ? 'true' : 'false'}
              spellcheck="false"
              .value=${this.draft}
              @input=${(e: Event) => {
                this.draft = (e.target as HTMLTextAreaElement).value;
                this.draftError = undefined;
              }}
            ></textarea>
            ${this.draftError ? html`<p class="error pin-error" role="alert">${this.draftError}</p>` : nothing}
            <div class="bar">
              <button type="button" class="save-pin" @click=${() => this.#savePin(tools)}>${t('dataTools.savePin')}</button>
              <button type="button" class="cancel-pin" @click=${() => this.#closeDraft()}>${t('dataTools.cancelPin')}</button>
            </div>
          </div>`;
    return html`<div class="pin">
      <div class="head">
        <h3>${t('dataTools.output')}</h3>
        ${pinned ? html`<span class="pinned-badge">${t('dataTools.pinned')}</span>` : nothing}
      </div>
      ${pinned ? html`<p class="muted">${plural(t, langOf(this), pinned.length, { one: 'dataTools.pinnedHelpOne', other: 'dataTools.pinnedHelp' })}</p>` : nothing}
      <div class="bar">
        <button type="button" class="edit-pin" ?disabled=${ro || this.draft !== undefined} @click=${() => this.#openDraft(tools, pinned)}>
          ${pinned ? t('dataTools.editPin') : t('dataTools.pinData')}
        </button>
        ${
          pinned
            ? html`<button type="button" class="unpin" ?disabled=${ro} @click=${() => tools.unpin(node.id)}>
                ${t('dataTools.unpin')}
              </button>`
            : nothing
        }
      </div>
      ${editor}
    </div>`;
  }

  #openDraft(tools: DataTools, pinned: readonly Item[] | undefined): void {
    const run = tools.ed.store.lastRun(this.nodeId);
    const first = run ? (Object.values(run.output)[0] ?? []) : [];
    this.draft = pinJsonText(pinned ?? (first.length > 0 ? first : [{ json: {} }]));
    this.draftError = undefined;
    this.#draftFor = this.nodeId;
  }

  #closeDraft(): void {
    this.draft = undefined;
    this.draftError = undefined;
    this.#draftFor = undefined;
  }

  #savePin(tools: DataTools): void {
    const parsed = parsePinJson(this.draft ?? '');
    if (!parsed.ok) {
      this.draftError = parsed.error;
      return;
    }
    if (tools.pin(this.nodeId, parsed.items)) this.#closeDraft();
  }
}
