import { html, nothing, type TemplateResult } from 'lit';
import type { ChartColumns } from './chart-data.js';
import type { DashboardOverview } from './dashboard-data-source.js';
import type { Formats } from './format.js';
import type { DashboardTranslate } from './i18n/translate.js';
import { valueOf, type SectionState } from './section-state.js';

/** What every section renders with. */
export interface SectionView {
  t: DashboardTranslate;
  f: Formats;
  /** How many days the window holds. */
  days: number;
}

/** The overview's words for an error or a load, shared by the sections. */
export function renderStatus(
  state: SectionState<unknown>,
  view: SectionView,
  errorKey: Parameters<DashboardTranslate>[0],
  retry: () => void,
) {
  if (state.status === 'error') {
    return html`<p class="error" role="alert">${view.t(errorKey, { message: state.message })}</p>
      <button type="button" @click=${retry}>${view.t('dashboard.retry')}</button>`;
  }
  if (state.status === 'loading' && state.value === undefined)
    return html`<p class="muted" role="status">${view.t('dashboard.loading')}</p>`;
  return nothing;
}

const FAILED = ['error', 'canceled', 'crashed'];

/** Counts, success rate, durations and the chart (with its figures as a table). */
export function renderOverview(
  state: SectionState<DashboardOverview>,
  columns: ChartColumns | undefined,
  chartError: string | undefined,
  view: SectionView,
  retry: () => void,
): TemplateResult {
  const { t, f, days } = view;
  const overview = valueOf(state);
  const failed = overview ? FAILED.reduce((n, s) => n + (overview.byStatus[s] ?? 0), 0) : 0;
  const rate = overview?.successRate === undefined ? t('overview.none') : f.percent(overview.successRate);
  const stat = (name: string, label: string, value: string) =>
    html`<div class="stat" data-stat=${name}>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<section class="overview" part="overview" aria-labelledby="overview-heading">
    <h2 id="overview-heading">${t('overview.heading')} <span class="muted window">${t('overview.window', { days })}</span></h2>
    ${renderStatus(state, view, 'overview.error', retry)}
    ${
      !overview
        ? nothing
        : overview.total === 0
          ? html`<p class="empty">${t('overview.empty', { days })}</p>`
          : html`<dl class="stats">
                ${stat('total', t('overview.total'), f.count(overview.total))} ${stat('success-rate', t('overview.successRate'), rate)}
                ${stat('failed', t('overview.failed'), f.count(failed))}
                ${stat('p50', t('overview.p50'), overview.durationMs ? f.duration(overview.durationMs.p50) : t('overview.none'))}
                ${stat('p95', t('overview.p95'), overview.durationMs ? f.duration(overview.durationMs.p95) : t('overview.none'))}
              </dl>
              <figure part="chart">
                <figcaption>${t('chart.label')}</figcaption>
                <div class="chart" role="img" aria-label=${t('chart.summary', { total: f.count(overview.total), days, rate })}></div>
                ${chartError ? html`<p class="error" role="alert">${t('chart.error', { message: chartError })}</p>` : nothing}
                ${columns ? renderChartTable(columns, view) : nothing}
              </figure>`
    }
  </section>`;
}

function renderChartTable(columns: ChartColumns, { t, f }: SectionView): TemplateResult {
  return html`<details class="figures">
    <summary>${t('chart.table')}</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('chart.day')}</th>
          <th scope="col">${t('chart.executions')}</th>
          <th scope="col">${t('chart.failed')}</th>
          <th scope="col">${t('chart.successRate')}</th>
        </tr>
      </thead>
      <tbody>
        ${columns.x.map((x, i) => {
          const rate = columns.successRate[i];
          return html`<tr data-day=${new Date(x * 1000).toISOString().slice(0, 10)}>
            <th scope="row">${f.day(x * 1000)}</th>
            <td>${f.count(columns.total[i]!)}</td>
            <td>${f.count(columns.failed[i]!)}</td>
            <td>${rate == null ? t('overview.none') : f.percent(rate / 100)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </details>`;
}

/** The slowest nodes, averaged over recent executions. */
export function renderSlowest(state: SectionState<DashboardOverview>, view: SectionView): TemplateResult | typeof nothing {
  const overview = valueOf(state);
  if (!overview || overview.total === 0) return nothing;
  const { t, f } = view;
  return html`<section class="slowest" part="slowest-nodes" aria-labelledby="slowest-heading">
    <h2 id="slowest-heading">${t('slow.heading')}</h2>
    ${
      overview.slowestNodes.length === 0
        ? html`<p class="empty">${t('slow.empty')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t('slow.node')}</th>
                <th scope="col">${t('slow.workflow')}</th>
                <th scope="col" class="num">${t('slow.runs')}</th>
                <th scope="col" class="num">${t('slow.average')}</th>
                <th scope="col" class="num">${t('slow.max')}</th>
              </tr>
            </thead>
            <tbody>
              ${overview.slowestNodes.map(
                (n) =>
                  html`<tr data-node=${n.nodeId}>
                    <th scope="row">${n.nodeName}</th>
                    <td>${n.workflowName ?? n.workflowId}</td>
                    <td class="num">${f.count(n.runs)}</td>
                    <td class="num">${f.duration(n.averageMs)}</td>
                    <td class="num">${f.duration(n.maxMs)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

/** The workflows failing most, with their last error. */
export function renderFailing(state: SectionState<DashboardOverview>, view: SectionView): TemplateResult | typeof nothing {
  const overview = valueOf(state);
  if (!overview) return nothing;
  const { t, f, days } = view;
  return html`<section class="failing" part="failing-workflows" aria-labelledby="failing-heading">
    <h2 id="failing-heading">${t('failing.heading')}</h2>
    ${
      overview.failingWorkflows.length === 0
        ? html`<p class="empty">${t('failing.empty', { days })}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t('failing.workflow')}</th>
                <th scope="col" class="num">${t('failing.failed')}</th>
                <th scope="col">${t('failing.lastError')}</th>
                <th scope="col">${t('failing.when')}</th>
              </tr>
            </thead>
            <tbody>
              ${overview.failingWorkflows.map(
                (w) =>
                  html`<tr data-workflow=${w.workflowId}>
                    <th scope="row">${w.workflowName ?? w.workflowId}</th>
                    <td class="num">${f.count(w.failed)}</td>
                    <td class="message">${w.lastError.message}</td>
                    <td><time datetime=${w.lastError.startedAt}>${f.dateTime(w.lastError.startedAt)}</time></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
