import type { LoadedOption } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import { optionsInputStyles } from './options-input.styles.js';

let counter = 0;

/** Where a field's choices stand; `key` is the dependencies they were loaded for. */
type ChoicesState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; options: readonly LoadedOption[] }
  | { status: 'error'; key: string; message: string };

/**
 * A text field offering choices from the service (the tables of a base, the
 * fields of a table) through the node type's `loadOptions` method. They load
 * when the field gets focus or on the reload button, and again when a
 * parameter they depend on (or the node's credential) changes. The list
 * shows labels and descriptions, filters as the user types and writes the
 * choice's value; free text is still taken.
 *
 * @event change - When the value changed (detail-free; read `value`).
 *
 * @tagname wf-options-input
 */
export class WfOptionsInput extends LitElement {
  static override styles = optionsInputStyles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    value: {},
    label: {},
    nodeId: { attribute: 'node-id' },
    method: {},
    dependsOn: { attribute: false },
    placeholder: {},
    readonly: { type: Boolean },
    required: { type: Boolean },
    invalid: { type: Boolean },
    open: { state: true },
    active: { state: true },
    query: { state: true },
    state: { state: true },
  };
  declare value: string;
  declare label: string;
  declare nodeId: string;
  /** The name of the node type's `loadOptions` method. */
  declare method: string;
  /** Top-level parameters the choices depend on (the hint's `loadOptionsDependsOn`). */
  declare dependsOn: readonly string[];
  declare placeholder: string;
  declare readonly: boolean;
  declare required: boolean;
  declare invalid: boolean;
  declare open: boolean;
  declare active: number;
  /** What the user typed since the list opened: filters the list. */
  declare query: string;
  declare state: ChoicesState;
  readonly #editor = new EditorConsumer(this);
  readonly #id = `wf-options-${++counter}`;
  #controller: AbortController | undefined;

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.nodeId = '';
    this.method = '';
    this.dependsOn = [];
    this.placeholder = '';
    this.readonly = false;
    this.required = false;
    this.invalid = false;
    this.open = false;
    this.active = -1;
    this.query = '';
    this.state = { status: 'idle' };
  }

  /** Loads the choices again, with the node's current parameters and credentials. */
  reload(): void {
    const ed = this.#editor.editor;
    if (!ed || !this.method) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const key = this.#dependencies();
    this.state = { status: 'loading', key };
    ed.loadOptions(this.nodeId, this.method, controller.signal).then(
      (options) => {
        if (this.#controller !== controller) return;
        this.state = { status: 'ready', key, options };
        this.active = -1;
      },
      (err: unknown) => {
        if (this.#controller !== controller || controller.signal.aborted) return;
        this.state = { status: 'error', key, message: err instanceof Error ? err.message : String(err) };
      },
    );
  }

  /** The values the choices depend on, as a comparable string. */
  #dependencies(): string {
    const node = this.#editor.editor?.store.node(this.nodeId);
    if (!node) return '';
    return JSON.stringify([this.dependsOn.map((k) => node.parameters[k] ?? null), node.credentials ?? null]);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // Reused for another node's or another method's field: start over.
    if (changed.has('nodeId') || changed.has('method')) {
      this.#controller?.abort();
      this.#controller = undefined;
      this.state = { status: 'idle' };
      this.open = false;
    }
    if (this.state.status !== 'idle' && this.state.key !== this.#dependencies()) this.reload();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('active') && this.active >= 0)
      this.renderRoot.querySelector(`#${this.#id}-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
    this.#controller = undefined;
    this.state = { status: 'idle' };
  }

  /** The loaded choices that match what the user typed. */
  #visible(): readonly LoadedOption[] {
    if (this.state.status !== 'ready') return [];
    const q = this.query.trim().toLowerCase();
    if (!q) return this.state.options;
    return this.state.options.filter((o) => `${o.label}\n${String(o.value)}\n${o.description ?? ''}`.toLowerCase().includes(q));
  }

  override render(): TemplateResult {
    const t = this.#editor.editor?.t;
    const state = this.state;
    const visible = this.#visible();
    const listId = `${this.#id}-list`;
    const expanded = this.open && state.status === 'ready';
    const chosen = state.status === 'ready' ? state.options.find((o) => String(o.value) === this.value) : undefined;
    const reloadLabel = t?.('inspector.choicesReload', { name: this.label }) ?? '';
    return html`
      <div class="row">
        <input
          id=${this.#id}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-label=${this.label}
          aria-autocomplete="list"
          aria-controls=${listId}
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-activedescendant=${expanded && this.active >= 0 ? `${this.#id}-${this.active}` : nothing}
          aria-busy=${state.status === 'loading' ? 'true' : 'false'}
          aria-invalid=${this.invalid || state.status === 'error' ? 'true' : 'false'}
          .value=${this.value}
          placeholder=${this.placeholder}
          ?readonly=${this.readonly}
          ?required=${this.required}
          @focus=${this.#onFocus}
          @blur=${() => (this.open = false)}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.active = -1;
            this.open = !this.readonly;
          }}
          @change=${(e: Event) => this.#commit((e.target as HTMLInputElement).value)}
          @keydown=${this.#onKeyDown}
        />
        <button
          type="button"
          class="reload"
          title=${reloadLabel}
          aria-label=${reloadLabel}
          ?disabled=${this.readonly || state.status === 'loading'}
          @click=${() => {
            this.reload();
            this.renderRoot.querySelector('input')?.focus();
          }}
        >
          ↻
        </button>
        ${
          expanded
            ? html`<div class="popup" @mousedown=${(e: Event) => e.preventDefault()}>
                ${
                  visible.length === 0
                    ? html`<p class="status">${state.options.length ? t?.('inspector.choicesNoMatch') : t?.('inspector.choicesEmpty')}</p>`
                    : nothing
                }
                <ul
                  ?hidden=${visible.length === 0}
                  role="listbox"
                  id=${listId}
                  aria-label=${t?.('inspector.choices', { name: this.label }) ?? ''}
                >
                  ${visible.map(
                    (o, i) =>
                      html`<li
                        id=${`${this.#id}-${i}`}
                        role="option"
                        title=${String(o.value)}
                        aria-selected=${i === this.active ? 'true' : 'false'}
                        @mousedown=${(e: Event) => this.#pick(e, o)}
                      >
                        <span class="label">${o.label}</span
                        >${o.description ? html`<span class="description">${o.description}</span>` : nothing}
                      </li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
      </div>
      ${state.status === 'loading' ? html`<span class="status" role="status">${t?.('inspector.choicesLoading')}</span>` : nothing}
      ${chosen && chosen.label !== this.value ? html`<span class="chosen">${chosen.label}</span>` : nothing}
      ${state.status === 'error' ? html`<span class="error" role="alert">${state.message}</span>` : nothing}
    `;
  }

  #onFocus = () => {
    if (this.readonly) return;
    this.query = '';
    this.active = -1;
    this.open = true;
    if (this.state.status === 'idle' || this.state.status === 'error') this.reload();
  };

  #onKeyDown = (e: KeyboardEvent) => {
    const count = this.#visible().length;
    if (e.key === 'ArrowDown' && !this.open && !this.readonly) {
      this.open = true;
      this.active = count > 0 ? 0 : -1;
    } else if (!this.open || count === 0) return;
    else if (e.key === 'ArrowDown') this.active = (this.active + 1) % count;
    else if (e.key === 'ArrowUp') this.active = (this.active - 1 + count) % count;
    else if (e.key === 'Enter' && this.active >= 0) this.#pick(e, this.#visible()[this.active]!);
    else if (e.key === 'Escape') this.open = false;
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  #pick(e: Event, option: LoadedOption): void {
    e.preventDefault();
    const value = String(option.value);
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = value;
    this.open = false;
    this.query = '';
    this.#commit(value);
  }

  #commit(value: string): void {
    if (value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}
