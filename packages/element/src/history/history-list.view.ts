import type { ExecutionSummary } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { durationOf, formatDuration, formatTime, MODES, STATUSES, type HistoryFilters } from './history-query.js';

/**
 * The filters of the list: status, trigger, first and last day, text in the
 * error. Selects and dates apply on change; the text on Enter or Apply.
 */
export function renderFilters(
  filters: HistoryFilters,
  ctx: { t: Translate; filtered: boolean; change: (e: Event) => void; clear: () => void },
): TemplateResult {
  const { t } = ctx;
  return html`<form class="filters" aria-label=${t('history.filters')} @submit=${ctx.change} @change=${ctx.change}>
    <label
      >${t('history.filter.status')}
      <select name="status" .value=${filters.status}>
        <option value="">${t('history.filter.any')}</option>
        ${STATUSES.map((s) => html`<option value=${s} ?selected=${filters.status === s}>${t(`history.status.${s}`)}</option>`)}
      </select>
    </label>
    <label
      >${t('history.filter.mode')}
      <select name="mode" .value=${filters.mode}>
        <option value="">${t('history.filter.any')}</option>
        ${MODES.map((m) => html`<option value=${m} ?selected=${filters.mode === m}>${t(`history.mode.${m}`)}</option>`)}
      </select>
    </label>
    <label>${t('history.filter.from')} <input type="date" name="from" .value=${filters.from} /></label>
    <label>${t('history.filter.to')} <input type="date" name="to" .value=${filters.to} /></label>
    <label class="wide">${t('history.filter.error')} <input type="search" name="error" .value=${filters.error} /></label>
    <div class="row wide">
      <button type="submit">${t('history.filter.apply')}</button>
      <button type="button" ?disabled=${!ctx.filtered} @click=${ctx.clear}>${t('history.filter.clear')}</button>
    </div>
  </form>`;
}

/** One page of runs: when each started (the button that opens it), status with the error, trigger, duration. */
export function renderRuns(
  items: readonly ExecutionSummary[],
  ctx: { t: Translate; lang: string; open: (id: string) => void },
): TemplateResult {
  const { t, lang } = ctx;
  return html`<div class="list">
    <table aria-labelledby="history-title">
      <thead>
        <tr>
          <th scope="col">${t('history.col.started')}</th>
          <th scope="col">${t('history.col.status')}</th>
          <th scope="col">${t('history.col.mode')}</th>
          <th scope="col">${t('history.col.duration')}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map((e) => {
          const time = formatTime(e.startedAt, lang);
          return html`<tr data-id=${e.id}>
            <td>
              <button type="button" class="open" aria-label=${t('history.open', { time })} @click=${() => ctx.open(e.id)}>${time}</button>
            </td>
            <td>
              <span class="status ${e.status}">${t(`history.status.${e.status}`)}</span>
              ${e.error ? html`<div class="error-text" title=${e.error.message}>${e.error.message}</div>` : nothing}
            </td>
            <td>${t(`history.mode.${e.mode}`)}</td>
            <td class="duration">${formatDuration(durationOf(e), lang)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
