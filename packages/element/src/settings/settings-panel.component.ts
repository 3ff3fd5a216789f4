import type { WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import { messageOf } from '../panels/credentials/credential-form.component.js';
import { settingsPanelStyles } from './settings-panel.styles.js';
import { replaceRefusal } from '../policy/policy.js';
import type { VersionSource } from './version-source.js';
import { checkSettings, readSettings, settingsPatch, timeZones, type SettingsForm, type SettingsIssue } from './workflow-settings.js';

let counter = 0;

/**
 * "Workflow settings": the workflow's name, description, time zone, timeout,
 * which executions keep their data and its error workflow, applied as one
 * undoable edit; and its saved versions, any of which can be restored.
 *
 * @tagname wf-workflow-settings-panel
 */
export class WfWorkflowSettingsPanel extends LitElement {
  static override styles = settingsPanelStyles;
  static override properties = {
    form: { state: true },
    issues: { state: true },
    versions: { state: true },
    workflows: { state: true },
    versionsError: { state: true },
    restoring: { state: true },
    status: { state: true },
  };
  /** The values being edited; undefined while they follow the workflow. */
  declare form: SettingsForm | undefined;
  declare issues: readonly SettingsIssue[];
  declare versions: readonly WorkflowVersionSummary[] | undefined;
  declare workflows: readonly WorkflowSummary[];
  declare versionsError: string | undefined;
  /** The version whose restore waits for confirmation, or is under way. */
  declare restoring: { version: number; busy: boolean } | undefined;
  /** The last result, for the status line. */
  declare status: string;
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-settings-${++counter}`;
  /** What the versions were loaded for. */
  #loaded: { source: VersionSource; workflowId: string } | undefined;

  constructor() {
    super();
    this.issues = [];
    this.workflows = [];
    this.status = '';
  }

  override willUpdate(): void {
    const ed = this.#editor.editor;
    const source = ed?.versions;
    const workflowId = ed?.store.workflow.id ?? '';
    if (!source) {
      this.#loaded = undefined;
      return;
    }
    if (this.#loaded?.source === source && this.#loaded.workflowId === workflowId) return;
    this.#loaded = { source, workflowId };
    this.form = undefined;
    void this.#loadVersions(source, workflowId);
  }

  async #loadVersions(source: VersionSource, workflowId: string): Promise<void> {
    this.versions = undefined;
    try {
      const [versions, workflows] = await Promise.all([source.list(workflowId), source.workflows().catch(() => [])]);
      if (this.#loaded?.source !== source || this.#loaded.workflowId !== workflowId) return;
      this.versions = versions;
      this.workflows = workflows.filter((w) => w.id !== workflowId);
      this.versionsError = undefined;
    } catch (error) {
      if (this.#loaded?.source === source) this.versionsError = messageOf(error);
    }
  }

  /** Moves the focus to the name field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('input')?.focus(options);
  }

  override render(): TemplateResult {
    const ed = this.#editor.editor;
    if (!ed) return html``;
    return html`${this.#settings(ed)} ${this.#versions(ed)}`;
  }

  #settings(ed: EditorActions): TemplateResult {
    const { t, store } = ed;
    const form = this.form ?? readSettings(store.workflow);
    const ro = store.readonly;
    const p = this.#prefix;
    const set = (field: keyof SettingsForm) => (e: Event) => {
      // From the values as they are now: several fields may change before the next render.
      this.form = { ...(this.form ?? readSettings(store.workflow)), [field]: (e.target as HTMLInputElement).value };
      this.status = '';
    };
    const field = (name: keyof SettingsForm, label: string, control: TemplateResult, help?: string) => {
      const issues = this.issues.filter((i) => i.field === name);
      return html`<div class="field">
        <label for=${`${p}-${name}`}>${label}</label>
        ${control} ${help ? html`<span class="help" id=${`${p}-${name}-help`}>${help}</span>` : nothing}
        ${issues.map((i) => html`<p class="error" role="alert" id=${`${p}-${name}-error`}>${t(i.key, i.params)}</p>`)}
      </div>`;
    };
    const invalid = (name: keyof SettingsForm) => (this.issues.some((i) => i.field === name) ? 'true' : 'false');
    return html`<form class="settings" novalidate @submit=${(e: Event) => this.#apply(e, ed)}>
      ${ro ? html`<p class="help">${t('settings.readonly')}</p>` : nothing}
      ${field(
        'name',
        t('settings.name'),
        html`<input
          id=${`${p}-name`}
          name="name"
          type="text"
          .value=${form.name}
          ?readonly=${ro}
          aria-invalid=${invalid('name')}
          @input=${set('name')}
        />`,
      )}
      ${field(
        'description',
        t('settings.description'),
        html`<textarea
          id=${`${p}-description`}
          name="description"
          .value=${form.description}
          ?readonly=${ro}
          @input=${set('description')}
        ></textarea>`,
      )}
      ${field(
        'timezone',
        t('settings.timezone'),
        html`<input
            id=${`${p}-timezone`}
            name="timezone"
            type="text"
            list=${`${p}-zones`}
            .value=${form.timezone}
            ?readonly=${ro}
            aria-invalid=${invalid('timezone')}
            aria-describedby=${`${p}-timezone-help`}
            @input=${set('timezone')}
          />
          <datalist id=${`${p}-zones`}>${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>`,
        t('settings.timezoneHelp'),
      )}
      ${field(
        'timeout',
        t('settings.timeout'),
        html`<input
          id=${`${p}-timeout`}
          name="timeout"
          type="text"
          inputmode="numeric"
          .value=${form.timeout}
          ?readonly=${ro}
          aria-invalid=${invalid('timeout')}
          aria-describedby=${`${p}-timeout-help`}
          @input=${set('timeout')}
        />`,
        t('settings.timeoutHelp'),
      )}
      ${field(
        'saveExecutions',
        t('settings.saveExecutions'),
        html`<select id=${`${p}-saveExecutions`} name="saveExecutions" ?disabled=${ro} @change=${set('saveExecutions')}>
          ${(['all', 'errors', 'none'] as const).map(
            (choice) => html`<option value=${choice} ?selected=${form.saveExecutions === choice}>${t(`settings.save.${choice}`)}</option>`,
          )}
          ${form.saveExecutions === 'custom' ? html`<option value="custom" selected>${t('settings.save.custom')}</option>` : nothing}
        </select>`,
      )}
      ${field(
        'errorWorkflow',
        t('settings.errorWorkflow'),
        html`<select id=${`${p}-errorWorkflow`} name="errorWorkflow" ?disabled=${ro} @change=${set('errorWorkflow')}>
          <option value="" ?selected=${form.errorWorkflow === ''}>${t('settings.errorWorkflowNone')}</option>
          ${this.#errorWorkflowChoices(form.errorWorkflow).map(
            (w) => html`<option value=${w.id} ?selected=${form.errorWorkflow === w.id}>${w.name || w.id}</option>`,
          )}
        </select>`,
        t('settings.errorWorkflowHelp'),
      )}
      <div class="row">
        <button type="submit" class="primary apply" ?disabled=${ro}>${t('settings.apply')}</button>
        <span class="status" role="status">${this.status}</span>
      </div>
    </form>`;
  }

  /** The tenant's other workflows, and the current choice even when it is not among them. */
  #errorWorkflowChoices(current: string): { id: string; name: string }[] {
    const list = this.workflows.map((w) => ({ id: w.id, name: w.name }));
    if (current && !list.some((w) => w.id === current)) list.unshift({ id: current, name: current });
    return list;
  }

  #apply(e: Event, ed: EditorActions): void {
    e.preventDefault();
    const { store, t } = ed;
    const form = this.form ?? readSettings(store.workflow);
    this.issues = checkSettings(form, store.workflow.id);
    if (this.issues.length > 0) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const patch = settingsPatch(store.workflow, form);
    if (!patch) {
      this.status = t('settings.unchanged');
      return;
    }
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, store.workflow[k as keyof typeof patch]]));
    if (store.dispatch({ type: 'updateWorkflow', patch, before })) {
      this.form = undefined;
      this.status = t('settings.applied');
      store.announce(this.status);
    }
  }

  #versions(ed: EditorActions): TemplateResult {
    const { t, store } = ed;
    const id = `${this.#prefix}-versions`;
    let body: TemplateResult;
    if (!ed.versions) body = html`<p class="empty">${t('settings.versionsUnavailable')}</p>`;
    else if (this.versionsError) body = html`<p class="error" role="alert">${this.versionsError}</p>`;
    else if (!this.versions) body = html`<p class="empty" role="status">${t('settings.versionsLoading')}</p>`;
    else if (this.versions.length === 0) body = html`<p class="empty">${t('settings.versionsEmpty')}</p>`;
    else {
      const newest = this.versions[0]?.version;
      body = html`<ol class="versions" aria-labelledby=${id}>
        ${this.versions.map(
          (v) =>
            html`<li data-version=${v.version}>
              <span class="version">${t('settings.version', { version: v.version })}</span>
              <span class="name">${v.name}</span>
              <time datetime=${v.savedAt}>${formatTime(v.savedAt)}</time>
              ${
                v.version === newest
                  ? html`<span class="current">${t('settings.versionCurrent')}</span>`
                  : html`<button
                      type="button"
                      class="restore"
                      ?disabled=${store.readonly || this.restoring?.busy === true}
                      title=${t('settings.restoreTitle', { version: v.version, name: v.name })}
                      @click=${() => (this.restoring = { version: v.version, busy: false })}
                    >
                      ${t('settings.restore')}
                    </button>`
              }
              ${this.restoring?.version === v.version ? this.#confirm(ed, v.version) : nothing}
            </li>`,
        )}
      </ol>`;
    }
    return html`<section class="scope">
      <h3 id=${id}>${t('settings.versions')}</h3>
      <p class="help">${t('settings.versionsHelp')}</p>
      ${body}
    </section>`;
  }

  #confirm(ed: EditorActions, version: number): TemplateResult {
    const { t } = ed;
    return html`<div class="confirm" role="group" aria-label=${t('settings.restoreConfirm', { version })}>
      <p class="confirm-title">${t('settings.restoreConfirm', { version })}</p>
      <div class="row">
        <button
          type="button"
          class="danger confirm-restore"
          ?disabled=${this.restoring?.busy}
          @click=${() => void this.#restore(ed, version)}
        >
          ${t('settings.restoreYes')}
        </button>
        <button type="button" @click=${() => (this.restoring = undefined)}>${t('settings.restoreNo')}</button>
      </div>
    </div>`;
  }

  async #restore(ed: EditorActions, version: number): Promise<void> {
    const source = ed.versions;
    if (!source) return;
    const workflowId = ed.store.workflow.id;
    this.restoring = { version, busy: true };
    try {
      // Checked against the version before it becomes the newest one.
      const old = await source.get(workflowId, version);
      const refused =
        old &&
        replaceRefusal(ed.store.policy, ed.store.readonly, ed.store.workflow, old, (type) => ed.store.describe(type)?.displayName ?? type);
      if (refused) return ed.refuse(ed.t(refused.key, refused.params), 'import');
      const restored = await source.restore(workflowId, version);
      ed.replaceWorkflow(restored.workflow);
      this.form = undefined;
      this.issues = [];
      this.status = ed.t('settings.restored', { version, current: restored.version });
      ed.store.announce(this.status);
      await this.#loadVersions(source, workflowId);
    } catch (error) {
      this.versionsError = messageOf(error);
    } finally {
      this.restoring = undefined;
    }
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
