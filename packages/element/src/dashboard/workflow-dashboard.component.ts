import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { chartColumns, windowDays, type ChartColumns } from './chart-data.js';
import type { DashboardDataSource, DashboardOverview, DashboardWebhook, TenantUsage } from './dashboard-data-source.js';
import { DashboardError } from './dashboard.error.js';
import { ExecutionsChart, type ChartInput } from './executions-chart.js';
import { formats, type Formats } from './format.js';
import type { DashboardStrings } from './i18n/en.js';
import { dashboardTranslator, type DashboardTranslate } from './i18n/translate.js';
import type { Member, MembersView } from './member-directory.js';
import { WfMemberInviteEvent } from './events/member-invite.js';
import { memberLabel, renderMembers } from './members-section.js';
import { renderFailing, renderOverview, renderSlowest, type SectionView } from './overview-section.js';
import { messageOf, reloading, type SectionState } from './section-state.js';
import { renderUsage } from './usage-section.js';
import { renderWebhooks, webhookKey, type RowNote } from './webhooks-section.js';
import { workflowDashboardStyles } from './workflow-dashboard.styles.js';

/**
 * The token `<workflow-dashboard>` sends to its server: an embed token, or a
 * function returning one, asked again (`refresh: true`) when the server
 * refused the last one as expired.
 */
export type DashboardToken = string | ((request: { refresh: boolean }) => string | Promise<string>);

interface Sections {
  overview: SectionState<DashboardOverview>;
  usage: SectionState<TenantUsage[]>;
  webhooks: SectionState<DashboardWebhook[]>;
  members: SectionState<MembersView>;
}

/**
 * `<workflow-dashboard>`: how the workflows are doing. Executions per day
 * and the success rate (a chart), p50 and p95 durations, the slowest nodes,
 * the workflows failing most with their last error, usage against quota per
 * tenant, the active webhooks (copy the URL, send a test call), and, for
 * users allowed to manage them, members and their roles. It works against a
 * Flowloom server (`server-url` and `token`) or any `DashboardDataSource`
 * (`EngineDataSource` for an engine in the page).
 *
 * @tagname workflow-dashboard
 *
 * @slot title - The host's title, at the start of the header.
 *
 * @csspart base - The dashboard's grid.
 * @csspart header - The header with the window and Refresh.
 * @csspart overview - Counts, durations and the chart.
 * @csspart chart - The chart with its caption and figures table.
 * @csspart slowest-nodes - The slowest nodes.
 * @csspart failing-workflows - The workflows failing most.
 * @csspart usage - Usage against quota per tenant.
 * @csspart webhooks - The active webhooks.
 * @csspart members - Members, roles and invitations.
 *
 * @event wf-member-invite - An invitation was created (detail: invite, and the token admitting the invitee when the server gave one).
 *
 * @cssproperty --wf-font-family - Text font (also the chart's).
 * @cssproperty --wf-font-mono - Webhook URLs.
 * @cssproperty --wf-font-size - Base text size.
 * @cssproperty --wf-space-1 - Smallest spacing (4px).
 * @cssproperty --wf-space-2 - Small spacing (8px).
 * @cssproperty --wf-space-3 - Medium spacing (12px).
 * @cssproperty --wf-space-4 - Large spacing (16px).
 * @cssproperty --wf-radius-sm - Small corner radius.
 * @cssproperty --wf-radius-md - Medium corner radius (inputs, buttons).
 * @cssproperty --wf-radius-lg - Large corner radius (the sections).
 * @cssproperty --wf-color-bg - Background.
 * @cssproperty --wf-color-text - Text colour.
 * @cssproperty --wf-color-muted - Secondary text, chart axes.
 * @cssproperty --wf-color-accent - Accent: primary button, the chart's executions.
 * @cssproperty --wf-color-accent-soft - The chart's bars' fill.
 * @cssproperty --wf-color-on-accent - Text on the accent colour.
 * @cssproperty --wf-color-focus - Keyboard focus ring.
 * @cssproperty --wf-color-danger - Errors and the remove confirmation.
 * @cssproperty --wf-color-warning - A quota nearly used.
 * @cssproperty --wf-color-success - The chart's success rate.
 * @cssproperty --wf-color-hover - Hover background.
 * @cssproperty --wf-border-color - Borders, the chart's grid.
 * @cssproperty --wf-panel-bg - Section background.
 * @cssproperty --wf-toolbar-bg - Header background.
 * @cssproperty --wf-input-bg - Form field background.
 * @cssproperty --wf-input-border - Form field border.
 * @cssproperty --wf-button-bg - Button background.
 * @cssproperty --wf-edge-color - The chart's cursor lines.
 */
