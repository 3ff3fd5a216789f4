import type { CellValue, Workbook, Worksheet } from 'exceljs';
import type { SheetCell, SheetGrid } from './sheet-rows.js';

type ExcelJs = typeof import('exceljs');

let excel: Promise<ExcelJs> | undefined;

/**
 * Loads exceljs on first use (a CommonJS module: its API is the default export
 * under ESM), so reading and writing spreadsheets costs nothing until a
 * workflow does it.
 */
export function loadExcel(): Promise<ExcelJs> {
  return (excel ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJs }).default ?? m) as ExcelJs));
}

/** The zip signature every XLSX (and other Office Open XML) file starts with. */
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The signature of the older binary Office files (XLS), which Flowloom does not read. */
export const isCompoundFile = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/** The most a workbook may unpack to: a guard against zip bombs. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/**
 * The workbook's zip with its entries stored uncompressed, unpacked by fflate
 * within {@link MAX_UNPACKED_BYTES}: fflate never writes past the size an entry
 * declares, so summing the declared sizes bounds the memory used, and exceljs
 * (whose zip reader trusts what it inflates) is then given nothing to inflate.
 */
async function unpackedZip(bytes: Uint8Array, tooLarge: () => Error): Promise<Uint8Array> {
  const { unzipSync, zipSync } = await import('fflate');
  let left = MAX_UNPACKED_BYTES;
  const entries = unzipSync(bytes, {
    filter: (file) => {
      left -= file.originalSize;
      if (left < 0) throw tooLarge();
      return true;
    },
  });
  return zipSync(entries, { level: 0 });
}

/**
 * Reads an XLSX workbook; throws what `tooLarge` gives when it would unpack to
 * more than {@link MAX_UNPACKED_BYTES}, and the zip reader's or exceljs's error
 * when the bytes are not a workbook.
 */
export async function readWorkbook(bytes: Uint8Array, tooLarge: () => Error): Promise<Workbook> {
  const [{ Workbook }, stored] = await Promise.all([loadExcel(), unpackedZip(bytes, tooLarge)]);
  const workbook = new Workbook();
  // exceljs types its input as Node's Buffer; any ArrayBuffer view of the bytes is read the same.
  await workbook.xlsx.load(stored.slice().buffer as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30 in the 1900 system) to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** The 1904 date system starts 1,462 days later. */
const EPOCH_1904 = EPOCH_1900 - 1_462;

/** Numbers in headers as Excel's General format shows them: at most 11 significant digits. */
function generalText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e11 ? String(n) : String(Number(n.toPrecision(11)));
}

/**
 * One exceljs value as a sheet cell. Dates become Excel serial numbers, as n8n
 * (SheetJS) gives them: exceljs turns date-formatted numbers into Dates
 * (rounded to the millisecond) and this turns them back. Formulas give their
 * cached result, rich text and links their text.
 */
function toCell(value: CellValue, date1904: boolean): SheetCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return { value, text: value };
  if (typeof value === 'number') return { value, text: generalText(value) };
  if (typeof value === 'boolean') return { value, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    const serial = value.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
    // Undo the float noise of exceljs's conversion: Excel stores at most 17 significant digits anyway.
    const rounded = Number(serial.toPrecision(15));
    return {
      value: rounded,
      text: value
        .toISOString()
        .replace(/T00:00:00\.000Z$/, '')
        .replace(/\.000Z$/, ''),
    };
  }
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) {
    const text = value.richText.map((run) => run.text).join('');
    return { value: text, text };
  }
  if ('formula' in value || 'sharedFormula' in value) return toCell(value.result as CellValue, date1904);
  if ('hyperlink' in value) return toCell(value.text as CellValue, date1904);
  return undefined;
}

/** The names of a workbook's sheets, in the order of their tabs. */
export const sheetNames = (workbook: Workbook) => workbook.worksheets.map((sheet) => sheet.name);

/**
 * A worksheet's cells. The cells a merge covers, except its top-left one, are
 * empty, as in the file (exceljs repeats the top-left value in them).
 */
export function sheetGrid(workbook: Workbook, sheet: Worksheet): SheetGrid {
  const date1904 = workbook.properties?.date1904 === true;
  const grid: SheetGrid = new Map();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const found = toCell(cell.value, date1904);
      if (!found) return;
      let cells = grid.get(rowNumber);
      if (!cells) grid.set(rowNumber, (cells = new Map()));
      cells.set(columnNumber, found);
    });
  });
  return grid;
}
