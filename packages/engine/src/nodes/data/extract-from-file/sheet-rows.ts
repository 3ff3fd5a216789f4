/**
 * One cell of a sheet: a value (and the text it shows, used when the cell is
 * a header), or an Excel error such as `#N/A`.
 */
export type SheetCell = { value: string | number | boolean; text: string } | { error: string };

/** A sheet's cells by 1-based row, then 1-based column; absent cells are empty. */
export type SheetGrid = Map<number, Map<number, SheetCell>>;

/** A block of cells, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** How rows become items: the options n8n's Extract from File and Spreadsheet File offer. */
export interface SheetRowOptions {
  /** The first row of the range names the fields; else each row is a list of cells. */
  headerRow: boolean;
  /** Empty cells give `''` instead of being left out. */
  includeEmptyCells: boolean;
  /** The range read; default: the cells in use. */
  range?: CellRange;
}

/** The block of cells that hold something; undefined for an empty sheet. */
export function usedRange(grid: SheetGrid): CellRange | undefined {
  let range: CellRange | undefined;
  for (const [row, cells] of grid) {
    for (const column of cells.keys()) {
      if (!range) range = { top: row, left: column, bottom: row, right: column };
      else {
        range.top = Math.min(range.top, row);
        range.bottom = Math.max(range.bottom, row);
        range.left = Math.min(range.left, column);
        range.right = Math.max(range.right, column);
      }
    }
  }
  return range;
}

const columnNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * Parses a range as n8n's spreadsheet nodes take it: A1 notation (`B2:D20`,
 * or one cell `B2`), or a row number where reading starts (1-based here; the
 * columns and last row are those of `used`). Undefined when `text` is neither.
 */
export function parseRange(text: string, used: CellRange | undefined): CellRange | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const top = Math.max(1, Number(trimmed));
    // An empty sheet: a range with no rows.
    return used ? { ...used, top } : { top, left: 1, bottom: top - 1, right: 1 };
  }
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(trimmed);
  if (!match) return undefined;
  const [, c1, r1, c2, r2] = match;
  const a = { row: Number(r1), column: columnNumber(c1!) };
  const b = c2 === undefined ? a : { row: Number(r2), column: columnNumber(c2) };
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.column, b.column),
    right: Math.max(a.column, b.column),
  };
}

/** `#NULL!` reads as null; other errors read as empty cells (as SheetJS, which n8n uses, reads them). */
const NULL_ERROR = '#NULL!';

/**
 * A sheet's rows as n8n reads them (SheetJS's `sheet_to_json`): with a header
 * row, one object per row keyed by the header cells' text (an empty header is
 * `__EMPTY`, a repeated one gets `_1`, `_2`...), rows with no value left out;
 * without, one list of cells per row, blank rows kept. Empty cells are left
 * out (null in a list) unless `includeEmptyCells` asks for `''`.
 */
export function sheetRows(grid: SheetGrid, options: SheetRowOptions): (Record<string, unknown> | unknown[])[] {
  const range = options.range ?? usedRange(grid);
  if (!range) return [];
  const cell = (row: number, column: number) => grid.get(row)?.get(column);
  const empty = options.includeEmptyCells ? '' : undefined;
  const out: (Record<string, unknown> | unknown[])[] = [];
  if (!options.headerRow) {
    for (let r = range.top; r <= range.bottom; r++) {
      const list: unknown[] = [];
      for (let c = range.left; c <= range.right; c++) {
        const found = cell(r, c);
        const v = found === undefined ? empty : 'error' in found ? (found.error === NULL_ERROR ? null : empty) : found.value;
        if (v !== undefined) list[c - range.left] = v;
      }
      out.push(Array.from(list, (v) => v ?? null));
    }
    return out;
  }
  const headers: string[] = [];
  const seen = new Map<string, number>();
  for (let c = range.left; c <= range.right; c++) {
    const found = cell(range.top, c);
    const name = found === undefined ? '__EMPTY' : 'error' in found ? found.error : found.text;
    let unique = name;
    let count = seen.get(name) ?? 0;
    if (count === 0) seen.set(name, 1);
    else {
      do unique = `${name}_${count++}`;
      while (seen.has(unique));
      seen.set(name, count);
      seen.set(unique, 1);
    }
    headers.push(unique);
  }
  for (let r = range.top + 1; r <= range.bottom; r++) {
    const json: Record<string, unknown> = {};
    let hasValue = false;
    for (let c = range.left; c <= range.right; c++) {
      const key = headers[c - range.left]!;
      const found = cell(r, c);
      if (found === undefined || ('error' in found && found.error !== NULL_ERROR)) {
        if (empty !== undefined) json[key] = empty;
      } else if ('error' in found) json[key] = null;
      else {
        json[key] = found.value;
        hasValue = true;
      }
    }
    if (hasValue) out.push(json);
  }
  return out;
}
