import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { ExecutionMode, ExecutionStatus } from '../model/execution.js';
import type { ExecutionQuery, ExecutionSummary } from './execution-store.js';
import { StorageError } from './storage.error.js';

/** A query with its shorthand expanded and its values checked; what adapters work from. */
export interface NormalizedExecutionQuery {
  workflowIds?: readonly string[];
  statuses?: readonly ExecutionStatus[];
  modes?: readonly ExecutionMode[];
  startedFrom?: string;
  startedTo?: string;
  minDurationMs?: number;
  maxDurationMs?: number;
  /** Lower-cased. */
  errorContains?: string;
  retryOf?: string;
  order: 'asc' | 'desc';
  limit: number;
  after?: { startedAt: string; id: string };
}

/** The keys `ExecutionQuery` accepts. */
export const EXECUTION_QUERY: OptionSpec<ExecutionQuery> = {
  workflowId: true,
  status: true,
  mode: true,
  startedFrom: true,
  startedTo: true,
  minDurationMs: true,
  maxDurationMs: true,
  errorContains: true,
  retryOf: true,
  order: true,
  limit: true,
  cursor: true,
};

/** The largest page a list returns. */
export const MAX_EXECUTION_PAGE = 1000;

/** The cursor that continues a list after this execution. */
export function executionCursor(summary: Pick<ExecutionSummary, 'startedAt' | 'id'>): string {
  return `${summary.startedAt}|${summary.id}`;
}

function invalid(message: string): StorageError {
  return new StorageError('STORAGE_QUERY_INVALID', `Execution query: ${message}`);
}

function instant(value: unknown, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw invalid(`'${field}' must be an ISO 8601 date-time, got ${JSON.stringify(value)}.`);
  return new Date(ms).toISOString();
}

function list<T>(value: T | readonly T[] | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function duration(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0))
    throw invalid(`'${field}' must be a number of milliseconds, 0 or more, got ${JSON.stringify(value)}.`);
  return value;
}

/**
 * Expands and checks a query; throws a `StorageError` naming the bad field,
 * or an `OptionError` for a field no query has (a filter that would
 * otherwise be ignored, widening the result).
 */
export function normalizeExecutionQuery(query: ExecutionQuery = {}): NormalizedExecutionQuery {
  checkOptions('Execution query', query, EXECUTION_QUERY);
  const out: NormalizedExecutionQuery = { order: query.order ?? 'desc', limit: 100 };
  if (out.order !== 'asc' && out.order !== 'desc') throw invalid(`'order' must be 'asc' or 'desc', got ${JSON.stringify(query.order)}.`);
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1)
      throw invalid(`'limit' must be a whole number, 1 or more, got ${JSON.stringify(query.limit)}.`);
    out.limit = Math.min(query.limit, MAX_EXECUTION_PAGE);
  }
  const workflowIds = list(query.workflowId);
  if (workflowIds) out.workflowIds = workflowIds;
  const statuses = list(query.status);
  if (statuses) out.statuses = statuses;
  const modes = list(query.mode);
  if (modes) out.modes = modes;
  if (query.startedFrom !== undefined) out.startedFrom = instant(query.startedFrom, 'startedFrom');
  if (query.startedTo !== undefined) out.startedTo = instant(query.startedTo, 'startedTo');
  const min = duration(query.minDurationMs, 'minDurationMs');
  if (min !== undefined) out.minDurationMs = min;
  const max = duration(query.maxDurationMs, 'maxDurationMs');
  if (max !== undefined) out.maxDurationMs = max;
  if (query.errorContains !== undefined && query.errorContains !== '') out.errorContains = query.errorContains.toLowerCase();
  if (query.retryOf !== undefined) out.retryOf = query.retryOf;
  if (query.cursor !== undefined) {
    const bar = query.cursor.indexOf('|');
    if (bar < 0) throw invalid(`'cursor' ${JSON.stringify(query.cursor)} was not made by executionCursor().`);
    out.after = { startedAt: instant(query.cursor.slice(0, bar), 'cursor'), id: query.cursor.slice(bar + 1) };
  }
  return out;
}

/** How long a finished execution took, in milliseconds; undefined while it runs. */
export function executionDurationMs(summary: Pick<ExecutionSummary, 'startedAt' | 'finishedAt'>): number | undefined {
  return summary.finishedAt === undefined ? undefined : Date.parse(summary.finishedAt) - Date.parse(summary.startedAt);
}

/** Whether a summary passes every filter of the query, the cursor included. */
export function matchesExecutionQuery(e: ExecutionSummary, q: NormalizedExecutionQuery, ignoreCursor = false): boolean {
  if (q.workflowIds && !q.workflowIds.includes(e.workflowId)) return false;
  if (q.statuses && !q.statuses.includes(e.status)) return false;
  if (q.modes && !q.modes.includes(e.mode)) return false;
  if (q.startedFrom !== undefined && e.startedAt < q.startedFrom) return false;
  if (q.startedTo !== undefined && e.startedAt >= q.startedTo) return false;
  if (q.minDurationMs !== undefined || q.maxDurationMs !== undefined) {
    const d = executionDurationMs(e);
    if (d === undefined) return false;
    if (q.minDurationMs !== undefined && d < q.minDurationMs) return false;
    if (q.maxDurationMs !== undefined && d > q.maxDurationMs) return false;
  }
  if (q.errorContains !== undefined && !(e.error?.message.toLowerCase().includes(q.errorContains) ?? false)) return false;
  if (q.retryOf !== undefined && e.retryOf !== q.retryOf) return false;
  if (q.after && !ignoreCursor && compareExecutions(e, q.after, q.order) <= 0) return false;
  return true;
}

/** Sort order of lists: by start time, then id; negative when `a` comes first. */
export function compareExecutions(
  a: Pick<ExecutionSummary, 'startedAt' | 'id'>,
  b: Pick<ExecutionSummary, 'startedAt' | 'id'>,
  order: 'asc' | 'desc',
): number {
  const c = a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return order === 'asc' ? c : -c;
}
