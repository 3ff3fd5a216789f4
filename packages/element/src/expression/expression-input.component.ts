import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { Item } from '@flowloom/engine';
import { DataTools } from '../data-tools/data-tools.js';
import { emptyWorkflow } from '../model/editor-store.js';
import {
  expressionCompletions,
  expressionProblems,
  previewExpression,
  quickProblems,
  readsOnlyVars,
  type Completion,
  type CompletionContext,
  type ExpressionProblem,
} from './expression-tools.js';
import { expressionInputStyles } from './expression-input.styles.js';

let counter = 0;
/** One empty list, so that a node without input items keeps the same one from render to render. */
const NO_ITEMS: readonly Item[] = [];

/**
 * A text field for templates: `{{ }}` highlighted, autocomplete inside them
 * (fields of the previous node's output, node names, variables, functions),
 * a live preview for the item picked in the node's input view (the first
 * by default) and errors at their position.
 *
 * @event change - When the text changed (detail-free; read `value`).
 *
 * @tagname wf-expression-input
 */
export class WfExpressionInput extends LitElement {
  static override styles = expressionInputStyles;
  static override properties = {
    value: {},
    label: {},
    nodeId: { attribute: 'node-id' },
    readonly: { type: Boolean },
    open: { state: true },
    active: { state: true },
    problems: { state: true },
    preview: { state: true },
  };
  declare value: string;
  declare label: string;
  declare nodeId: string;
  /** Shown but not editable (a read-only editor, or a parameter the host locked). */
  declare readonly: boolean;
  declare open: boolean;
  declare active: number;
  declare problems: ExpressionProblem[];
  declare preview: { value: unknown } | { error: string } | undefined;
  #checked = '';
  #checkedVars: object | undefined;
  #checkedItems: object | undefined;
  readonly #editor = new EditorConsumer(this);
  readonly #id = `wf-expr-${++counter}`;
  #items: Completion[] = [];
  #from = 0;

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.nodeId = '';
    this.readonly = false;
    this.open = false;
    this.active = 0;
    this.problems = [];
    this.preview = undefined;
  }

  /** What the expression can see: the node's input items from the last run, node outputs, variables. */
  #context(): CompletionContext {
    const store = this.#editor.editor?.store;
    if (!store) return { items: [], workflow: emptyWorkflow(), node: undefined, variables: [], nodeOutput: () => undefined };
    // The node's input as its input view shows it (last run, else pinned data or output of the node before), at the item picked there.
    const tools = DataTools.of(this.#editor.editor!);
    const vars = this.#editor.editor?.vars ?? {};
    const byName = new Map(store.workflow.nodes.map((n) => [n.name, n.id]));
    return {
      items: (tools.input(this.nodeId)?.items ?? NO_ITEMS) as Item[],
      itemIndex: tools.selectedItem(this.nodeId),
      workflow: store.workflow,
      node: store.node(this.nodeId),
      variables: Object.keys(vars),
      vars,
      nodeOutput: (name) => {
        const id = byName.get(name);
        return id ? store.lastRun(id)?.output.main : undefined;
      },
    };
  }

  /** Checks the text with the engine and previews it (both asynchronous), unless already done for this text and data. */
  async #refresh(): Promise<void> {
    const ctx = this.#context();
    const key = `${this.value}\u0000${this.#editor.editor?.store.execution?.id ?? ''}\u0000${ctx.itemIndex ?? 0}`;
    // New variables (loaded, or changed in the Variables panel) and new input items (a step run, pinned data) come as new objects.
    if (key === this.#checked && ctx.vars === this.#checkedVars && ctx.items === this.#checkedItems) return;
    this.#checked = key;
    this.#checkedVars = ctx.vars;
    this.#checkedItems = ctx.items;
    const text = this.value;
    const problems = await expressionProblems(text, ctx.workflow).catch((e: unknown) => [{ message: String(e), from: 0, to: text.length }]);
    const ready = ctx.items.length > 0 || readsOnlyVars(text);
    const preview = problems.length === 0 && text.includes('{{') && ready ? await previewExpression(text, ctx) : undefined;
    if (text !== this.value) return;
    this.problems = problems;
    this.preview = preview;
  }

  override updated(): void {
    void this.#refresh();
  }

  /** Moves the focus into the text (once rendered: await `updateComplete` first). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options);
  }

  /** Where the selection starts in the text (the cursor when nothing is selected). */
  get selectionStart(): number {
    return this.renderRoot.querySelector('textarea')?.selectionStart ?? 0;
  }

  /** Where the selection ends in the text. */
  get selectionEnd(): number {
    return this.renderRoot.querySelector('textarea')?.selectionEnd ?? 0;
  }

  /**
   * Selects part of the text, as a textarea's `setSelectionRange` does;
   * equal ends place the cursor.
   *
   * @example
   * input.focus();
   * input.setSelectionRange(input.value.length, input.value.length); // cursor at the end
   */
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void {
    this.renderRoot.querySelector('textarea')?.setSelectionRange(start, end, direction);
  }

  override render(): TemplateResult {
    const t = this.#editor.editor?.t;
    const quick = quickProblems(this.value);
    const problems = quick.length > 0 ? quick : this.problems;
    const preview = this.preview;
    const previewText =
      preview === undefined
        ? (t?.('expression.noPreview') ?? '')
        : 'error' in preview
          ? preview.error
          : `= ${JSON.stringify(preview.value)}`;
    return html`
      <div class="field ${problems.length ? 'invalid' : ''}">
        <pre aria-hidden="true">${this.#highlight(this.value, problems)}&#8203;</pre>
        <textarea
          id=${this.#id}
          rows="1"
          spellcheck="false"
          aria-label=${this.label}
          aria-autocomplete="list"
          aria-controls=${`${this.#id}-list`}
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-invalid=${problems.length ? 'true' : 'false'}
          ?readonly=${this.readonly}
          .value=${this.value}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
          @blur=${() => setTimeout(() => (this.open = false), 150)}
          @scroll=${(e: Event) => {
            const pre = this.renderRoot.querySelector('pre');
            if (pre) pre.scrollTop = (e.target as HTMLTextAreaElement).scrollTop;
          }}
        ></textarea>
      </div>
      ${
        this.open && this.#items.length
          ? html`<ul id=${`${this.#id}-list`} role="listbox" aria-label=${t?.('expression.suggestions') ?? ''}>
              ${this.#items.map(
                (c, i) =>
                  html`<li role="option" aria-selected=${i === this.active ? 'true' : 'false'} @mousedown=${(e: Event) => this.#pick(e, c)}>
                    <span class="label">${c.label}</span>${c.detail ? html`<span class="detail">${c.detail}</span>` : nothing}${
                      c.info ? html`<span class="info">${c.info}</span>` : nothing
                    }
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${problems.map((p) => html`<div class="problem" role="alert">${p.message} (${p.from + 1})</div>`)}
      ${
        this.value.includes('{{') && problems.length === 0
          ? html`<div class="preview" aria-live="polite" title=${t?.('expression.preview') ?? ''}>${previewText}</div>`
          : nothing
      }
    `;
  }

  #highlight(text: string, problems: { from: number; to: number }[]): TemplateResult[] {
    const parts: TemplateResult[] = [];
    const re = /\{\{[\s\S]*?(\}\}|$)/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') break;
      if (m.index > last) parts.push(html`${text.slice(last, m.index)}`);
      const bad = problems.some((p) => p.from < m!.index + m![0].length && p.to > m!.index);
      parts.push(html`<span class="expr ${bad ? 'bad' : ''}">${m[0]}</span>`);
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(html`${text.slice(last)}`);
    return parts;
  }

  #suggest(area: HTMLTextAreaElement): void {
    const { from, items } = expressionCompletions(area.value, area.selectionStart, this.#context());
    this.#from = from;
    this.#items = items;
    this.active = 0;
    this.open = items.length > 0;
  }

  #onInput = (e: Event) => {
    const area = e.target as HTMLTextAreaElement;
    this.value = area.value;
    this.#suggest(area);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  #onKeyDown = (e: KeyboardEvent) => {
    const area = e.target as HTMLTextAreaElement;
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      this.#suggest(area);
      return;
    }
    if (!this.open) return;
    if (e.key === 'ArrowDown') this.active = (this.active + 1) % this.#items.length;
    else if (e.key === 'ArrowUp') this.active = (this.active - 1 + this.#items.length) % this.#items.length;
    else if (e.key === 'Enter' || e.key === 'Tab') this.#pick(e, this.#items[this.active]!);
    else if (e.key === 'Escape') this.open = false;
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  #pick(e: Event, c: Completion): void {
    e.preventDefault();
    const area = this.renderRoot.querySelector('textarea')!;
    const cursor = area.selectionStart;
    const value = area.value.slice(0, this.#from) + c.insert + area.value.slice(cursor);
    this.value = value;
    area.value = value;
    const at = this.#from + c.insert.length;
    area.setSelectionRange(at, at);
    this.open = false;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}
