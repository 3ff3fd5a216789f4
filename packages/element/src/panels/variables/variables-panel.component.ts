import type { Variable, VariableType } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { EditorConsumer } from '../../controllers/editor-consumer.js';
import type { EditorActions } from '../../editor-actions.js';
import { messageOf } from '../credentials/credential-form.component.js';
import type { VariableSource } from './variable-source.js';
import { parseValue, valueSummary, valueText } from './variable-value.js';
import { variablesPanelStyles } from './variables-panel.styles.js';

type Scope = 'workflow' | 'tenant';

/** A variable being created (no `original`) or changed. */
interface Draft {
  original?: { key: string; scope: Scope };
  key: string;
  scope: Scope;
  type: VariableType;
  text: string;
  busy: boolean;
  error?: string;
}

const TYPES: readonly VariableType[] = ['string', 'number', 'boolean', 'json'];
let counter = 0;

/**
 * "Variables": the `$vars` of the workflow open in the editor (its own) and
 * of every workflow (the tenant's), with search, create, edit and delete.
 * A workflow's own variable overrides the tenant's of the same key, as in a
 * run. Works with the editor's variable source: the engine in the page or a
 * Flowloom server.
 *
 * @tagname wf-variables-panel
 */
export class WfVariablesPanel extends LitElement {
  static override styles = variablesPanelStyles;
  static override properties = {
    own: { state: true },
    tenant: { state: true },
    loadError: { state: true },
    query: { state: true },
    draft: { state: true },
    deleting: { state: true },
  };
  declare own: readonly Variable[] | undefined;
  declare tenant: readonly Variable[] | undefined;
  declare loadError: string | undefined;
  declare query: string;
  declare draft: Draft | undefined;
  /** `scope:key` of the variable whose deletion waits for confirmation. */
  declare deleting: string | undefined;
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-vars-${++counter}`;
  /** What the lists were loaded for: the source, its revision and the workflow. */
  #loaded: { source: VariableSource; revision: number; workflowId: string } | undefined;

  constructor() {
    super();
    this.query = '';
  }

  override willUpdate(): void {
    const ed = this.#editor.editor;
    const source = ed?.variables;
    const workflowId = ed?.store.workflow.id ?? '';
    const loaded = this.#loaded;
    if (!source) {
      this.#loaded = undefined;
      return;
    }
    if (loaded?.source === source && loaded.revision === source.revision && loaded.workflowId === workflowId) return;
    if (loaded?.source !== source || loaded.workflowId !== workflowId) {
      this.own = undefined;
      this.tenant = undefined;
      this.draft = undefined;
    }
    this.#loaded = { source, revision: source.revision, workflowId };
    void this.#load(source, workflowId);
  }

  async #load(source: VariableSource, workflowId: string): Promise<void> {
    try {
      const [own, tenant] = await Promise.all([source.list({ workflowId }), source.list({})]);
      if (this.#loaded?.source !== source || this.#loaded.workflowId !== workflowId) return;
      this.own = own;
      this.tenant = tenant;
      this.loadError = undefined;
    } catch (error) {
      if (this.#loaded?.source === source) this.loadError = messageOf(error);
    }
  }

  /** Moves the focus to the search field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('input[type="search"]')?.focus(options);
  }

  override render(): TemplateResult {
    const ed = this.#editor.editor;
    if (!ed?.variables) return html`<p class="empty">${ed?.t('variables.unavailable') ?? ''}</p>`;
    const { t } = ed;
    const ownKeys = new Set((this.own ?? []).map((v) => v.key));
    return html`<div class="bar">
        <input
          type="search"
          aria-label=${t('variables.search')}
          placeholder=${t('variables.search')}
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
        <button type="button" class="primary new" ?disabled=${ed.store.readonly} @click=${() => this.#startNew()}>
          ${t('variables.new')}
        </button>
      </div>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.draft && !this.draft.original ? this.#form(ed, this.draft) : nothing}
      ${this.#section(ed, 'workflow', this.own, t('variables.workflowHelp', { name: ed.store.workflow.name }), ownKeys)}
      ${this.#section(ed, 'tenant', this.tenant, t('variables.tenantHelp'), ownKeys)}`;
  }

  #section(ed: EditorActions, scope: Scope, list: readonly Variable[] | undefined, help: string, ownKeys: Set<string>): TemplateResult {
    const { t } = ed;
    const id = `${this.#prefix}-${scope}`;
    const query = this.query.trim().toLowerCase();
    const shown = (list ?? []).filter(
      (v) => !query || v.key.toLowerCase().includes(query) || valueSummary(v.value).toLowerCase().includes(query),
    );
    let body: TemplateResult;
    if (!list) body = html`<p class="empty" role="status">${this.loadError ? '' : t('variables.loading')}</p>`;
    else if (list.length === 0) body = html`<p class="empty">${t('variables.empty')}</p>`;
    else if (shown.length === 0) body = html`<p class="empty">${t('variables.noMatch', { query: this.query.trim() })}</p>`;
    else
      body = html`<table aria-labelledby=${id}>
        <thead>
          <tr>
            <th scope="col">${t('variables.key')}</th>
            <th scope="col">${t('variables.type')}</th>
            <th scope="col">${t('variables.value')}</th>
            <th scope="col">${t('variables.updated')}</th>
            <th scope="col"><span class="visually-hidden">${t('variables.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            shown,
            (v) => v.key,
            (v) => this.#row(ed, scope, v, scope === 'tenant' && ownKeys.has(v.key)),
          )}
        </tbody>
      </table>`;
    return html`<section class="scope" data-scope=${scope}>
      <h3 id=${id}>${scope === 'workflow' ? t('variables.workflowScope') : t('variables.tenantScope')}</h3>
      <p class="help">${help}</p>
      ${body}
    </section>`;
  }

  #row(ed: EditorActions, scope: Scope, variable: Variable, overridden: boolean): TemplateResult {
    const { t } = ed;
    const draft = this.draft;
    if (draft?.original?.key === variable.key && draft.original.scope === scope) {
      return html`<tr data-variable=${variable.key}>
        <td colspan="5">${this.#form(ed, draft)}</td>
      </tr>`;
    }
    const ro = ed.store.readonly;
    const on = (action: string) => t('panels.on', { action, name: variable.key });
    const id = `${scope}:${variable.key}`;
    return html`<tr data-variable=${variable.key} class=${overridden ? 'overridden' : ''}>
      <td class="key">
        <code>${variable.key}</code>
        ${overridden ? html`<span class="note">${t('variables.overridden')}</span>` : nothing}
      </td>
      <td class="type">${t(`variables.type.${variable.type}`)}</td>
      <td class="value"><code>${valueSummary(variable.value)}</code></td>
      <td class="updated">
        ${variable.updatedAt ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(variable.updatedAt)) : ''}
      </td>
      <td class="actions">
        ${
          this.deleting === id
            ? html`<span class="confirm-inline" role="group" aria-label=${t('variables.deleteConfirm', { key: variable.key })}>
                <span>${t('variables.deleteConfirm', { key: variable.key })}</span>
                <button type="button" class="danger" @click=${() => void this.#delete(ed, scope, variable.key)}>
                  ${t('variables.deleteYes')}
                </button>
                <button type="button" class="keep" @click=${() => (this.deleting = undefined)}>${t('variables.deleteNo')}</button>
              </span>`
            : html`<button
                  type="button"
                  class="edit"
                  aria-label=${on(t('variables.edit'))}
                  ?disabled=${ro}
                  @click=${() => this.#startEdit(scope, variable)}
                >
                  ${t('variables.edit')}
                </button>
                <button
                  type="button"
                  class="delete"
                  aria-label=${on(t('variables.delete'))}
                  ?disabled=${ro}
                  @click=${() => this.#askDelete(id)}
                >
                  ${t('variables.delete')}
                </button>`
        }
      </td>
    </tr>`;
  }

  #form(ed: EditorActions, draft: Draft): TemplateResult {
    const { t } = ed;
    const id = (name: string) => `${this.#prefix}-draft-${name}`;
    const set = (patch: Partial<Draft>) => (this.draft = { ...this.draft!, ...patch, error: undefined });
    return html`<form
      class="variable-form"
      aria-label=${draft.original ? t('panels.on', { action: t('variables.edit'), name: draft.original.key }) : t('variables.new')}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.#save(ed);
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        // Escape closes the form, not the panel.
        e.stopPropagation();
        this.#cancel();
      }}
    >
      <div class="fields">
        <label for=${id('key')}>${t('variables.key')}</label>
        <input
          id=${id('key')}
          type="text"
          spellcheck="false"
          autocomplete="off"
          .value=${draft.key}
          ?readonly=${draft.original !== undefined}
          @input=${(e: Event) => set({ key: (e.target as HTMLInputElement).value })}
        />
        ${
          draft.original
            ? nothing
            : html`<label for=${id('scope')}>${t('variables.scope')}</label>
                <select id=${id('scope')} @change=${(e: Event) => set({ scope: (e.target as HTMLSelectElement).value as Scope })}>
                  <option value="workflow" ?selected=${draft.scope === 'workflow'}>${t('variables.workflowScope')}</option>
                  <option value="tenant" ?selected=${draft.scope === 'tenant'}>${t('variables.tenantScope')}</option>
                </select>`
        }
        <label for=${id('type')}>${t('variables.type')}</label>
        <select id=${id('type')} @change=${(e: Event) => set({ type: (e.target as HTMLSelectElement).value as VariableType })}>
          ${TYPES.map((type) => html`<option value=${type} ?selected=${type === draft.type}>${t(`variables.type.${type}`)}</option>`)}
        </select>
        <label for=${id('value')}>${t('variables.value')}</label>
        ${this.#valueInput(id('value'), draft, (text) => set({ text }))}
      </div>
      ${draft.key ? html`<p class="help">${t('variables.usage', { expression: `{{ $vars.${draft.key} }}` })}</p>` : nothing}
      ${draft.error ? html`<p class="error" role="alert">${draft.error}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${draft.busy}>${t('variables.save')}</button>
        <button type="button" @click=${() => this.#cancel()}>${t('variables.cancel')}</button>
      </div>
    </form>`;
  }

  #valueInput(id: string, draft: Draft, set: (text: string) => void): TemplateResult {
    switch (draft.type) {
      case 'boolean':
        return html`<input
          id=${id}
          type="checkbox"
          .checked=${draft.text === 'true'}
          @change=${(e: Event) => set(String((e.target as HTMLInputElement).checked))}
        />`;
      case 'json':
        return html`<textarea
          id=${id}
          spellcheck="false"
          .value=${draft.text}
          @input=${(e: Event) => set((e.target as HTMLTextAreaElement).value)}
        ></textarea>`;
      default:
        return html`<input
          id=${id}
          type=${draft.type === 'number' ? 'number' : 'text'}
          step="any"
          .value=${draft.text}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        />`;
    }
  }

  #startNew(): void {
    this.draft = { key: '', scope: 'workflow', type: 'string', text: '', busy: false };
    this.#focusForm('input');
  }

  #startEdit(scope: Scope, variable: Variable): void {
    this.draft = {
      original: { key: variable.key, scope },
      key: variable.key,
      scope,
      type: variable.type,
      text: valueText(variable.value, variable.type),
      busy: false,
    };
    this.#focusForm('select, textarea, input:not([readonly])');
  }

  #focusForm(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.variable-form ${selector}`)?.focus());
  }

  #cancel(): void {
    const original = this.draft?.original;
    this.draft = undefined;
    void this.updateComplete.then(() =>
      (original
        ? this.renderRoot.querySelector<HTMLElement>(
            `[data-scope="${original.scope}"] tr[data-variable="${CSS.escape(original.key)}"] .edit`,
          )
        : this.renderRoot.querySelector<HTMLElement>('.bar .new')
      )?.focus(),
    );
  }

