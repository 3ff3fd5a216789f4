import type { CredentialView } from '@flowloom/engine';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { EditorConsumer } from '../../controllers/editor-consumer.js';
import {
  isCredentialAdmin,
  type CredentialAdmin,
  type CredentialCheck,
  type WorkflowCredentialUse,
} from '../../credentials/credential-admin.js';
import type { CredentialTypeForm } from '../../credentials/credential-source.js';
import type { EditorActions } from '../../editor-actions.js';
import { messageOf } from './credential-form.component.js';
import { accountState, credentialTypeIcon, credentialUsers, type CredentialUser } from './credential-usage.js';
import { credentialsPanelStyles } from './credentials-panel.styles.js';

/** What the panel shows of one credential while it is being tested or connected. */
type RowState = { testing?: boolean; check?: CredentialCheck; connecting?: boolean; error?: string };

/**
 * "Connected accounts": every credential of the user, with its type, when
 * it was last used and which workflows use it; search, create and edit
 * (the form of `wf-credential-form`), test, connect or reconnect an OAuth2
 * account in a popup, and delete after a warning naming the workflows that
 * would lose it. Works with the editor's credential source: the engine in
 * the page or a Flowloom server.
 *
 * @tagname wf-credentials-panel
 */
export class WfCredentialsPanel extends LitElement {
  static override styles = credentialsPanelStyles;
  static override properties = {
    credentials: { state: true },
    types: { state: true },
    workflows: { state: true },
    lastUsed: { state: true },
    refreshed: { state: true },
    loadError: { state: true },
    query: { state: true },
    editing: { state: true },
    deleting: { state: true },
    rows: { state: true },
  };
  declare credentials: readonly CredentialView[] | undefined;
  declare types: readonly CredentialTypeForm[];
  declare workflows: readonly WorkflowCredentialUse[];
  declare lastUsed: ReadonlyMap<string, string | undefined>;
  /** When each connected OAuth2 account's token was last refreshed, where the source keeps a trail. */
  declare refreshed: ReadonlyMap<string, string | undefined>;
  declare loadError: string | undefined;
  declare query: string;
  /** The form open: a new credential (`'new'`) or a saved one. */
  declare editing: 'new' | CredentialView | undefined;
  /** The credential whose deletion waits for confirmation. */
  declare deleting: CredentialView | undefined;
  declare rows: ReadonlyMap<string, RowState>;
  readonly #editor = new EditorConsumer(this);
  #source: CredentialAdmin | undefined;
  #revision: number | undefined;

  constructor() {
    super();
    this.types = [];
    this.workflows = [];
    this.lastUsed = new Map();
    this.refreshed = new Map();
    this.query = '';
    this.rows = new Map();
  }

  override willUpdate(): void {
    const source = this.#editor.editor?.credentials;
    const admin = isCredentialAdmin(source) ? source : undefined;
    if (admin !== this.#source || admin?.revision !== this.#revision) {
      const fresh = admin !== this.#source;
      this.#source = admin;
      this.#revision = admin?.revision;
      if (fresh) {
        this.credentials = undefined;
        this.editing = undefined;
        this.deleting = undefined;
        this.rows = new Map();
      }
      if (admin) void this.#load(admin);
    }
  }

