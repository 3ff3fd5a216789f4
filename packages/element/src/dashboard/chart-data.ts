import type { DayCount } from './dashboard-data-source.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window of `days` UTC days ending with today: its start (ISO) and each day (`2026-06-10`), oldest first. */
export function windowDays(now: number, days: number): { from: string; days: string[] } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const count = Math.max(1, Math.floor(days));
  const list = Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  return { from: `${list[0]}T00:00:00.000Z`, days: list };
}

/** The chart's columns: one per day of the window, days without executions at zero. */
export interface ChartColumns {
  /** Each day's start, in epoch seconds (uPlot's time unit). */
  x: number[];
  total: number[];
  failed: number[];
  /** Successful among finished, in percent; null on days where none finished. */
  successRate: (number | null)[];
}

/** Lines the server's days (only days with executions) up with every day of the window. */
export function chartColumns(perDay: readonly DayCount[], days: readonly string[]): ChartColumns {
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  const columns: ChartColumns = { x: [], total: [], failed: [], successRate: [] };
  for (const day of days) {
    const d = byDay.get(day);
    const finished = (d?.success ?? 0) + (d?.failed ?? 0);
    columns.x.push(Date.parse(`${day}T00:00:00Z`) / 1000);
    columns.total.push(d?.total ?? 0);
    columns.failed.push(d?.failed ?? 0);
    columns.successRate.push(finished === 0 ? null : Math.round(((d?.success ?? 0) / finished) * 1000) / 10);
  }
  return columns;
}