export class WorkflowDashboard extends LitElement {
  static override styles = workflowDashboardStyles;

  static override properties = {
    locale: { reflect: true },
    theme: { reflect: true },
    strings: { attribute: false },
    days: { type: Number, reflect: true },
    serverUrl: { attribute: 'server-url', reflect: true },
    token: { attribute: 'token' },
    dataSource: { attribute: false },
    chartStyles: { attribute: false },
  };

  /** Locale of the dashboard's strings and numbers (`en`, `fr`, or one added with `registerDashboardLocale`); defaults to the nearest `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark' | undefined;
  /** Replacements for any of the dashboard's strings. */
  declare strings: Partial<DashboardStrings> | undefined;
  /** How many days the figures cover, ending today (default 30). */
  declare days: number;
  /** A Flowloom server to read from: where its REST API is mounted (`/api`, or an absolute URL). */
  declare serverUrl: string | undefined;
  /**
   * The embed token the host's back end signed for the user, sent to
   * `server-url`; or a function returning one, asked again with
   * `{ refresh: true }` when the server refuses the last one as expired.
   */
  declare token: DashboardToken | undefined;
  /** Where the figures come from instead of `server-url`: an `EngineDataSource`, or the host's own. */
  declare dataSource: DashboardDataSource | undefined;
  /** More styles for the chart (uPlot's own stylesheet, say), adopted into the shadow root after the dashboard's. */
  declare chartStyles: CSSStyleSheet | string | undefined;

