import type { CredentialView, WorkflowNode } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import { fitsSlot, type CredentialSource, type CredentialTypeForm } from '../credentials/credential-source.js';
import type { EditorActions } from '../editor-actions.js';
import { messageOf } from '../panels/credentials/credential-form.component.js';
import { fieldLabel } from './schema-field.js';
import { nodeCredentialsStyles } from './node-credentials.styles.js';

type Slot = { name: string; type: string; required: boolean };

let counter = 0;

/**
 * The credentials of the selected node, one field per credential slot of its
 * type: pick an existing credential of the slot's type, create one inline
 * with the form the "Connected accounts" panel shows (`wf-credential-form`),
 * or connect an OAuth2 account in a popup. Shown when the editor has a
 * credential source (the engine in the page, or a Flowloom server); secrets
 * go to the source and never come back.
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
    draftSlot: { state: true },
    connecting: { state: true },
    slotErrors: { state: true },
  };
  /** The node whose credentials are shown. */
  declare nodeId: string;
  declare credentials: readonly CredentialView[] | undefined;
  declare types: readonly CredentialTypeForm[] | undefined;
  declare loadError: string | undefined;
  /** The slot whose new credential's form is open. */
  declare draftSlot: string | undefined;
  /** The slot whose OAuth2 account is being connected. */
  declare connecting: string | undefined;
  declare slotErrors: ReadonlyMap<string, string>;
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-cred-${++counter}`;
  #source: CredentialSource | undefined;
  /** The source's revision the list was loaded at: a credential created or deleted elsewhere lists it again. */
  #revision: number | undefined;

  constructor() {
    super();
    this.nodeId = '';
    this.slotErrors = new Map();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const source = this.#editor.editor?.credentials;
    if (source !== this.#source) {
      this.#source = source;
      this.#revision = source?.revision;
      this.credentials = undefined;
      this.types = undefined;
      if (source) void this.#load(source);
    } else if (source && source.revision !== this.#revision) {
      this.#revision = source.revision;
      void source.list().then((list) => {
        if (source === this.#source) this.credentials = list;
      });
    }
    if (changed.has('nodeId')) {
      this.draftSlot = undefined;
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
    // A node the host locked keeps its credentials, as a read-only editor does.
    const ro = ed.store.isLocked(node.id);
    const type = this.types?.find((x) => x.name === slot.type);
    const choices = (this.credentials ?? []).filter((c) => fitsSlot(c, slot, this.types ?? []));
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
        <button type="button" ?disabled=${ro || !this.types} @click=${() => (this.draftSlot = slot.name)}>${t('credentials.new')}</button>
      </div>
      ${chosen?.oauth2 ? this.#oauth2(ed, slot, chosen) : nothing}
      ${
        this.draftSlot === slot.name
          ? html`<wf-credential-form
              .source=${this.#source}
              .types=${this.types ?? []}
              .fixedType=${type?.name}
              .t=${t}
              .onSaved=${(created: CredentialView) => void this.#created(ed, node.id, slot.name, created)}
              .onCancel=${() => (this.draftSlot = undefined)}
            ></wf-credential-form>`
          : nothing
      }
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

  #choose(ed: EditorActions, nodeId: string, slot: string, credentialId: string): void {
    const node = ed.store.node(nodeId);
    if (!node) return;
    const next = { ...node.credentials };
    if (credentialId) next[slot] = credentialId;
    else delete next[slot];
    ed.updateNode(nodeId, { credentials: Object.keys(next).length > 0 ? next : undefined });
  }

  /** A credential created in the slot's form: listed, and picked for the slot. */
  async #created(ed: EditorActions, nodeId: string, slot: string, created: CredentialView): Promise<void> {
    const source = this.#source;
    this.draftSlot = undefined;
    if (!source) return;
    this.#revision = source.revision;
    this.credentials = await source.list();
    this.#choose(ed, nodeId, slot, created.id);
    ed.store.announce(ed.t('credentials.created', { name: created.name }));
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

function withEntry(map: ReadonlyMap<string, string>, key: string, value: string | undefined): ReadonlyMap<string, string> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}
