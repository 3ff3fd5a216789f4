// A spreadsheet as the Sheets API keeps and answers it, for the tests' recording server: A1 ranges read and written,
// trailing empty rows and cells left out of answers, appends after the table that starts at the range given.
// Test support only; it imports nothing, so it builds with the package as `ai/testing/` does.

export type Grid = unknown[][];

/** A request as the recording server saw it. */
interface Seen {
  method: string;
  url: string;
  body: Uint8Array;
}

/** What the recording server answers. */
interface Answer {
  status?: number;
  body?: unknown;
}

const decoder = new TextDecoder();

/** The spreadsheet: each sheet's cells by row, from A1. */
export class SheetsModel {
  sheets = new Map<string, Grid>();
  private nextSheetId = 1;
  private ids = new Map<string, number>();

  constructor(readonly spreadsheetId: string) {}

  set(sheet: string, rows: Grid): void {
    if (!this.ids.has(sheet)) this.ids.set(sheet, this.ids.size === 0 ? 0 : ++this.nextSheetId * 1000);
    this.sheets.set(
      sheet,
      rows.map((r) => [...r]),
    );
  }

  grid(sheet: string): Grid {
    const grid = this.sheets.get(sheet);
    if (!grid) throw new SheetsError(400, `Unable to parse range: ${sheet}`);
    return grid;
  }