  #sections: Sections = {
    overview: { status: 'loading' },
    usage: { status: 'loading' },
    webhooks: { status: 'loading' },
    members: { status: 'loading' },
  };
  #source: Promise<DashboardDataSource | undefined> = Promise.resolve(undefined);
  #abort: AbortController | undefined;
  #loading: Promise<void> = Promise.resolve();
  #columns: ChartColumns | undefined;
  #t: DashboardTranslate = dashboardTranslator('en');
  #f: Formats = formats('en');
  readonly #chart = new ExecutionsChart(this);
  readonly #notes = new Map<string, RowNote>();
  readonly #testing = new Set<string>();
  #announcement = '';
  #members = { confirming: undefined as string | undefined, busy: false, error: undefined as string | undefined };
  #baseSheets: CSSStyleSheet[] | undefined;
  /** No data source and no server URL: the dashboard says how to give it one. */
  #noSource = false;

  constructor() {
    super();
    this.days = 30;
  }

  /**
   * Settles once the figures asked for last are on screen, the chart drawn
   * (whether each section loaded or failed).
   */
  get loaded(): Promise<void> {
    return (async () => {
      // A render may start another load (the first one does), and a load another drawing: wait until all is still.
      for (;;) {
        const loading = this.#loading;
        await loading;
        await this.updateComplete;
        const drawing = this.#chart.ready;
        await drawing;
        if (loading === this.#loading && drawing === this.#chart.ready && !this.isUpdatePending) return;
      }
    })();
  }

  /** Asks the data source again for every section. */
  refresh(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const signal = abort.signal;
    for (const key of Object.keys(this.#sections) as (keyof Sections)[]) {
      this.#sections[key] = reloading(this.#sections[key] as SectionState<never>);
    }
    this.requestUpdate();
    this.#loading = this.#source.then(async (source) => {
      if (signal.aborted) return;
      this.#noSource = !source;
      if (!source) {
        const hidden = { status: 'hidden' } as const;
        this.#sections = { overview: hidden, usage: hidden, webhooks: hidden, members: hidden };
        return this.requestUpdate();
      }
      await Promise.all([
        this.#load('overview', signal, async () => {
          const window = windowDays(source.now(), checkedDays(this.days));
          const overview = await source.overview({ from: window.from }, { signal });
          if (!signal.aborted) this.#columns = chartColumns(overview.perDay, window.days);
          return overview;
        }),
        this.#load('usage', signal, () => source.usage({ signal })),
        this.#load('webhooks', signal, () => source.webhooks({ signal })),
        this.#load('members', signal, () => source.members({ signal })),
      ]);
    });
    return this.#loading;
  }

  async #load<K extends keyof Sections>(key: K, signal: AbortSignal, read: () => Promise<unknown>): Promise<void> {
    let next: Sections[K];
    try {
      const value = await read();
      next = (value === undefined ? { status: 'hidden' } : { status: 'ready', value }) as Sections[K];
    } catch (error) {
      next = { status: 'error', message: messageOf(error) } as Sections[K];
    }
    if (signal.aborted) return;
    this.#sections = { ...this.#sections, [key]: next };
    this.requestUpdate();
  }

  /** Loads the section again (its Try again button). */
  async #reload(key: keyof Sections): Promise<void> {
    const source = await this.#source;
    if (!source) return void this.refresh();
    const signal = (this.#abort ??= new AbortController()).signal;
    this.#sections = { ...this.#sections, [key]: reloading(this.#sections[key] as SectionState<never>) };
    this.requestUpdate();
    if (key === 'overview') return void this.refresh();
    const read = {
      usage: () => source.usage({ signal }),
      webhooks: () => source.webhooks({ signal }),
      members: () => source.members({ signal }),
    }[key];
    this.#loading = this.#load(key, signal, read);
    await this.#loading;
  }

  /** The data source: the host's, else the server of `server-url` (its client imported only then). */
  #connect(): Promise<DashboardDataSource | undefined> {
    if (this.dataSource) return Promise.resolve(this.dataSource);
    const url = this.serverUrl;
    if (!url) return Promise.resolve(undefined);
    const token = async ({ refresh }: { refresh: boolean }): Promise<string> => {
      const current = this.token;
      if (typeof current === 'function') return current({ refresh });
      if (!current)
        throw new DashboardError('TOKEN_MISSING', '<workflow-dashboard> has a server-url but no token: set its token property.');
      return current;
    };
    return import('./server-data-source.js').then(
      ({ ServerDataSource }) => new ServerDataSource({ serverUrl: new URL(url, document.baseURI), token }),
    );
  }

  #copy = async (hook: DashboardWebhook, code: HTMLElement) => {
    try {
      await navigator.clipboard.writeText(hook.url);
      this.#note(hook, { text: this.#t('webhooks.copied', { url: hook.url }) });
    } catch {
      // No clipboard permission (or no focus): select the URL, so the keyboard's copy takes it.
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.#note(hook, { text: this.#t('webhooks.copyFailed'), error: true });
    }
  };

  #test = async (hook: DashboardWebhook) => {
    const key = webhookKey(hook);
    const source = await this.#source;
    if (!source || this.#testing.has(key)) return;
    this.#testing.add(key);
    this.#note(hook, { text: this.#t('webhooks.testing', { url: hook.url }) });
    try {
      const { status, body } = await source.testWebhook(hook);
      const text = body ? this.#t('webhooks.answered', { status, body }) : this.#t('webhooks.answeredEmpty', { status });
      this.#note(hook, { text, error: status >= 400 });
    } catch (error) {
      this.#note(hook, { text: this.#t('webhooks.testFailed', { message: messageOf(error) }), error: true });
    } finally {
      this.#testing.delete(key);
      this.requestUpdate();
    }
  };

  #note(hook: DashboardWebhook, note: RowNote): void {
    this.#notes.set(webhookKey(hook), note);
    this.#announcement = note.text;
    this.requestUpdate();
  }

  /** Runs a members action, shows its refusal, and reads the members again after it. */
  async #memberAction(action: (source: DashboardDataSource) => Promise<void>, done: string): Promise<boolean> {
    const source = await this.#source;
    if (!source) return false;
    this.#members = { ...this.#members, busy: true, error: undefined };
    this.requestUpdate();
    let ok = false;
    try {
      await action(source);
      this.#members.confirming = undefined;
      this.#announcement = done;
      ok = true;
    } catch (error) {
      this.#members.error = messageOf(error);
    }
    this.#members.busy = false;
    await this.#reload('members');
    return ok;
  }

  #memberActions() {
    const t = this.#t;
    return {
      ...this.#members,
      retry: () => void this.#reload('members'),
      askRemove: (id: string | undefined) => {
        const asked = this.#members.confirming;
        this.#members = { ...this.#members, confirming: id, error: undefined };
        this.requestUpdate();
        // The focus follows: to the confirmation, or back to the Remove button it came from.
        const target = id ? '.confirm-remove' : `[data-member="${CSS.escape(asked ?? '')}"] .remove`;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(target)?.focus());
      },
      remove: (m: Member) =>
        void this.#memberAction((s) => s.removeMember(m.id), t('members.removed', { email: memberLabel(m) })).then((ok) => {
          // The row is gone: the focus goes to the section's heading rather than to the page's start.
          if (ok) this.renderRoot.querySelector<HTMLElement>('#members-heading')?.focus();
        }),
      changeRole: (m: Member, role: string) =>
        void this.#memberAction(
          async (s) => {
            await s.changeRole(m.id, role);
            // The row shows the new role at once, not the old one until the list is read again.
            m.role = role;
          },
          t('members.roleChanged', { email: memberLabel(m), role }),
        ),
      revoke: (id: string, email: string) => void this.#memberAction((s) => s.revokeInvite(id), t('members.revoked', { email })),
      invite: (email: string, role: string) =>
        void this.#memberAction(
          async (s) => void this.dispatchEvent(new WfMemberInviteEvent(await s.invite({ email, role }))),
          t('members.invited', { email: email.trim() }),
        ).then((ok) => {
          if (ok) this.renderRoot.querySelector<HTMLFormElement>('form.invite')?.reset();
        }),
    };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings') || !this.hasUpdated) {
      const locale = this.#effectiveLocale();
      this.#t = dashboardTranslator(locale, this.strings);
      this.#f = formats(locale);
    }
    if (changed.has('dataSource') || changed.has('serverUrl')) this.#source = this.#connect();
    if (changed.has('dataSource') || changed.has('serverUrl') || changed.has('days')) void this.refresh();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('chartStyles')) this.#adoptChartStyles();
    const columns = this.#sections.overview.status === 'ready' ? this.#columns : undefined;
    this.#chart.show(
      this.renderRoot.querySelector<HTMLElement>('.chart'),
      columns && this.#chartInput(columns),
      `${this.theme ?? 'light'} ${this.#effectiveLocale()}`,
    );
  }

  #chartCache: { columns: ChartColumns; t: DashboardTranslate; input: ChartInput } | undefined;

  /** One input per figures and words, so the chart is drawn again only when either changes. */
  #chartInput(columns: ChartColumns): ChartInput {
    const cache = this.#chartCache;
    if (cache?.columns === columns && cache.t === this.#t) return cache.input;
    const input = {
      columns,
      labels: { day: this.#t('chart.day'), executions: this.#t('chart.executions'), successRate: this.#t('chart.successRate') },
      formats: this.#f,
    };
    this.#chartCache = { columns, t: this.#t, input };
    return input;
  }

  #adoptChartStyles(): void {
    const root = this.shadowRoot;
    if (!root) return;
    this.#baseSheets ??= [...root.adoptedStyleSheets];
    const extra = this.chartStyles;
    let sheet: CSSStyleSheet | undefined;
    if (typeof extra === 'string') {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(extra);
    } else sheet = extra;
    root.adoptedStyleSheets = sheet ? [...this.#baseSheets, sheet] : this.#baseSheets;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after leaving it: the reads abandoned then are asked again.
    if (this.hasUpdated && this.#abort?.signal.aborted) void this.refresh();
  }

  #effectiveLocale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  }

  override render(): TemplateResult {
    const t = this.#t;
    const view: SectionView = { t, f: this.#f, days: this.days };
    const s = this.#sections;
    const dir = this.closest('[dir]')?.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr';
    return html`<div
      class="dashboard"
      part="base"
      role="region"
      aria-label=${t('dashboard.label')}
      lang=${this.#effectiveLocale()}
      dir=${dir}
    >
      <header part="header">
        <slot name="title"></slot>
        <span class="spacer"></span>
        <button type="button" class="refresh" @click=${() => void this.refresh()}>${t('dashboard.refresh')}</button>
      </header>
      ${this.#noSource ? html`<p class="empty no-source" role="status">${t('dashboard.noSource')}</p>` : nothing}
      ${renderOverview(s.overview, this.#columns, this.#chart.error, view, () => void this.refresh())} ${renderFailing(s.overview, view)}
      ${renderSlowest(s.overview, view)} ${renderUsage(s.usage, view, () => void this.#reload('usage'))}
      ${renderWebhooks(s.webhooks, view, {
        copy: (hook, code) => void this.#copy(hook, code),
        test: (hook) => void this.#test(hook),
        retry: () => void this.#reload('webhooks'),
        noteOf: (hook) => this.#notes.get(webhookKey(hook)),
        busy: (hook) => this.#testing.has(webhookKey(hook)),
      })}
      ${renderMembers(s.members, view, this.#memberActions())}
      <div class="live" role="status" aria-live="polite">${this.#announcement}</div>
    </div>`;
  }
}

/** The window's length, or an error naming the attribute. */
function checkedDays(days: unknown): number {
  if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 366) return days;
  throw new DashboardError(
    'INPUT_INVALID',
    `<workflow-dashboard>: days must be a whole number from 1 to 366, got ${typeof days === 'number' ? String(days) : JSON.stringify(days)}.`,
  );
}
