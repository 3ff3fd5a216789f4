import { REDACTED, type CredentialView } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isCredentialAdmin, type CredentialCheck } from '../../credentials/credential-admin.js';
import type { CredentialSource, CredentialTypeForm } from '../../credentials/credential-source.js';
import { translator, type Translate } from '../../i18n/translate.js';
import { defaultsOf, fieldLabel, isShown, unwrap, type FieldSchema } from '../../inspector/schema-field.js';
import { controlOf, credentialInput, type CredentialField } from './credential-fields.js';

type Issue = { path: string; message: string };

/** The form's own fields, besides the credential type's. */
const FORM_FIELDS = new Set(['name', 'type']);

let counter = 0;

/**
 * A credential's form, generated from its type: a new credential (of the
 * type a node's slot names, or of a type the user picks), or a saved one to
 * edit. Secret fields are write-only: a saved secret is never filled in, and
 * left blank it keeps its value. **Test** tries the values typed before they
 * are saved; **Create** or **Save** hands them to the source. The node
 * inspector and the "Connected accounts" panel show the same form.
 *
 * It renders into its own children, not a shadow root, so it takes the
 * styles of the part that shows it (`credentialFormStyles`).
 *
 * @tagname wf-credential-form
 */
export class WfCredentialForm extends LitElement {
  static override properties = {
    source: { attribute: false },
    types: { attribute: false },
    fixedType: { attribute: false },
    credential: { attribute: false },
    t: { attribute: false },
    type: { state: true },
    name: { state: true },
    data: { state: true },
    busy: { state: true },
    error: { state: true },
    issues: { state: true },
    testing: { state: true },
    check: { state: true },
  };
  /** Where the credential is created or updated, and tested. */
  declare source: CredentialSource | undefined;
  declare types: readonly CredentialTypeForm[];
  /** The type a node's slot takes: no type to choose. */
  declare fixedType: string | undefined;
  /** The saved credential being edited (masked); none for a new one. */
  declare credential: CredentialView | undefined;
  declare t: Translate | undefined;
  /** Called with the saved credential (masked). */
  onSaved: ((credential: CredentialView) => void) | undefined;
  onCancel: (() => void) | undefined;
  declare type: string;
  declare name: string;
  declare data: Record<string, unknown>;
  declare busy: boolean;
  declare error: string | undefined;
  declare issues: readonly Issue[];
  declare testing: boolean;
  declare check: (CredentialCheck & { savedOnly?: boolean }) | undefined;
  readonly #prefix = `wf-credform-${++counter}`;
  /** Saved secret fields: blank means keep. */
  #kept = new Set<string>();
  /** What the form held when it opened, to tell whether it changed. */
  #initial = '';

