// Rows added or changed between two reads of a sheet. Sheets keeps no change time on a row, so the trigger keeps the
// sheet as its last poll read it (up to WATCHED_ROWS data rows) and compares, row by row, what it reads next.
import { rowObject, ROW_NUMBER } from './google-sheets-rows.js';

/** What starts a run: rows added (by row number), rows whose cells changed, or both. */
export type RowEvent = 'rowAdded' | 'rowUpdated' | 'rowAddedOrUpdated';
/** What a changed row puts out: its cells now, its cells before, or both with the differences. */
export type ChangeOutput = 'new' | 'old' | 'both';

/**
 * Data rows the trigger keeps from one poll to the next, from the first under
 * the header. Rows further down are still put out when added (their number is
 * past the last row seen), but changes to them are not seen.
 */
export const WATCHED_ROWS = 2000;

/** A sheet as one poll read it: the header and the data rows under it (row `headerRow + 1 + i` at index i). */
export interface SheetRead {
  header: string[];
  rows: unknown[][];
  /** The number of the sheet's last row holding a value (the header row when none). */
  lastRow: number;
}

/** Where a poll watching for changes left off: the sheet as it read it, at most WATCHED_ROWS data rows. */
export interface ChangeCursor {
  lastRow: number;
  header: string[];
  rows: unknown[][];
}

export const isChangeCursor = (value: unknown): value is ChangeCursor =>
  typeof (value as ChangeCursor | undefined)?.lastRow === 'number' &&
  Array.isArray((value as ChangeCursor).header) &&
  Array.isArray((value as ChangeCursor).rows);

/** The cursor a poll leaves: the sheet it read, cut to the rows watched. */
export function changeCursor(read: SheetRead): ChangeCursor {
  return { lastRow: read.lastRow, header: read.header, rows: read.rows.slice(0, WATCHED_ROWS) };
}

const isEmpty = (row: readonly unknown[] | undefined) => !row || row.every((v) => v === '' || v === null || v === undefined);
const cell = (value: unknown) => (value === null || value === undefined ? '' : value);

/** The columns whose value differs between two rows as items: the ones watched, else every column of either. */
function changedColumns(before: Record<string, unknown>, after: Record<string, unknown>, watched: readonly string[]): string[] {
  const names = watched.length > 0 ? watched : [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.filter((name) => name !== ROW_NUMBER && cell(before[name]) !== cell(after[name]));
}

/**
 * The rows added or changed from `before` to `now`, top to bottom, as items.
 * A row is added when it held nothing before (or lay past the last row); it
 * is updated when one of its watched cells (every cell, when none is named)
 * changed. Rows emptied or deleted are not put out; a deleted row moves the
 * rows under it up, so they count as changed, as they now hold other values.
 */
export function rowChanges(
  before: { lastRow: number; header: readonly string[]; rows: readonly unknown[][] },
  now: SheetRead,
  options: { headerRow: number; event: Exclude<RowEvent, 'rowAdded'>; output: ChangeOutput; columnsToWatch: readonly string[] },
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  now.rows.forEach((values, i) => {
    if (isEmpty(values)) return;
    const number = options.headerRow + 1 + i;
    const known = i < before.rows.length;
    // A row the last poll saw but did not keep (past WATCHED_ROWS): its old cells are unknown.
    if (!known && number <= before.lastRow) return;
    const added = !known || isEmpty(before.rows[i]);
    if (added && options.event === 'rowUpdated') return;
    const current = rowObject(now.header, values, number);
    const previous = added ? rowObject(now.header, [], number) : rowObject(before.header, before.rows[i]!, number);
    const changed = changedColumns(previous, current, options.columnsToWatch);
    if (!added && changed.length === 0) return;
    const type = options.event === 'rowAddedOrUpdated' ? { change_type: added ? 'added' : 'updated' } : {};
    if (options.output === 'new') out.push({ ...current, ...type });
    else if (options.output === 'old') out.push({ ...previous, ...type });
    else {
      const differences: Record<string, unknown> = { [ROW_NUMBER]: number };
      for (const name of changedColumns(previous, current, [])) {
        differences[name] = { previous: cell(previous[name]), current: cell(current[name]) };
      }
      out.push({ previous: { ...previous, ...type }, current: { ...current, ...type }, differences });
    }
  });
  return out;
}
