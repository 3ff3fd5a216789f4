// Rows as items: a sheet read under its header row, and items written into the columns their fields name. Appends
// from many items go in one request (Sheets allows 60 writes a minute per user); look-ups read the sheet once per run.
import type { Item, NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import type { OperationContext, Service } from '../../kit/service-types.js';
import { pathSegment } from '../google/google-bytes.js';
import { operationLabel } from '../google/google-http.js';
import { columnLetters, onSheet, rangeStart, spreadsheetIdOf } from './google-sheets-a1.js';

export type Cell = string | number | boolean;

/** The field every row item carries: the row's number in the sheet, to update it later. */
export const ROW_NUMBER = 'row_number';

export const spreadsheetId = z.string().trim().min(1).meta({
  label: 'Spreadsheet',
  placeholder: 'https://docs.google.com/spreadsheets/d/1BxiM.../edit',
  description: 'The spreadsheet\u2019s ID, or its URL.',
});
export const sheet = z
  .string()
  .trim()
  .min(1)
  .default('Sheet1')
  .meta({
    label: 'Sheet',
    description: 'The sheet\u2019s (tab\u2019s) name.',
    loadOptions: 'sheets',
    loadOptionsDependsOn: ['spreadsheetId'],
  });
const headerRow = z.number().int().min(1).default(1).meta({ label: 'Header row', description: 'The row holding the column names.' });
const valueInputOption = z.enum(['USER_ENTERED', 'RAW']).default('USER_ENTERED').meta({
  label: 'Write values',
  description: 'USER_ENTERED parses them as if typed (numbers, dates, formulas); RAW stores them as given.',
});
const unknownColumns = z
  .enum(['ignore', 'add', 'error'])
  .default('ignore')
  .meta({ label: 'Fields not in the sheet', description: 'Leave them out, add them as new columns, or fail.' });
const rowValues = z
  .record(z.string(), z.unknown())
  .optional()
  .meta({ label: 'Values', editor: 'json', description: 'Column name to value. Default: the item\u2019s own fields.' });
const skipColumns = z.array(z.string().trim().min(1)).optional().meta({
  label: 'Columns left out',
  description: 'Fields never written, whatever the values hold: for columns the sheet fills itself, or fields of the item kept out of it.',
});
const matchColumn = z.string().trim().min(1).meta({ label: 'Column to match on', placeholder: 'Email' });
const matchValue = z
  .union([z.string(), z.number(), z.boolean()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text, a number or true or false'),
  })
  .meta({ label: 'Value to match' });
const matchValueOrWritten = matchValue
  .optional()
  .meta({ label: 'Value to match', description: 'Default: the value of that column among the values written.' });

export const appendParams = z.object({ spreadsheetId, sheet, headerRow, rowValues, skipColumns, valueInputOption, unknownColumns });
export const lookupParams = z.object({ spreadsheetId, sheet, headerRow, matchColumn, matchValue });
export const updateParams = z.object({
  spreadsheetId,
  sheet,
  headerRow,
  matchColumn,
  matchValue: matchValueOrWritten,
  rowValues,
  skipColumns,
  valueInputOption,
  unknownColumns,
});
export const readParams = z.object({
  spreadsheetId,
  sheet,
  range: z.string().trim().min(1).optional().meta({ label: 'Range', placeholder: 'A1:F100', description: 'Default: the whole sheet.' }),
  firstRowIsHeader: z
    .boolean()
    .default(true)
    .meta({ label: 'First row holds the column names', description: 'Else fields are named by column: A, B, C...' }),
  valueRenderOption: z
    .enum(['UNFORMATTED_VALUE', 'FORMATTED_VALUE', 'FORMULA'])
    .default('UNFORMATTED_VALUE')
    .meta({ label: 'Read values', description: 'Numbers as numbers, as shown in the sheet, or the formulas.' }),
});
type AppendParams = z.output<typeof appendParams>;
type LookupParams = z.output<typeof lookupParams>;
type UpdateParams = z.output<typeof updateParams>;
type ReadParams = z.output<typeof readParams>;

/** A row as an item: each column under its header (or its letter), and `row_number`. */
export function rowObject(
  header: readonly string[],
  values: readonly unknown[],
  rowNumber: number,
  firstColumn = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < Math.max(header.length, values.length); i++) out[header[i] || columnLetters(firstColumn + i)] = values[i] ?? '';
  out[ROW_NUMBER] = rowNumber;
  return out;
}