  constructor() {
    super();
    this.types = [];
    this.type = '';
    this.name = '';
    this.data = {};
    this.busy = false;
    this.issues = [];
    this.testing = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('credential') || changed.has('fixedType') || (changed.has('types') && !this.type)) this.#reset();
  }

  #reset(): void {
    const saved = this.credential;
    this.type = saved?.type ?? this.fixedType ?? this.types[0]?.name ?? '';
    this.name = saved?.name ?? '';
    this.#kept = new Set(Object.entries(saved?.data ?? {}).flatMap(([k, v]) => (v === REDACTED ? [k] : [])));
    this.data = Object.fromEntries(Object.entries(saved?.data ?? {}).filter(([, v]) => v !== REDACTED));
    this.#initial = this.#snapshot();
    this.issues = [];
    this.error = undefined;
    this.check = undefined;
  }

  #snapshot(): string {
    return JSON.stringify([this.type, this.name, this.data]);
  }

  override render(): TemplateResult {
    const t = this.#t;
    const editing = this.credential;
    const type = this.types.find((x) => x.name === this.type);
    const schema = (type?.properties ?? {}) as FieldSchema;
    const defaults = defaultsOf(schema);
    const required = new Set(schema.required ?? []);
    const values = { ...defaults, ...this.data };
    const fields = Object.entries(schema.properties ?? {}).filter(([, s]) => isShown(s, values, defaults));
    // A refusal no field shows (of a hidden field, or of the whole data) is told as a sentence.
    const shown = ['name', ...fields.map(([key]) => `data.${key}`)];
    const unplaced = this.issues.some((i) => !shown.some((p) => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`)));
    const title = editing
      ? t('accounts.editTitle', { name: editing.name })
      : t('credentials.newTitle', { type: type?.displayName ?? this.type });
    return html`<form
      class="draft"
      aria-label=${title}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.#save();
      }}
    >
      <p class="form-title">${title}</p>
      ${
        this.fixedType || editing
          ? nothing
          : html`<div class="field" data-field="type">
              <label for=${`${this.#prefix}-type`}>${t('credentials.type')}</label>
              <select id=${`${this.#prefix}-type`} @change=${(e: Event) => this.#setType((e.target as HTMLSelectElement).value)}>
                ${this.types.map((x) => html`<option value=${x.name} ?selected=${x.name === this.type}>${x.displayName}</option>`)}
              </select>
            </div>`
      }
      ${type?.description ? html`<p class="help type-help">${type.description}</p>` : nothing}
      ${this.#field(
        'name',
        t('credentials.name'),
        html`<input
          id=${`${this.#prefix}-name`}
          type="text"
          required
          .value=${this.name}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
        />`,
      )}
      ${fields.map(([key, raw]) => {
        const s = unwrap(raw) as CredentialField;
        const kept = s.secret && this.#kept.has(key) ? t('credentialForm.secretKept') : undefined;
        const control = credentialInput({
          id: this.#dataId(key),
          schema: s,
          value: values[key],
          required: required.has(key) && s.default === undefined,
          kept,
          set: (v) => this.#set(key, v),
          invalid: (message) => this.#setIssue(`data.${key}`, message),
        });
        const help = [s.description, controlOf(s) === 'lines' ? t('credentials.onePerLine') : ''].filter(Boolean).join(' ');
        return this.#field(`data.${key}`, fieldLabel(key, schema.properties?.[key] ?? {}), control, help);
      })}
      ${this.error && (this.issues.length === 0 || unplaced) ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="test-result ${this.check ? (this.check.ok ? 'ok' : 'failed') : ''}" role="status">${this.#result(t)}</p>
      <div class="row actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>
          ${editing ? t('credentialForm.save') : t('credentials.create')}
        </button>
        ${
          type?.testable === false
            ? nothing
            : html`<button type="button" class="test" ?disabled=${this.busy || this.testing} @click=${() => void this.#test()}>
                ${this.testing ? t('credentialForm.testing') : t('credentialForm.test')}
              </button>`
        }
        <button type="button" @click=${() => this.onCancel?.()}>${t('credentials.cancel')}</button>
      </div>
    </form>`;
  }

  /**
   * The id of a data field's control. Data fields may share a name with the
   * form's own fields (an API key's header `name`), so they have ids of their own.
   */
  #dataId(key: string): string {
    return `${this.#prefix}-data-${key}`;
  }

  /**
   * A labelled field with its help and the refusals of its path: `name` (the
   * credential's own) or `data.<key>`. It is marked `data-field="<key>"`, or
   * `data-field="data.<key>"` for a data field named like a field of the form.
   */
  #field(path: string, label: string, control: TemplateResult, help?: string): TemplateResult {
    const key = path.startsWith('data.') ? path.slice(5) : path;
    const mark = path.startsWith('data.') && FORM_FIELDS.has(key) ? path : key;
    const id = path.startsWith('data.') ? this.#dataId(key) : `${this.#prefix}-${key}`;
    const issues = this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));
    return html`<div class="field" data-field=${mark}>
      <label for=${id}>${label}</label>
      ${control} ${help ? html`<span class="help">${help}</span>` : nothing}
      ${issues.map((i) => html`<span class="error" role="alert">${i.message}</span>`)}
    </div>`;
  }

  get #t(): Translate {
    return this.t ?? translator('en');
  }

  #result(t: Translate): string {
    const check = this.check;
    if (this.testing) return t('credentialForm.testing');
    if (!check) return '';
    if (check.savedOnly) return t('credentialForm.testSavedOnly');
    if (check.connectFirst) return t('credentialForm.testConnectFirst');
    if (check.ok) return `✓ ${t('credentialForm.testOk')} ${check.message}`;
    return `✗ ${t('credentialForm.testFailed')} ${check.message}${check.reconnect ? ` ${t('credentialForm.testReconnect')}` : ''}`;
  }

  #setType(type: string): void {
    this.type = type;
    this.data = {};
    this.issues = [];
    this.check = undefined;
  }

  #set(key: string, value: unknown): void {
    const data = { ...this.data };
    if (value === undefined) delete data[key];
    else data[key] = value;
    this.data = data;
    this.check = undefined;
  }

  #setIssue(path: string, message: string | undefined): void {
    this.issues = [...this.issues.filter((i) => i.path !== path), ...(message ? [{ path, message }] : [])];
  }

  /** The data to send: for a saved credential, blank secrets say "keep" and cleared fields are removed. */
  #payload(): Record<string, unknown> {
    const data: Record<string, unknown> = { ...this.data };
    if (!this.credential) return data;
    for (const key of this.#kept) if (data[key] === undefined) data[key] = REDACTED;
    for (const key of Object.keys(this.credential.data)) if (!(key in data)) data[key] = undefined;
    return data;
  }

  async #save(): Promise<void> {
    const source = this.source;
    const t = this.#t;
    if (!source || this.busy) return;
    const name = this.name.trim();
    if (!name) {
      this.issues = [{ path: 'name', message: t('credentialForm.nameRequired') }];
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const editing = this.credential;
      let saved: CredentialView;
      if (editing && isCredentialAdmin(source)) saved = await source.update(editing.id, { name, data: this.#payload() });
      else saved = await source.create({ name, type: this.type, data: this.data });
      this.busy = false;
      this.onSaved?.(saved);
    } catch (error) {
      this.busy = false;
      this.#refused(error);
    }
  }

  async #test(): Promise<void> {
    const source = this.source;
    const admin = isCredentialAdmin(source) ? source : undefined;
    this.check = undefined;
    this.error = undefined;
    this.issues = this.issues.filter((i) => !i.path.startsWith('data.') && i.path !== 'name');
    const editing = this.credential;
    const changed = this.#snapshot() !== this.#initial;
    if (!admin?.testDraft && !(admin && editing && !changed)) {
      this.check = { ok: false, message: '', savedOnly: true };
      return;
    }
    this.testing = true;
    try {
      const draft = { type: this.type, name: this.name.trim(), data: this.#payload() };
      this.check = admin.testDraft ? await admin.testDraft(draft, editing?.id) : await admin.test(editing!.id);
    } catch (error) {
      this.#refused(error);
    } finally {
      this.testing = false;
    }
  }

  /** Shows a refusal: under each field it names, else as a sentence. */
  #refused(error: unknown): void {
    const issues = (error as { issues?: unknown }).issues;
    this.issues = Array.isArray(issues) ? (issues as Issue[]) : [];
    this.error = messageOf(error);
  }
}

/** What to show of a refusal: the server's own sentence when it gave one. */
export function messageOf(error: unknown): string {
  const server = (error as { serverMessage?: unknown }).serverMessage;
  if (typeof server === 'string') return server;
  return error instanceof Error ? error.message : String(error);
}
