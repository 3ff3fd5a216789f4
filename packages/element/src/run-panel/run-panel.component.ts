import type { Item, PortItems } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import { renderPinOutput } from '../data-tools/pin-output.view.js';
import type { Translate } from '../i18n/translate.js';
import { agentTranscriptStyles } from './agent-transcript.styles.js';
import { renderTranscript } from './agent-transcript.view.js';
import { runPanelStyles } from './run-panel.styles.js';
import { langOf, plural } from './plural.js';
import { networkHint, runStatusView } from './run-status.js';

const MAX_ROWS = 100;

/** The columns of a table of items: the union of their top-level JSON keys, in first-seen order. */
export function itemColumns(items: readonly Item[]): string[] {
  const keys = new Set<string>();
  for (const item of items.slice(0, MAX_ROWS)) for (const k of Object.keys(item.json)) keys.add(k);
  return [...keys];
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * The run panel: the run's status, and for the selected node its input and
 * output items as a table or JSON, with its error.
 *
 * @tagname wf-run-panel
 */
export class WfRunPanel extends LitElement {
  static override styles = [runPanelStyles, agentTranscriptStyles];
  static override properties = { view: { state: true } };
  declare view: 'table' | 'json';
  readonly #editor = new EditorConsumer(this);

  constructor() {
    super();
    this.view = 'table';
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed) return nothing;
    const { store, t } = ed;
    const status = store.running ? 'running' : store.execution?.status;
    const [id] = store.selectedNodes.size === 1 ? [...store.selectedNodes] : [];
    const run = id ? store.lastRun(id) : undefined;
    const view = status ? runStatusView(status) : undefined;
    const statusText = view ? t(view.key) : '';
    const runError = store.issues.get('')?.[0]?.message ?? store.execution?.error?.message;
    return html`
      <header>
        <strong>${t('run.label')}</strong>
        <span class="status ${view?.tone ?? ''}" role="status" aria-live="polite">${statusText}</span>
        <div class="views" role="group" aria-label=${t('run.label')}>
          <button type="button" aria-pressed=${this.view === 'table' ? 'true' : 'false'} @click=${() => (this.view = 'table')}>
            ${t('run.table')}
          </button>
          <button type="button" aria-pressed=${this.view === 'json' ? 'true' : 'false'} @click=${() => (this.view = 'json')}>
            ${t('run.json')}
          </button>
        </div>
      </header>
      ${
        !id
          ? html`<p class="muted">${status && runError ? runError : t('run.selectNode')}</p>
              ${status ? this.#hint(runError, t) : nothing}`
          : !run
            ? html`<p class="muted">${t('run.noData')}</p>`
            : html`<div class="body">
                ${
                  run.error
                    ? html`<div class="error-box" role="alert">
                        <strong>${t('run.error')}:</strong> ${run.error.message} ${this.#hint(run.error.message, t)}
                      </div>`
                    : nothing
                }
                <section class="input" aria-label=${t('run.input')}>
                  <h3>${t('run.input')}</h3>
                  ${this.#ports(run.input, t)}
                </section>
                <section class="output" aria-label=${t('run.output')}>
                  <h3>${t('run.output')}</h3>
                  ${renderPinOutput(ed, run)} ${renderTranscript(run, t)} ${this.#ports(run.output, t)}
                </section>
              </div>`
      }
    `;
  }

  /** What a browser's bare "Failed to fetch" most likely means, and what to do. */
  #hint(message: string | undefined, t: Translate): TemplateResult | typeof nothing {
    const hint = networkHint(message, navigator.onLine);
    return hint ? html`<p class="network-hint">${t(hint)}</p>` : nothing;
  }

  #ports(ports: PortItems, t: Translate): TemplateResult {
    const entries = Object.entries(ports);
    if (entries.length === 0 || entries.every(([, items]) => items.length === 0)) return html`<p class="muted">${t('run.noItems')}</p>`;
    return html`${entries.map(
      ([port, items]) =>
        html`${entries.length > 1 ? html`<h3>${t('run.port', { port })}</h3>` : nothing}
          <div class="muted">${plural(t, langOf(this), items.length, { one: 'run.itemsOne', other: 'run.items' })}</div>
          ${
            items.length === 0
              ? nothing
              : this.view === 'json'
                ? html`<pre>
${JSON.stringify(
                      items.slice(0, MAX_ROWS).map((i) => i.json),
                      null,
                      2,
                    )}</pre>`
                : this.#table(items)
          }`,
    )}`;
  }

  #table(items: readonly Item[]): TemplateResult {
    const cols = itemColumns(items);
    return html`<table>
      <thead>
        <tr>
          <th scope="col">#</th>
          ${cols.map((c) => html`<th scope="col">${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${items.slice(0, MAX_ROWS).map(
          (item, i) =>
            html`<tr>
              <td>${i + 1}</td>
              ${cols.map((c) => html`<td title=${cell(item.json[c])}>${cell(item.json[c])}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