/** A value as a cell takes it: objects as JSON text, nothing as an empty cell. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return value as Cell;
}

const valuesPath = (id: string, range: string, suffix = '') => `/spreadsheets/${pathSegment(id)}/values/${pathSegment(range)}${suffix}`;

/** A sheet as read once: its header, and each data row with its number. */
interface SheetData {
  header: string[];
  rows: { number: number; values: unknown[] }[];
}

type Op<P> = OperationContext<P>;

async function readSheet(op: Op<unknown>, id: string, sheetName: string, header: number): Promise<SheetData> {
  const answer = await op.request({
    method: 'GET',
    path: valuesPath(id, onSheet(sheetName)),
    query: { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' },
  });
  const body = answer.body as { range?: string; values?: unknown[][] };
  const start = rangeStart(body.range ?? 'A1').row;
  const all = (body.values ?? []).map((values, i) => ({ number: start + i, values }));
  return {
    header: (all.find((r) => r.number === header)?.values ?? []).map((v) => String(v).trim()),
    rows: all.filter((r) => r.number > header),
  };
}

/** The sheets one activation has read, so items looking up the same sheet read it once; writes keep them current. */
const readSheets = new WeakMap<NodeContext, Map<string, Promise<SheetData>>>();

function sheetOf(op: Op<unknown>, id: string, sheetName: string, header: number): Promise<SheetData> {
  let cache = readSheets.get(op.ctx);
  if (!cache) readSheets.set(op.ctx, (cache = new Map()));
  const key = JSON.stringify([id, sheetName, header]);
  let data = cache.get(key);
  if (!data) cache.set(key, (data = readSheet(op, id, sheetName, header)));
  return data;
}

/** The values an item writes: its `rowValues`, else its own fields (but its row number and the columns left out). */
function valuesOf(
  params: { rowValues?: Record<string, unknown> | undefined; skipColumns?: readonly string[] | undefined },
  item: Item,
): Record<string, unknown> {
  const { [ROW_NUMBER]: _, ...fields } = params.rowValues ?? item.json;
  for (const name of params.skipColumns ?? []) delete fields[name];
  return fields;
}

/**
 * The columns `values` writes to, by the sheet's header: fields the header
 * lacks are left out, added to the header (written to the sheet), or an
 * error, as the user chose.
 */
async function columnsFor(
  op: Op<unknown>,
  target: { id: string; sheet: string; headerRow: number; unknownColumns: 'ignore' | 'add' | 'error'; label: string },
  header: string[],
  names: readonly string[],
): Promise<void> {
  const missing = names.filter((name) => !header.includes(name));
  if (missing.length === 0 || target.unknownColumns === 'ignore') return;
  if (target.unknownColumns === 'error') {
    throw nodeError(
      op.ctx,
      `${target.label}: sheet '${target.sheet}' has no column ${missing.map((m) => `'${m}'`).join(', ')} (its header row ${target.headerRow}: ${header.join(', ') || 'empty'}); add the column, or set parameter 'unknownColumns' to ignore or add.`,
      'PARAMETER_INVALID',
    );
  }
  const first = header.length;
  header.push(...missing);
  await op.request({
    method: 'PUT',
    path: valuesPath(target.id, onSheet(target.sheet, `${columnLetters(first)}${target.headerRow}`)),
    query: { valueInputOption: 'RAW' },
    body: { values: [missing] },
  });
}

/** Appends rows under the table that starts at the header row; returns the number of the first row written. */
async function appendRows(op: Op<unknown>, p: AppendParams & { id: string }, rows: Cell[][]): Promise<number> {
  const answer = await op.request({
    method: 'POST',
    path: valuesPath(p.id, onSheet(p.sheet, `A${p.headerRow}`), ':append'),
    query: { valueInputOption: p.valueInputOption, insertDataOption: 'INSERT_ROWS' },
    body: { values: rows },
  });
  const updated = (answer.body as { updates?: { updatedRange?: string } }).updates?.updatedRange;
  return updated ? rangeStart(updated).row : p.headerRow + 1;
}

/** Each item's appended row, by item index, for the items of one activation appended together. */
const appended = new WeakMap<NodeContext, Map<number, Promise<Record<string, unknown>>>>();

/**
 * Appends the item's values as a row. The first item of an activation
 * appends, in one request, the rows of every later item that writes to the
 * same sheet the same way; each item then puts out its own row.
 */
export function appendRow(sheets: () => Service) {
  return async (op: Op<AppendParams>): Promise<Item[]> => {
    let results = appended.get(op.ctx);
    if (!results) appended.set(op.ctx, (results = new Map()));
    if (!results.has(op.itemIndex)) {
      const same = JSON.stringify(targetOf(op.params));
      const members = [{ index: op.itemIndex, params: op.params, item: op.item }];
      const items = op.ctx.input();
      for (let j = op.itemIndex + 1; j < items.length; j++) {
        if (results.has(j)) continue;
        const params = laterParams(op.ctx, j);
        if (params && JSON.stringify(targetOf(params)) === same) members.push({ index: j, params, item: items[j]! });
      }
      const batch = appendBatch(op, sheets(), members);
      members.forEach((member, k) => {
        const row = batch.then((rows) => rows[k]!);
        // An item whose turn never comes (an earlier one failed) leaves its promise unread.
        row.catch(() => undefined);
        results.set(member.index, row);
      });
    }
    return [{ json: await results.get(op.itemIndex)! }];
  };
}

function targetOf(p: AppendParams) {
  return [spreadsheetIdOf(p.spreadsheetId), p.sheet, p.headerRow, p.valueInputOption, p.unknownColumns];
}

/** A later item's append parameters, or undefined when they are not valid (that item fails on its own turn). */
function laterParams(ctx: NodeContext, index: number): AppendParams | undefined {
  try {
    const parsed = appendParams.safeParse(ctx.params(index));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function appendBatch(
  op: Op<AppendParams>,
  service: Service,
  members: { params: AppendParams; item: Item }[],
): Promise<Record<string, unknown>[]> {
  const p = { ...op.params, id: spreadsheetIdOf(op.params.spreadsheetId) };
  const label = operationLabel(service.definition, op.ctx);
  const values = members.map((m) => valuesOf(m.params, m.item));
  const { header } = await headerOf(op, p.id, p.sheet, p.headerRow);
  const names = [...new Set(values.flatMap((v) => Object.keys(v)))];
  if (header.length === 0) {
    // An empty sheet gets its header from the fields written.
    header.push(...names);
    await op.request({
      method: 'PUT',
      path: valuesPath(p.id, onSheet(p.sheet, `A${p.headerRow}`)),
      query: { valueInputOption: 'RAW' },
      body: { values: [names] },
    });
  } else {
    await columnsFor(op, { ...p, label }, header, names);
  }
  const rows = values.map((v) => header.map((name) => cellValue(v[name])));
  const first = await appendRows(op, p, rows);
  return rows.map((row, k) => rowObject(header, row, first + k));
}

async function headerOf(op: Op<unknown>, id: string, sheetName: string, row: number): Promise<{ header: string[] }> {
  const answer = await op.request({ method: 'GET', path: valuesPath(id, onSheet(sheetName, `${row}:${row}`)) });
  const values = (answer.body as { values?: unknown[][] }).values?.[0] ?? [];
  return { header: values.map((v) => String(v).trim()) };
}

/** The rows whose cell in `column` holds `value` (compared as text, as the sheet shows them), or an error naming a missing column. */
function matches(
  op: Op<unknown>,
  label: string,
  data: SheetData,
  p: { sheet: string; headerRow: number; matchColumn: string },
  value: unknown,
) {
  const column = data.header.indexOf(p.matchColumn);
  if (column < 0) {
    throw nodeError(
      op.ctx,
      `${label}: parameter 'matchColumn': sheet '${p.sheet}' has no column '${p.matchColumn}' (its header row ${p.headerRow}: ${data.header.join(', ') || 'empty'}).`,
      'PARAMETER_INVALID',
    );
  }
  return data.rows.filter((row) => String(row.values[column] ?? '') === String(value));
}

/** The rows whose value in a column is the one given. */
export function lookupRows(sheets: () => Service) {
  return async (op: Op<LookupParams>): Promise<Item[]> => {
    const p = op.params;
    const data = await sheetOf(op, spreadsheetIdOf(p.spreadsheetId), p.sheet, p.headerRow);
    return matches(op, operationLabel(sheets().definition, op.ctx), data, p, p.matchValue).map((row) => ({
      json: rowObject(data.header, row.values, row.number),
    }));
  };
}

/**
 * Writes the item's values into the rows whose value in a column is the
 * one given (each cell alone, so the row's other cells and formulas stay);
 * with `insert`, appends a row when none matches.
 */
export function updateRows(sheets: () => Service, insert: boolean) {
  return async (op: Op<UpdateParams>): Promise<Item[]> => {
    const p = { ...op.params, id: spreadsheetIdOf(op.params.spreadsheetId) };
    const label = operationLabel(sheets().definition, op.ctx);
    const values = valuesOf(p, op.item);
    const wanted = p.matchValue ?? values[p.matchColumn];
    if (wanted === undefined || wanted === null || wanted === '') {
      throw nodeError(
        op.ctx,
        `${label}: parameter 'matchValue' is required: the values written have no '${p.matchColumn}' to match on.`,
        'PARAMETER_INVALID',
      );
    }
    const data = await sheetOf(op, p.id, p.sheet, p.headerRow);
    const found = matches(op, label, data, p, wanted);
    if (found.length === 0) {
      if (!insert) return [];
      const row = { ...values, [p.matchColumn]: wanted };
      await columnsFor(op, { ...p, label }, data.header, Object.keys(row));
      const cells = data.header.map((name) => cellValue(row[name]));
      const number = await appendRows(op, p, [cells]);
      data.rows.push({ number, values: cells });
      return [{ json: rowObject(data.header, cells, number) }];
    }
    await columnsFor(op, { ...p, label }, data.header, Object.keys(values));
    const writes = Object.entries(values).filter(([name]) => name !== p.matchColumn && data.header.includes(name));
    if (writes.length > 0) {
      await op.request({
        method: 'POST',
        path: `/spreadsheets/${pathSegment(p.id)}/values:batchUpdate`,
        body: {
          valueInputOption: p.valueInputOption,
          data: found.flatMap((row) =>
            writes.map(([name, value]) => ({
              range: onSheet(p.sheet, `${columnLetters(data.header.indexOf(name))}${row.number}`),
              values: [[cellValue(value)]],
            })),
          ),
        },
      });
      for (const row of found) for (const [name, value] of writes) row.values[data.header.indexOf(name)] = cellValue(value);
    }
    return found.map((row) => ({ json: rowObject(data.header, row.values, row.number) }));
  };
}

/** A range read as items: one per row under the header (or with columns by letter), empty rows left out. */
export async function readRange(op: Op<ReadParams>): Promise<Item[]> {
  const p = op.params;
  const answer = await op.request({
    method: 'GET',
    path: valuesPath(spreadsheetIdOf(p.spreadsheetId), onSheet(p.sheet, p.range)),
    query: { valueRenderOption: p.valueRenderOption, dateTimeRenderOption: 'FORMATTED_STRING' },
  });
  const body = answer.body as { range?: string; values?: unknown[][] };
  const start = rangeStart(body.range ?? 'A1');
  const values = body.values ?? [];
  const header = p.firstRowIsHeader ? (values[0] ?? []).map((v) => String(v).trim()) : [];
  const first = p.firstRowIsHeader ? 1 : 0;
  const items: Item[] = [];
  for (let i = first; i < values.length; i++) {
    const row = values[i]!;
    if (row.every((v) => v === '' || v === null)) continue;
    items.push({ json: rowObject(header, row, start.row + i, start.column) });
  }
  return items;
}