  /** Answers a Sheets API request on this spreadsheet, or undefined when it is not one. */
  answer(request: Seen): Answer | undefined {
    const url = new URL(request.url, 'http://x');
    const base = `/v4/spreadsheets/${this.spreadsheetId}`;
    const body = () => JSON.parse(decoder.decode(request.body) || '{}') as Record<string, unknown>;
    try {
      if (request.method === 'POST' && url.pathname === '/v4/spreadsheets') {
        const b = body() as { properties: { title: string }; sheets?: { properties: { title: string } }[] };
        return {
          body: {
            spreadsheetId: 'created1',
            properties: { title: b.properties.title, locale: 'en_US' },
            sheets: (b.sheets ?? [{ properties: { title: 'Sheet1' } }]).map((s, i) => ({
              properties: { sheetId: i, title: s.properties.title, index: i },
            })),
            spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/created1/edit',
          },
        };
      }
      if (!url.pathname.startsWith(base)) return undefined;
      const rest = decodeURIComponent(url.pathname.slice(base.length));
      if (request.method === 'GET' && rest === '') return { body: { sheets: this.properties() } };
      if (request.method === 'POST' && rest === ':batchUpdate') {
        const replies = (body()['requests'] as { addSheet?: { properties: { title: string } } }[]).map((r) => {
          const title = r.addSheet!.properties.title;
          if (this.sheets.has(title))
            throw new SheetsError(
              400,
              `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
            );
          this.set(title, []);
          return { addSheet: { properties: this.properties().find((p) => p.properties.title === title)!.properties } };
        });
        return { body: { spreadsheetId: this.spreadsheetId, replies } };
      }
      if (request.method === 'POST' && rest === '/values:batchUpdate') {
        const b = body() as { data: { range: string; values: Grid }[] };
        for (const d of b.data) this.write(d.range, d.values);
        return { body: { spreadsheetId: this.spreadsheetId, totalUpdatedCells: b.data.length, totalUpdatedRows: b.data.length } };
      }
      const values = /^\/values\/(.+?)(:append|:clear)?$/.exec(rest);
      if (!values) return undefined;
      const range = values[1]!;
      if (request.method === 'GET') return { body: this.read(range) };
      if (request.method === 'PUT') {
        const updated = this.write(range, (body() as { values: Grid }).values);
        return { body: { spreadsheetId: this.spreadsheetId, updatedRange: updated } };
      }
      if (values[2] === ':clear') return { body: { spreadsheetId: this.spreadsheetId, clearedRange: this.clear(range) } };
      if (values[2] === ':append')
        return { body: { spreadsheetId: this.spreadsheetId, ...this.append(range, (body() as { values: Grid }).values) } };
    } catch (error) {
      if (error instanceof SheetsError) {
        return { status: error.status, body: { error: { code: error.status, message: error.message, status: 'INVALID_ARGUMENT' } } };
      }
      throw error;
    }
    return undefined;
  }

  private properties() {
    return [...this.sheets.keys()].map((title, index) => ({
      properties: { sheetId: this.ids.get(title)!, title, index, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
    }));
  }

  /** Cells of a range, as `values.get` answers: trailing empty rows and cells left out. */
  read(range: string): { range: string; majorDimension: 'ROWS'; values?: Grid } {
    const r = parseRange(range);
    const grid = this.grid(r.sheet);
    const lastRow = r.endRow ?? Math.max(grid.length, r.startRow);
    const rows: Grid = [];
    for (let row = r.startRow; row <= lastRow; row++) {
      const cells = (grid[row - 1] ?? []).slice(r.startColumn, r.endColumn === undefined ? undefined : r.endColumn + 1);
      while (cells.length > 0 && (cells.at(-1) === '' || cells.at(-1) === undefined)) cells.pop();
      rows.push(cells.map((c) => c ?? ''));
    }
    while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
    const echo = `${r.sheet}!${letters(r.startColumn)}${r.startRow}:${letters(r.endColumn ?? 25)}${r.endRow ?? 1000}`;
    return { range: echo, majorDimension: 'ROWS', ...(rows.length > 0 ? { values: rows } : {}) };
  }

  write(range: string, values: Grid): string {
    const r = parseRange(range);
    const grid = this.grid(r.sheet);
    values.forEach((row, i) =>
      row.forEach((cell, j) => {
        const line = (grid[r.startRow - 1 + i] ??= []);
        while (line.length < r.startColumn + j) line.push('');
        line[r.startColumn + j] = cell;
      }),
    );
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    return `${r.sheet}!${letters(r.startColumn)}${r.startRow}`;
  }

  private clear(range: string): string {
    const r = parseRange(range);
    const grid = this.grid(r.sheet);
    const last = r.endRow ?? grid.length;
    for (let row = r.startRow; row <= last; row++) {
      const line = grid[row - 1];
      if (!line) continue;
      for (let c = r.startColumn; c <= (r.endColumn ?? line.length - 1); c++) if (c < line.length) line[c] = '';
    }
    return `${r.sheet}!${letters(r.startColumn)}${r.startRow}:${letters(r.endColumn ?? 25)}${last}`;
  }

  /** Appends after the last row of the table starting at the range's first row. */
  private append(range: string, values: Grid) {
    const r = parseRange(range);
    const grid = this.grid(r.sheet);
    let last = r.startRow - 1;
    while ((grid[last] ?? []).some((c) => c !== '' && c !== undefined)) last++;
    const first = last + 1;
    grid.splice(last, 0, ...values.map((row) => [...row]));
    const width = Math.max(...values.map((v) => v.length));
    return {
      tableRange: `${r.sheet}!A${r.startRow}:${letters(width - 1)}${last}`,
      updates: {
        spreadsheetId: this.spreadsheetId,
        updatedRange: `${r.sheet}!A${first}:${letters(width - 1)}${first + values.length - 1}`,
        updatedRows: values.length,
        updatedColumns: width,
        updatedCells: values.reduce((n, v) => n + v.length, 0),
      },
    };
  }
}

class SheetsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function letters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function column(text: string): number | undefined {
  if (!text) return undefined;
  let n = 0;
  for (const c of text) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** An A1 range: `'My sheet'!A2:F`, `Sheet1!3:3`, `Sheet1`. */
export function parseRange(range: string): { sheet: string; startRow: number; startColumn: number; endRow?: number; endColumn?: number } {
  const bang = range.lastIndexOf('!');
  const rawSheet = bang < 0 ? range : range.slice(0, bang);
  const sheet = /^'(.*)'$/.test(rawSheet) ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  const cells = bang < 0 ? '' : range.slice(bang + 1);
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/.exec(cells);
  if (!m) throw new SheetsError(400, `Unable to parse range: ${range}`);
  const single = m[3] === undefined;
  const endColumn = single ? (m[1] ? column(m[1]) : undefined) : column(m[3]!);
  const endRow = single ? (m[2] ? Number(m[2]) : undefined) : m[4] ? Number(m[4]) : undefined;
  return {
    sheet,
    startRow: m[2] ? Number(m[2]) : 1,
    startColumn: column(m[1]!) ?? 0,
    ...(endRow !== undefined ? { endRow } : {}),
    ...(endColumn !== undefined ? { endColumn } : {}),
  };
}