  #askDelete(id: string): void {
    this.deleting = id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm-inline .keep')?.focus());
  }

  async #save(ed: EditorActions): Promise<void> {
    const source = ed.variables;
    const draft = this.draft;
    if (!source || !draft || draft.busy) return;
    const key = draft.key.trim();
    if (!key) return void (this.draft = { ...draft, error: ed.t('variables.keyRequired') });
    const parsed = parseValue(draft.text, draft.type);
    if ('problem' in parsed) {
      this.draft = { ...draft, error: ed.t(parsed.problem, 'message' in parsed ? { message: parsed.message } : {}) };
      return;
    }
    this.draft = { ...draft, busy: true };
    try {
      const workflowId = draft.scope === 'workflow' ? ed.store.workflow.id : undefined;
      await source.set(key, parsed.value, { type: draft.type, ...(workflowId ? { workflowId } : {}) });
      this.draft = undefined;
      ed.store.announce(ed.t('variables.saved', { key }));
      ed.store.notify();
    } catch (error) {
      this.draft = { ...draft, busy: false, error: messageOf(error) };
    }
  }

  async #delete(ed: EditorActions, scope: Scope, key: string): Promise<void> {
    const source = ed.variables;
    if (!source) return;
    try {
      await source.delete(key, scope === 'workflow' ? { workflowId: ed.store.workflow.id } : {});
      this.deleting = undefined;
      ed.store.announce(ed.t('variables.deleted', { key }));
      ed.store.notify();
      this.focus();
    } catch (error) {
      this.deleting = undefined;
      this.loadError = messageOf(error);
    }
  }
}