  async #load(source: CredentialAdmin): Promise<void> {
    try {
      const [credentials, types, workflows] = await Promise.all([source.list(), source.types(), source.workflows()]);
      const used = source.tracksUse ? await Promise.all(credentials.map(async (c) => [c.id, await source.lastUsed(c.id)] as const)) : [];
      const refreshed = await refreshTimes(source, credentials);
      if (source !== this.#source) return;
      this.loadError = undefined;
      this.credentials = credentials;
      this.types = types;
      this.workflows = workflows;
      this.lastUsed = new Map(used);
      this.refreshed = refreshed;
    } catch (error) {
      if (source === this.#source) this.loadError = messageOf(error);
    }
  }

  /** Moves the focus to the search field (once rendered). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('input[type="search"], button')?.focus(options);
  }

  override render(): TemplateResult {
    const ed = this.#editor.editor;
    const source = this.#source;
    if (!ed || !source) return html`<p class="empty">${ed?.t('accounts.unavailable') ?? ''}</p>`;
    const { t } = ed;
    if (this.editing) return this.#form(ed, source, this.editing);
    return html`<div class="bar">
        <input
          type="search"
          aria-label=${t('accounts.search')}
          placeholder=${t('accounts.search')}
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
        <button type="button" class="primary new" ?disabled=${ed.store.readonly} @click=${() => (this.editing = 'new')}>
          ${t('accounts.new')}
        </button>
      </div>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.deleting ? this.#confirmDelete(ed, source, this.deleting) : nothing} ${this.#list(ed, source)}`;
  }

  #list(ed: EditorActions, source: CredentialAdmin): TemplateResult {
    const { t } = ed;
    if (!this.credentials) return html`<p class="empty" role="status">${this.loadError ? '' : t('accounts.loading')}</p>`;
    if (this.credentials.length === 0) return html`<p class="empty">${t('accounts.empty')}</p>`;
    const query = this.query.trim().toLowerCase();
    const typeName = (type: string) => this.types.find((x) => x.name === type)?.displayName ?? type;
    const shown = this.credentials.filter(
      (c) => !query || c.name.toLowerCase().includes(query) || typeName(c.type).toLowerCase().includes(query),
    );
    if (shown.length === 0) return html`<p class="empty" role="status">${t('accounts.noMatch', { query: this.query.trim() })}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${t('accounts.name')}</th>
          <th scope="col">${t('accounts.lastUsed')}</th>
          <th scope="col">${t('accounts.usedBy')}</th>
          <th scope="col">${t('accounts.status')}</th>
          <th scope="col"><span class="visually-hidden">${t('accounts.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          shown,
          (c) => c.id,
          (c) => this.#row(ed, source, c, typeName(c.type)),
        )}
      </tbody>
    </table>`;
  }

  #row(ed: EditorActions, source: CredentialAdmin, credential: CredentialView, typeName: string): TemplateResult {
    const { t } = ed;
    const row = this.rows.get(credential.id) ?? {};
    const users = credentialUsers(credential.id, this.workflows, ed.store.workflow);
    const account = accountState(credential, row.check, Date.now());
    const state = row.connecting ? 'connecting' : account;
    const on = (action: string) => t('panels.on', { action, name: credential.name });
    const ro = ed.store.readonly;
    const connectLabel = account === 'notConnected' ? t('accounts.connect') : t('accounts.reconnect');
    return html`<tr data-credential=${credential.id}>
      <td class="name">
        <div class="identity">
          <span class="icon">${credentialTypeIcon(credential.type, typeName, ed.store.types.values())}</span>
          <span><span class="title">${credential.name}</span><span class="type">${typeName}</span></span>
        </div>
      </td>
      <td class="last-used">${this.#lastUsed(ed, source, credential.id)}</td>
      <td class="used-by">${this.#users(ed, users)}</td>
      <td class="status">
        ${state ? html`<span class="account ${state}">${this.#stateText(ed, credential, state)}</span>` : nothing}
        ${
          state === 'connected' && this.refreshed.get(credential.id)
            ? html`<span class="refreshed">${ed.t('accounts.refreshed', { time: clockTime(this.refreshed.get(credential.id)!) })}</span>`
            : nothing
        }
        <span class="result ${row.check ? (row.check.ok ? 'ok' : 'failed') : ''}" role="status">${this.#checkText(ed, row)}</span>
      </td>
      <td class="actions">
        <div class="row-actions">
          ${
            // While the popup is open the button stays, disabled, so the focus has somewhere to be.
            (account && account !== 'connected') || row.connecting
              ? html`<button
                  type="button"
                  class="primary connect"
                  aria-label=${on(connectLabel)}
                  ?disabled=${ro || row.connecting}
                  @click=${() => this.#connect(ed, source, credential)}
                >
                  ${connectLabel}
                </button>`
              : nothing
          }
          ${
            this.types.find((x) => x.name === credential.type)?.testable === false
              ? nothing
              : html`<button
                  type="button"
                  class="test"
                  aria-label=${on(t('accounts.test'))}
                  ?disabled=${row.testing}
                  @click=${() => void this.#test(source, credential)}
                >
                  ${t('accounts.test')}
                </button>`
          }
          <button
            type="button"
            class="edit"
            aria-label=${on(t('accounts.edit'))}
            ?disabled=${ro}
            @click=${() => (this.editing = credential)}
          >
            ${t('accounts.edit')}
          </button>
          <button
            type="button"
            class="delete"
            aria-label=${on(t('accounts.delete'))}
            ?disabled=${ro}
            @click=${() => void this.#askDelete(source, credential)}
          >
            ${t('accounts.delete')}
          </button>
        </div>
      </td>
    </tr>`;
  }

  #lastUsed(ed: EditorActions, source: CredentialAdmin, id: string): string {
    if (!source.tracksUse) return ed.t('accounts.notTracked');
    const at = this.lastUsed.get(id);
    return at
      ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))
      : ed.t('accounts.never');
  }

  #users(ed: EditorActions, users: readonly CredentialUser[]): TemplateResult {
    if (users.length === 0) return html`<span class="muted">${ed.t('accounts.unused')}</span>`;
    return html`<ul class="users">
      ${users.map((u) => html`<li>${u.open ? ed.t('accounts.thisWorkflow', { name: u.name }) : u.name}</li>`)}
    </ul>`;
  }

  #stateText(ed: EditorActions, credential: CredentialView, state: string): string {
    const { t } = ed;
    if (state === 'connecting') return t('accounts.connecting');
    if (state === 'reconnect') return t('accounts.reconnectRequired');
    if (state === 'notConnected') return t('accounts.notConnected');
    if (state === 'expired') return t('accounts.expired');
    const until = credential.oauth2?.expiresAt;
    // To the second: a token good for a few minutes, refreshed, shows a new time.
    return until ? t('accounts.connectedUntil', { time: clockTime(until) }) : t('accounts.connected');
  }

  #checkText(ed: EditorActions, row: RowState): string {
    const { t } = ed;
    if (row.testing) return t('accounts.testing');
    if (row.error) return row.error;
    const check = row.check;
    if (!check) return '';
    if (check.connectFirst) return t('credentialForm.testConnectFirst');
    return check.ok ? `✓ ${t('credentialForm.testOk')} ${check.message}` : `✗ ${t('credentialForm.testFailed')} ${check.message}`;
  }

  #form(ed: EditorActions, source: CredentialAdmin, editing: 'new' | CredentialView): TemplateResult {
    return html`<wf-credential-form
      .source=${source}
      .types=${this.types}
      .credential=${editing === 'new' ? undefined : editing}
      .t=${ed.t}
      .onSaved=${(saved: CredentialView) => {
        this.editing = undefined;
        this.#setRow(saved.id, {});
        ed.store.announce(ed.t('accounts.saved', { name: saved.name }));
        // The pickers in the inspector list again too.
        ed.store.notify();
      }}
      .onCancel=${() => (this.editing = undefined)}
    ></wf-credential-form>`;
  }

  #confirmDelete(ed: EditorActions, source: CredentialAdmin, credential: CredentialView): TemplateResult {
    const { t } = ed;
    const users = credentialUsers(credential.id, this.workflows, ed.store.workflow);
    return html`<div class="confirm" role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-body">
      <p id="delete-title" class="confirm-title">${t('accounts.deleteTitle', { name: credential.name })}</p>
      <div id="delete-body">
        ${
          users.length > 0
            ? html`<p>${t('accounts.deleteUsed')}</p>
                ${this.#users(ed, users)}`
            : html`<p>${t('accounts.deleteUnused')}</p>`
        }
      </div>
      <div class="row">
        <button type="button" class="danger" @click=${() => void this.#delete(ed, source, credential)}>
          ${t('accounts.deleteConfirm')}
        </button>
        <button type="button" class="keep" @click=${() => this.#cancelDelete(credential)}>${t('accounts.deleteCancel')}</button>
      </div>
    </div>`;
  }

  async #askDelete(source: CredentialAdmin, credential: CredentialView): Promise<void> {
    // The warning names the workflows that use it now, saved meanwhile elsewhere too.
    this.workflows = await source.workflows().catch(() => this.workflows);
    this.deleting = credential;
    // The safe choice has the focus: Enter keeps the credential.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.confirm .keep')?.focus());
  }

  #cancelDelete(credential: CredentialView): void {
    this.deleting = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`tr[data-credential="${CSS.escape(credential.id)}"] .delete`)?.focus(),
    );
  }

  async #delete(ed: EditorActions, source: CredentialAdmin, credential: CredentialView): Promise<void> {
    try {
      await source.delete(credential.id);
      this.deleting = undefined;
      ed.store.announce(ed.t('accounts.deleted', { name: credential.name }));
      ed.store.notify();
      void this.updateComplete.then(() => this.focus());
    } catch (error) {
      this.deleting = undefined;
      this.#setRow(credential.id, { error: messageOf(error) });
    }
  }

  async #test(source: CredentialAdmin, credential: CredentialView): Promise<void> {
    this.#setRow(credential.id, { testing: true });
    try {
      const check = await source.test(credential.id);
      // A test signs a request (its latest use) and may have refreshed a token.
      if (source.tracksUse) this.lastUsed = new Map([...this.lastUsed, [credential.id, await source.lastUsed(credential.id)]]);
      if (credential.oauth2) await this.#reload(source);
      this.#setRow(credential.id, { check });
    } catch (error) {
      this.#setRow(credential.id, { error: messageOf(error) });
    }
  }

  #connect(ed: EditorActions, source: CredentialAdmin, credential: CredentialView): void {
    this.#setRow(credential.id, { connecting: true });
    // In the click itself: the source opens its popup before anything is awaited.
    source.connect(credential.id).then(
      () => {
        this.#setRow(credential.id, {});
        ed.store.announce(ed.t('accounts.accountConnected', { name: credential.name }));
        ed.store.notify();
      },
      (error: unknown) => this.#setRow(credential.id, { error: messageOf(error) }),
    );
  }

  /** Lists again (an OAuth2 token may have changed), keeping what each row shows. */
  async #reload(source: CredentialAdmin): Promise<void> {
    const credentials = await source.list();
    const refreshed = await refreshTimes(source, credentials);
    if (source !== this.#source) return;
    this.credentials = credentials;
    this.refreshed = refreshed;
  }

  #setRow(id: string, state: RowState): void {
    const rows = new Map(this.rows);
    rows.set(id, state);
    this.rows = rows;
  }

  override updated(changed: PropertyValues<this>): void {
    // The form takes the focus when it opens, the search field when it closes.
    if (!changed.has('editing') || (changed.get('editing') !== undefined) === (this.editing !== undefined)) return;
    if (this.editing) {
      const form = this.renderRoot.querySelector<LitElement>('wf-credential-form');
      void form?.updateComplete.then(() => form.querySelector<HTMLElement>('select, input')?.focus());
    } else this.renderRoot.querySelector<HTMLElement>('input[type="search"]')?.focus();
  }
}

/** When each connected OAuth2 credential's token was last refreshed, for sources that keep a trail. */
async function refreshTimes(source: CredentialAdmin, credentials: readonly CredentialView[]): Promise<Map<string, string | undefined>> {
  if (!source.lastRefreshed) return new Map();
  const connected = credentials.filter((c) => c.oauth2?.connected);
  return new Map(await Promise.all(connected.map(async (c) => [c.id, await source.lastRefreshed!(c.id)] as const)));
}

/** A time of today to the second, in the user's format. */
function clockTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(iso));
}
