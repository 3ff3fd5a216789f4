import type { ExecutionMode, ExecutionQuery, ExecutionStatus } from '@flowloom/engine';

/** The history's filters as the form holds them: empty strings for "any". */
export interface HistoryFilters {
  status: ExecutionStatus | '';
  mode: ExecutionMode | '';
  /** First day shown, `YYYY-MM-DD` in the viewer's time zone. */
  from: string;
  /** Last day shown (included), `YYYY-MM-DD` in the viewer's time zone. */
  to: string;
  /** Text the error message contains. */
  error: string;
}

export const NO_FILTERS: HistoryFilters = { status: '', mode: '', from: '', to: '', error: '' };

export const STATUSES: readonly ExecutionStatus[] = ['success', 'error', 'canceled', 'crashed', 'running', 'waiting'];
export const MODES: readonly ExecutionMode[] = ['manual', 'webhook', 'schedule', 'trigger', 'subworkflow', 'retry'];

/** Midnight of a `YYYY-MM-DD` day in the viewer's time zone, plus `days`; undefined for anything else. */
function localDay(day: string, days = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The store query of one page of a workflow's history under these filters (newest first). */
export function historyQuery(workflowId: string, filters: HistoryFilters, limit: number, cursor?: string): ExecutionQuery {
  const query: ExecutionQuery = { workflowId, limit };
  if (filters.status) query.status = filters.status;
  if (filters.mode) query.mode = filters.mode;
  const from = localDay(filters.from);
  if (from) query.startedFrom = from;
  // The last day is included: the range ends at the next midnight.
  const to = localDay(filters.to, 1);
  if (to) query.startedTo = to;
  if (filters.error.trim()) query.errorContains = filters.error.trim();
  if (cursor !== undefined) query.cursor = cursor;
  return query;
}

/** A duration as people read it: `850 ms`, `1.2 s`, `3 min 4 s`, `2 h 5 min`. */
export function formatDuration(ms: number | undefined, locale: string): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const n = (value: number, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits });
  if (ms < 1000) return `${n(Math.round(ms))} ms`;
  if (ms < 60_000) return `${n(ms / 1000, 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A start time as a short local date and time. */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  } catch {
    return date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
  }
}

/** How long a finished execution took; undefined while it runs. */
export function durationOf(e: { startedAt: string; finishedAt?: string }): number | undefined {
  return e.finishedAt === undefined ? undefined : Date.parse(e.finishedAt) - Date.parse(e.startedAt);
}
