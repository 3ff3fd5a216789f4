import { utf8Decode } from '../../../binary/bytes.js';
import { parameterError } from '../shared/node-error.js';
import { loadPapa } from '../shared/papa.js';
import { parseRange, sheetRows, usedRange, type SheetCell, type SheetGrid } from './sheet-rows.js';
import { isCompoundFile, isZip, MAX_UNPACKED_BYTES, readWorkbook, sheetGrid, sheetNames } from './xlsx.js';

/** The parameters of Extract from File that reading a spreadsheet uses. */
export interface SpreadsheetParams {
  operation: string;
  binaryProperty: string;
  sheetName: string;
  range: string;
  headerRow: boolean;
  includeEmptyCells: boolean;
  delimiter: string;
  rawData: boolean;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = 25_569;

/**
 * A CSV cell as a spreadsheet program reads it: TRUE/FALSE as booleans,
 * decimal numbers as numbers, ISO dates (2024-01-15) as Excel serial numbers,
 * the rest as text. Other spellings of numbers and dates stay text.
 */
function typedCell(text: string): SheetCell {
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', text };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { value: Number(text), text };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCMonth() === m - 1 && back.getUTCDate() === d) return { value: ms / MS_PER_DAY + EPOCH_1900, text };
  }
  return { value: text, text };
}

/** A CSV file's cells; empty fields are empty cells. */
async function csvGrid(bytes: Uint8Array, delimiter: string, typed: boolean): Promise<SheetGrid> {
  let text = utf8Decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const Papa = await loadPapa();
  const rows = Papa.parse<string[]>(text, { header: false, delimiter, skipEmptyLines: false }).data;
  // A final line break ends the last row; it does not start another.
  while (rows.length > 0 && rows[rows.length - 1]!.every((field) => field === '')) rows.pop();
  const grid: SheetGrid = new Map();
  rows.forEach((fields, r) => {
    const cells = new Map<number, SheetCell>();
    fields.forEach((field, c) => {
      if (field !== '') cells.set(c + 1, typed ? typedCell(field) : { value: field, text: field });
    });
    if (cells.size > 0) grid.set(r + 1, cells);
  });
  return grid;
}

const hexStart = (bytes: Uint8Array) =>
  Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'nothing (the file is empty)';

/** The grid of an XLSX file's chosen sheet. */
async function xlsxGrid(nodeName: string, bytes: Uint8Array, p: SpreadsheetParams, itemIndex: number): Promise<SheetGrid> {
  const file = `names '${p.binaryProperty}', whose file`;
  const tooLarge = parameterError(
    nodeName,
    'binaryProperty',
    `${file} is a workbook that unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, which Flowloom refuses (a guard against zip bombs)`,
    itemIndex,
  );
  let workbook;
  try {
    workbook = await readWorkbook(bytes, () => tooLarge);
  } catch (error) {
    if (error === tooLarge) throw error;
    throw parameterError(nodeName, 'binaryProperty', `${file} is not a readable XLSX workbook: ${(error as Error).message}`, itemIndex);
  }
  const names = sheetNames(workbook);
  if (names.length === 0) throw parameterError(nodeName, 'binaryProperty', `${file} is a workbook with no sheets`, itemIndex);
  const name = p.sheetName === '' ? names[0]! : p.sheetName;
  const sheet = workbook.worksheets.find((s) => s.name === name);
  if (!sheet) {
    throw parameterError(
      nodeName,
      'sheetName',
      `names '${name}', which the workbook does not have (its sheets: ${names.map((n) => `'${n}'`).join(', ')})`,
      itemIndex,
    );
  }
  return sheetGrid(workbook, sheet);
}

/**
 * The items a spreadsheet file gives, as n8n's Extract from File (XLSX) and
 * Spreadsheet File (Read From File) give them: one per row, keyed by the
 * header row's text, or `{ row: [cells] }` without a header row.
 * `spreadsheet` tells the format by the file's first bytes (XLSX is a zip
 * archive), reading anything else as CSV.
 */
export async function readSpreadsheet(
  nodeName: string,
  bytes: Uint8Array,
  p: SpreadsheetParams,
  itemIndex: number,
): Promise<Record<string, unknown>[]> {
  let grid: SheetGrid;
  if (isCompoundFile(bytes)) {
    throw parameterError(
      nodeName,
      'binaryProperty',
      `names '${p.binaryProperty}', whose file is an XLS (Excel 97-2003) workbook, which Flowloom does not read: save it as XLSX`,
      itemIndex,
    );
  }
  if (isZip(bytes)) grid = await xlsxGrid(nodeName, bytes, p, itemIndex);
  else if (p.operation === 'spreadsheet') grid = await csvGrid(bytes, p.delimiter, !p.rawData);
  else {
    throw parameterError(
      nodeName,
      'binaryProperty',
      `names '${p.binaryProperty}', whose file is not an XLSX workbook (those are zip archives, starting 50 4b 03 04; this one starts ${hexStart(bytes)})`,
      itemIndex,
    );
  }
  let range;
  if (p.range.trim() !== '') {
    range = parseRange(p.range, usedRange(grid));
    if (!range) throw parameterError(nodeName, 'range', `must be A1 notation (A2:D20) or a row number, got '${p.range}'`, itemIndex);
  }
  const rows = sheetRows(grid, { headerRow: p.headerRow, includeEmptyCells: p.includeEmptyCells, range });
  return rows.map((row) => (Array.isArray(row) ? { row } : row));
}
