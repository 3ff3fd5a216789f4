import { loadExcel } from '../extract-from-file/xlsx.js';

/** What {@link writeXlsx} takes: the sheet's name, whether to write a header row, and whether to deflate the zip. */
export interface XlsxWriteOptions {
  sheetName: string;
  header: boolean;
  compression: boolean;
}

type CellValue = string | number | boolean | null;

/**
 * An item's fields one level deep, nested objects and lists spread into
 * dotted keys (`address.city`, `tags.0`), as a spreadsheet row needs them.
 * Empty objects and lists give no cell.
 */
export function flattenFields(
  json: Readonly<Record<string, unknown>>,
  prefix = '',
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(json)) {
    if (value !== null && typeof value === 'object') flattenFields(value as Record<string, unknown>, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = value;
  }
  return into;
}

/** A field's value as a cell: strings, numbers and booleans as they are, nothing for null, text for the rest. */
function cellOf(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return String(value as string);
}

/**
 * One XLSX workbook with one sheet: a column per field (in the order the
 * fields first appear across the rows, nested ones spread by
 * {@link flattenFields}), a row per item. Strings, numbers and booleans keep
 * their types; `null` leaves the cell empty. The zip's entries are stored
 * uncompressed unless `compression` is set.
 */
export async function writeXlsx(rows: readonly Readonly<Record<string, unknown>>[], options: XlsxWriteOptions): Promise<Uint8Array> {
  const flat = rows.map((row) => flattenFields(row));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(options.sheetName);
  if (options.header && columns.length > 0) sheet.addRow(columns);
  for (const row of flat) sheet.addRow(columns.map((c) => cellOf(row[c])));
  // exceljs passes `zip` on to its zip writer (JSZip), whose `compression` is STORE or DEFLATE.
  const writeOptions = { zip: { compression: options.compression ? 'DEFLATE' : 'STORE' } };
  const buffer = await workbook.xlsx.writeBuffer(writeOptions as Parameters<typeof workbook.xlsx.writeBuffer>[0]);
  return new Uint8Array(buffer as ArrayBuffer);
}
