import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Execution } from '@flowloom/engine';
import type { Translate } from '../i18n/translate.js';
import { formatDuration } from './history-query.js';
import { executionTimeline } from './timeline.js';

/** Bars drawn at most; a loop of thousands of runs is summarised by a count. */
const MAX_BARS = 200;

/** What the timeline needs from the panel. */
export interface TimelineContext {
  t: Translate;
  lang: string;
  /** Nodes selected on the canvas (their bars are marked). */
  selected: ReadonlySet<string>;
  /** Selects a node, so the run panel shows its data. */
  select(nodeId: string): void;
}

/**
 * An execution's node runs as a bar chart: one row per run, in the order
 * they ran, each bar placed from the execution's start and as long as the
 * run took. Each row is a button selecting its node; arrow keys, Home and
 * End move between rows (one tab stop for the chart).
 */
export function renderTimeline(execution: Execution, ctx: TimelineContext): TemplateResult {
  const { t, lang } = ctx;
  const { bars, totalMs } = executionTimeline(execution);
  if (bars.length === 0) return html`<p class="muted">${t('history.timelineEmpty')}</p>`;
  const scale = totalMs > 0 ? 100 / totalMs : 0;
  const shown = bars.slice(0, MAX_BARS);
  const focusIndex = Math.max(
    0,
    shown.findIndex((b) => ctx.selected.has(b.nodeId)),
  );
  return html`<ol class="timeline" aria-labelledby="history-timeline" @keydown=${onTimelineKey}>
      ${shown.map((bar, i) => {
        const duration = formatDuration(bar.durationMs, lang);
        const label = t('history.bar', { name: bar.nodeName, duration, offset: formatDuration(bar.offsetMs, lang) });
        // A run too short to see still gets a sliver.
        const width = Math.max(0.5, bar.durationMs * scale);
        const x = Math.min(100 - width, bar.offsetMs * scale);
        return html`<li>
          <button
            type="button"
            class="bar-row ${bar.status}"
            data-node=${bar.nodeId}
            aria-label=${bar.reused ? `${label} ${t('history.reused')}` : label}
            aria-pressed=${ctx.selected.has(bar.nodeId) ? 'true' : 'false'}
            tabindex=${i === focusIndex ? 0 : -1}
            @click=${() => ctx.select(bar.nodeId)}
          >
            <span class="bar-name">${bar.nodeName}${bar.runIndex > 0 ? ` #${bar.runIndex + 1}` : ''}</span>
            <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              ${svg`<rect class="track" x="0" y="0" width="100" height="10"></rect>
                <rect class="bar ${bar.status}${bar.reused ? ' reused' : ''}" x=${x} y="1" width=${width} height="8" rx="1"></rect>`}
            </svg>
            <span class="bar-duration">${duration}</span>
          </button>
        </li>`;
      })}
    </ol>
    <div class="timeline-scale muted" aria-hidden="true"><span>0</span><span>${formatDuration(totalMs, lang)}</span></div>
    ${bars.length > MAX_BARS ? html`<p class="muted">${t('history.timelineMore', { count: bars.length - MAX_BARS })}</p>` : nothing}`;
}

/** Roving focus between the rows of the chart. */
function onTimelineKey(e: KeyboardEvent): void {
  const list = e.currentTarget as HTMLElement;
  const rows = [...list.querySelectorAll<HTMLButtonElement>('button.bar-row')];
  const at = rows.indexOf(e.target as HTMLButtonElement);
  if (at < 0) return;
  const next =
    e.key === 'ArrowDown'
      ? Math.min(rows.length - 1, at + 1)
      : e.key === 'ArrowUp'
        ? Math.max(0, at - 1)
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? rows.length - 1
            : -1;
  if (next < 0) return;
  e.preventDefault();
  rows[at]!.tabIndex = -1;
  rows[next]!.tabIndex = 0;
  rows[next]!.focus();
}
