import type { CredentialView, WorkflowNode } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { CredentialSource, CredentialTypeForm } from '../credentials/credential-source.js';
import type { EditorActions } from '../editor-actions.js';
import { defaultsOf, fieldLabel, fieldOptions, isShown, unwrap, type FieldSchema } from './schema-field.js';
import { nodeCredentialsStyles } from './node-credentials.styles.js';

type Slot = { name: string; type: string; required: boolean };
type CredentialField = FieldSchema & { secret?: boolean };

/** A credential being created: the slot it is for, its type, what the user typed, and the source's refusal. */
interface Draft {
  slot: string;
  type: string;
  name: string;
  data: Record<string, unknown>;
  busy: boolean;
  error?: string;
  issues: readonly { path: string; message: string }[];
}

let counter = 0;

/**
 * The credentials of the selected node, one field per credential slot of its
 * type: pick an existing credential, create one with a form generated from
 * its type, or connect an OAuth2 account in a popup. Shown when the editor
 * has a credential source (a Flowloom server); secrets go to the source and
 * never come back.
 *
 * @tagname wf-node-credentials
 */
export class WfNodeCredentials extends LitElement {
  static override styles = nodeCredentialsStyles;
  static override properties = {
    nodeId: { attribute: 'node-id' },
    credentials: { state: true },
    types: { state: true },
    loadError: { state: true },
    draft: { state: true },
    connecting: { state: true },
    slotErrors: { state: true },
  };
  /** The node whose credentials are shown. */
  declare nodeId: string;
  declare credentials: readonly CredentialView[] | undefined;
  declare types: readonly CredentialTypeForm[] | undefined;
  declare loadError: string | undefined;
  declare draft: Draft | undefined;
  /** The slot whose OAuth2 account is being connected. */
  declare connecting: string | undefined;
  declare slotErrors: ReadonlyMap<string, string>;
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-cred-${++counter}`;
  #source: CredentialSource | undefined;

  constructor() {
    super();
    this.nodeId = '';
    this.slotErrors = new Map();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const source = this.#editor.editor?.credentials;
    if (source !== this.#source) {
      this.#source = source;
      this.credentials = undefined;
      this.types = undefined;
      if (source) void this.#load(source);
    }
    if (changed.has('nodeId')) {
      this.draft = undefined;
      this.slotErrors = new Map();
    }
    // Takes no room in the inspector when there is nothing to show.
    const node = this.#editor.editor?.store.node(this.nodeId);
    const slots = node ? (this.#editor.editor?.store.describe(node.type)?.credentials.length ?? 0) : 0;
    this.toggleAttribute('hidden', !source || slots === 0);
  }

  async #load(source: CredentialSource): Promise<void> {
    this.loadError = undefined;
    try {
      const [credentials, types] = await Promise.all([source.list(), source.types()]);
      if (source !== this.#source) return;
      this.credentials = credentials;
      this.types = types;
    } catch (error) {
      if (source === this.#source) this.loadError = messageOf(error);
    }
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed?.credentials) return nothing;
    const node = ed.store.node(this.nodeId);
    const slots = node ? (ed.store.describe(node.type)?.credentials ?? []) : [];
    if (!node || slots.length === 0) return nothing;
    const { t } = ed;
    return html`<h3>${t('inspector.credentials')}</h3>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${!this.credentials && !this.loadError ? html`<p class="help" role="status">${t('credentials.loading')}</p>` : nothing}
      ${slots.map((slot) => this.#slot(ed, node, slot))}`;
  }

  #slot(ed: EditorActions, node: WorkflowNode, slot: Slot): TemplateResult {
    const { t } = ed;
    const ro = ed.store.readonly;
    const type = this.types?.find((x) => x.name === slot.type);
    // A slot naming a type the server has takes credentials of that type; any other (`httpAuth`) takes any.
    const choices = (this.credentials ?? []).filter((c) => !type || c.type === slot.type);
    const chosenId = node.credentials?.[slot.name];
    const chosen = this.credentials?.find((c) => c.id === chosenId);
    const id = `${this.#prefix}-${slot.name}`;
    const label = type ? type.displayName : fieldLabel(slot.name, {});
    const error = this.slotErrors.get(slot.name);
    return html`<div class="field" data-credential=${slot.name}>
      <label for=${id}>${label}${slot.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}</label>
      <div class="row">
        <select
          id=${id}
          ?disabled=${ro || !this.credentials}
          aria-invalid=${slot.required && !chosenId ? 'true' : 'false'}
          @change=${(e: Event) => this.#choose(ed, node.id, slot.name, (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!chosenId}>${t('inspector.none')}</option>
          ${choices.map((c) => html`<option value=${c.id} ?selected=${c.id === chosenId}>${c.name}</option>`)}
          ${chosenId && !choices.some((c) => c.id === chosenId) ? html`<option value=${chosenId} selected>${chosenId}</option>` : nothing}
        </select>
        <button type="button" ?disabled=${ro || !this.types} @click=${() => this.#startDraft(slot, type)}>${t('credentials.new')}</button>
      </div>
      ${chosen?.oauth2 ? this.#oauth2(ed, slot, chosen) : nothing}
      ${this.draft?.slot === slot.name ? this.#form(ed, node.id, slot, type) : nothing}
      ${error ? html`<span class="error" role="alert">${error}</span>` : nothing}
    </div>`;
  }

