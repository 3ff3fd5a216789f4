import type { Execution } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import type { EditorStore } from '../model/editor-store.js';
import { durationOf, formatDuration, formatTime } from './history-query.js';
import { renderTimeline } from './timeline.view.js';

/** What the view of one run needs from the panel: its state and its actions. */
export interface RunViewContext {
  t: Translate;
  lang: string;
  store: EditorStore;
  /** Whether a retry is running. */
  retrying: boolean;
  /** Whether the delete confirmation is shown. */
  confirming: boolean;
  /** The outcome of the last action (export, retry). */
  note: string;
  /** Back to editing, the panel closed. */
  close(): void;
  /** Back to the list. */
  back(): void;
  /** Retries with the workflow kept with the run (`original`) or the saved one (`current`). */
  retry(workflow: 'original' | 'current'): void;
  cancelRetry(): void;
  export(): void;
  askDelete(): void;
  delete(): void;
  cancelDelete(): void;
}

/**
 * A past run as the panel shows it while the canvas shows it read-only: the
 * way back to editing, its summary, its error with details, the timeline of
 * its node runs, and retry, export and delete (after a confirmation).
 */
export function renderRun(execution: Execution, ctx: RunViewContext): TemplateResult {
  const { t, store, lang } = ctx;
  const time = formatTime(execution.startedAt, lang);
  const error = execution.error;
  const retryable = execution.status === 'error' || execution.status === 'crashed' || execution.status === 'canceled';
  return html`<div class="viewing" role="note">
      <span>${t('history.viewing')}</span>
      <button type="button" class="primary back-to-editing" @click=${ctx.close}>${t('history.backToEditing')}</button>
    </div>
    <div class="run">
      <button type="button" class="all-runs" @click=${ctx.back}>${t('history.allRuns')}</button>
      <h3 id="history-run-title" tabindex="-1">${t('history.run', { time })}</h3>
      <dl class="meta">
        <dt>${t('history.col.status')}</dt>
        <dd><span class="status ${execution.status}">${t(`history.status.${execution.status}`)}</span></dd>
        <dt>${t('history.col.mode')}</dt>
        <dd>${t(`history.mode.${execution.mode}`)}</dd>
        <dt>${t('history.col.duration')}</dt>
        <dd>${formatDuration(durationOf(execution), lang)}</dd>
        <dt>${t('history.id')}</dt>
        <dd><code>${execution.id}</code></dd>
        ${
          execution.retryOf
            ? html`<dt>${t('history.retryOf')}</dt>
                <dd><code>${execution.retryOf}</code></dd>`
            : nothing
        }
      </dl>
      ${
        error
          ? html`<div class="error-box" role="group" aria-label=${t('history.error')}>
              <strong>${t('history.error')}</strong>
              ${error.node ? html`<div class="error-node">${t('history.errorIn', { node: error.node.name })}</div>` : nothing}
              <p class="error-message">${error.message}</p>
              <div class="muted"><code>${error.code}</code> · ${error.name}</div>
              ${
                error.details === undefined
                  ? nothing
                  : html`<details>
                      <summary>${t('history.errorDetails')}</summary>
                      <pre>${JSON.stringify(error.details, null, 2)}</pre>
                    </details>`
              }
            </div>`
          : nothing
      }
      <h4 id="history-timeline">${t('history.timeline')}</h4>
      ${renderTimeline(execution, { t, lang, selected: store.selectedNodes, select: (id) => store.select([id]) })}
      <div class="actions">
        ${
          ctx.retrying
            ? html`<span role="status">${t('history.retrying')}</span>
                <button type="button" class="retry-cancel" @click=${ctx.cancelRetry}>${t('history.retryCancel')}</button>`
            : html`<button type="button" class="retry" ?disabled=${!retryable} @click=${() => ctx.retry('original')}>
                  ${t('history.retry')}
                </button>
                <button type="button" class="retry-saved" ?disabled=${!retryable} @click=${() => ctx.retry('current')}>
                  ${t('history.retrySaved')}
                </button>`
        }
        <button type="button" class="export" @click=${ctx.export}>${t('history.export')}</button>
        <button
          type="button"
          class="delete"
          ?disabled=${ctx.retrying}
          aria-expanded=${ctx.confirming ? 'true' : 'false'}
          @click=${ctx.askDelete}
        >
          ${t('history.delete')}
        </button>
      </div>
      ${
        ctx.confirming
          ? html`<div class="confirm" role="alertdialog" aria-labelledby="history-confirm">
              <p id="history-confirm" class="confirm-title">${t('history.deleteConfirm')}</p>
              <div class="row">
                <button type="button" class="danger delete-yes" @click=${ctx.delete}>${t('history.deleteYes')}</button>
                <button type="button" class="delete-no" @click=${ctx.cancelDelete}>${t('history.deleteNo')}</button>
              </div>
            </div>`
          : nothing
      }
      <p class="note" role="status">${ctx.note}</p>
    </div>`;
}