  #oauth2(ed: EditorActions, slot: Slot, credential: CredentialView): TemplateResult {
    const { t } = ed;
    const connected = credential.oauth2?.connected === true;
    const waiting = this.connecting === slot.name;
    return html`<div class="row oauth2">
      <span class=${connected ? 'state connected' : 'state'} role="status">
        ${waiting ? t('credentials.connecting') : connected ? t('credentials.connected') : t('credentials.notConnected')}
      </span>
      <button type="button" ?disabled=${ed.store.readonly || waiting} @click=${() => this.#connect(slot.name, credential.id)}>
        ${connected ? t('credentials.reconnect') : t('credentials.connect')}
      </button>
    </div>`;
  }

  #form(ed: EditorActions, nodeId: string, slot: Slot, slotType: CredentialTypeForm | undefined): TemplateResult {
    const { t } = ed;
    const draft = this.draft!;
    const type = this.types?.find((x) => x.name === draft.type);
    const schema = (type?.properties ?? {}) as FieldSchema;
    const defaults = defaultsOf(schema);
    const required = new Set(schema.required ?? []);
    const values = { ...defaults, ...draft.data };
    const fields = Object.entries(schema.properties ?? {}).filter(([, s]) => isShown(s, values, defaults));
    const issuesAt = (path: string) =>
      draft.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));
    const field = (key: string, control: TemplateResult, help?: string) =>
      html`<div class="field" data-field=${key}>
        <label for=${`${this.#prefix}-new-${key}`}
          >${key === 'name' ? t('credentials.name') : fieldLabel(key, (schema.properties ?? {})[key] ?? {})}</label
        >
        ${control} ${help ? html`<span class="help">${help}</span>` : nothing}
        ${issuesAt(key === 'name' ? 'name' : `data.${key}`).map((i) => html`<span class="error" role="alert">${i.message}</span>`)}
      </div>`;
    return html`<form
      class="draft"
      aria-label=${t('credentials.newTitle', { type: type?.displayName ?? draft.type })}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.#create(ed, nodeId, slot.name);
      }}
    >
      ${
        slotType
          ? nothing
          : html`<div class="field" data-field="type">
              <label for=${`${this.#prefix}-new-type`}>${t('credentials.type')}</label>
              <select
                id=${`${this.#prefix}-new-type`}
                @change=${(e: Event) => (this.draft = { ...draft, type: (e.target as HTMLSelectElement).value, data: {}, issues: [] })}
              >
                ${(this.types ?? []).map((x) => html`<option value=${x.name} ?selected=${x.name === draft.type}>${x.displayName}</option>`)}
              </select>
            </div>`
      }
      ${field(
        'name',
        html`<input
          id=${`${this.#prefix}-new-name`}
          type="text"
          required
          .value=${draft.name}
          @input=${(e: Event) => (this.draft = { ...draft, name: (e.target as HTMLInputElement).value })}
        />`,
      )}
      ${fields.map(([key, raw]) => {
        const s = unwrap(raw) as CredentialField;
        return field(key, this.#input(key, s, values[key], required.has(key) && s.default === undefined), this.#help(ed, s));
      })}
      ${draft.error ? html`<p class="error" role="alert">${draft.error}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${draft.busy}>${t('credentials.create')}</button>
        <button type="button" @click=${() => (this.draft = undefined)}>${t('credentials.cancel')}</button>
      </div>
    </form>`;
  }

  #help(ed: EditorActions, schema: CredentialField): string | undefined {
    const lines = controlOf(schema) === 'lines' ? ed.t('credentials.onePerLine') : '';
    return [schema.description, lines].filter(Boolean).join(' ') || undefined;
  }

  /** One field of a new credential, by the kind of value its schema takes. */
  #input(key: string, schema: CredentialField, value: unknown, required: boolean): TemplateResult {
    const id = `${this.#prefix}-new-${key}`;
    const set = (v: unknown) => {
      const data = { ...this.draft!.data };
      if (v === undefined) delete data[key];
      else data[key] = v;
      this.draft = { ...this.draft!, data };
    };
    switch (controlOf(schema)) {
      case 'options':
        return html`<select
          id=${id}
          @change=${(e: Event) => set(fieldOptions(schema)[(e.target as HTMLSelectElement).selectedIndex]?.value)}
        >
          ${fieldOptions(schema).map((o) => html`<option ?selected=${o.value === value}>${o.label}</option>`)}
        </select>`;
      case 'boolean':
        return html`<input
          id=${id}
          type="checkbox"
          .checked=${value === true}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
        />`;
      case 'number':
        return html`<input
          id=${id}
          type="number"
          .value=${value === undefined ? '' : String(value)}
          ?required=${required}
          @input=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            set(raw === '' ? undefined : Number(raw));
          }}
        />`;
      case 'lines':
        return html`<textarea
          id=${id}
          .value=${Array.isArray(value) ? value.join('\n') : ''}
          ?required=${required}
          @input=${(e: Event) => {
            const lines = (e.target as HTMLTextAreaElement).value
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean);
            set(lines.length > 0 ? lines : undefined);
          }}
        ></textarea>`;
      case 'json':
        return html`<textarea
          id=${id}
          .value=${value === undefined ? '' : JSON.stringify(value, null, 2)}
          ?required=${required}
          @change=${(e: Event) => {
            const area = e.target as HTMLTextAreaElement;
            try {
              set(area.value.trim() === '' ? undefined : JSON.parse(area.value));
              area.setCustomValidity('');
            } catch (err) {
              area.setCustomValidity((err as Error).message);
              area.reportValidity();
            }
          }}
        ></textarea>`;
      default:
        return html`<input
          id=${id}
          type=${schema.secret ? 'password' : 'text'}
          autocomplete=${schema.secret ? 'new-password' : 'off'}
          .value=${typeof value === 'string' ? value : ''}
          ?required=${required}
          @input=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            set(v === '' ? undefined : v);
          }}
        />`;
    }
  }

  #choose(ed: EditorActions, nodeId: string, slot: string, credentialId: string): void {
    const node = ed.store.node(nodeId);
    if (!node) return;
    const next = { ...node.credentials };
    if (credentialId) next[slot] = credentialId;
    else delete next[slot];
    ed.updateNode(nodeId, { credentials: Object.keys(next).length > 0 ? next : undefined });
  }

  #startDraft(slot: Slot, type: CredentialTypeForm | undefined): void {
    const typeName = type?.name ?? this.types?.[0]?.name ?? '';
    this.draft = { slot: slot.name, type: typeName, name: '', data: {}, busy: false, issues: [] };
  }

  async #create(ed: EditorActions, nodeId: string, slot: string): Promise<void> {
    const source = this.#source;
    const draft = this.draft;
    if (!source || !draft || draft.busy) return;
    this.draft = { ...draft, busy: true };
    try {
      const created = await source.create({ name: draft.name.trim(), type: draft.type, data: draft.data });
      this.draft = undefined;
      this.credentials = await source.list();
      this.#choose(ed, nodeId, slot, created.id);
      ed.store.announce(ed.t('credentials.created', { name: created.name }));
    } catch (error) {
      const issues = (error as { issues?: unknown }).issues;
      this.draft = {
        ...draft,
        busy: false,
        error: messageOf(error),
        issues: Array.isArray(issues) ? (issues as Draft['issues']) : [],
      };
    }
  }

  #connect(slot: string, credentialId: string): void {
    const source = this.#source;
    if (!source) return;
    this.connecting = slot;
    this.slotErrors = withEntry(this.slotErrors, slot, undefined);
    // Called in the click itself: the source opens its popup before anything is awaited.
    source.connect(credentialId).then(
      async () => {
        this.credentials = await source.list();
        this.connecting = undefined;
      },
      (error: unknown) => {
        this.connecting = undefined;
        this.slotErrors = withEntry(this.slotErrors, slot, messageOf(error));
      },
    );
  }
}

/** The control of a credential field: credential schemas are flat, so a few kinds cover them. */
function controlOf(schema: CredentialField): 'options' | 'boolean' | 'number' | 'lines' | 'json' | 'text' {
  if (schema.enum || schema.options) return 'options';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'array' && schema.items && unwrap(schema.items).type === 'string') return 'lines';
  if (type === 'array' || type === 'object') return 'json';
  return 'text';
}

function withEntry(map: ReadonlyMap<string, string>, key: string, value: string | undefined): ReadonlyMap<string, string> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

/** What to show of a refusal: the server's own sentence when it gave one. */
function messageOf(error: unknown): string {
  const server = (error as { serverMessage?: unknown }).serverMessage;
  if (typeof server === 'string') return server;
  return error instanceof Error ? error.message : String(error);
}
