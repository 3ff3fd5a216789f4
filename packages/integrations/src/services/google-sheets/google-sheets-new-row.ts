// Google Sheets New Row, a polling trigger: rows have no time of their own, so where a poll left off is the number of the
// last row it saw, and the rows under it are new. Watching for changed rows, it also keeps the rows it read (a bounded
// number, google-sheets-row-changes.ts) to compare with the next read. The kit's `definePollingTrigger` orders records by
// a field they carry; this one is written on the same engine poll support, with the kit's signed requests.
import { defineNode, type Item, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { fetchItems } from '../../kit/runtime.js';
import { pathSegment } from '../google/google-bytes.js';
import { onSheet, rangeStart, spreadsheetIdOf } from './google-sheets-a1.js';
import { googleSheetsInfo } from './google-sheets-info.js';
import { changeCursor, isChangeCursor, rowChanges, WATCHED_ROWS, type SheetRead } from './google-sheets-row-changes.js';
import { rowObject, sheet, spreadsheetId } from './google-sheets-rows.js';
import { googleSheets } from './google-sheets.js';

const DISPLAY_NAME = 'Google Sheets New Row';
/** Rows a manual run shows, newest first. */
const NEWEST = 10;

const params = z.object({
  spreadsheetId,
  sheet,
  headerRow: z
    .number()
    .int()
    .min(1)
    .default(1)
    .meta({ label: 'Header row', description: 'The row holding the column names; rows under it are data.' }),
  event: z
    .enum(['rowAdded', 'rowUpdated', 'rowAddedOrUpdated'])
    .default('rowAdded')
    .meta({
      label: 'Start on',
      description: `Rows added; rows whose cells changed; or both (each item then says which in change_type). Changes are seen in the first ${WATCHED_ROWS} data rows.`,
    }),
  includeInOutput: z
    .enum(['new', 'old', 'both'])
    .default('new')
    .meta({
      label: 'Put out',
      description: 'For changed rows: the row as it is now, as it was, or both with the cells that differ.',
      displayOptions: { show: { event: ['rowUpdated', 'rowAddedOrUpdated'] } },
    }),
  columnsToWatch: z
    .array(z.string().trim().min(1))
    .optional()
    .meta({
      label: 'Columns to watch',
      description: 'A row counts as changed when one of these columns changed. Default: any column.',
      displayOptions: { show: { event: ['rowUpdated', 'rowAddedOrUpdated'] } },
    }),
});
type Params = z.output<typeof params>;

/** Where a poll left off: the last data row it saw. */
interface Cursor {
  lastRow: number;
}
const isCursor = (value: unknown): value is Cursor => typeof (value as Cursor | undefined)?.lastRow === 'number';

/** The sheet's data rows (under the header, empty ones left out), each as an item with its row number, and the sheet as read. */
async function readRows(ctx: NodeContext, p: Params): Promise<{ rows: Item[]; lastRow: number; read: SheetRead }> {
  const [answer] = await fetchItems(
    googleSheets.definition,
    ctx,
    DISPLAY_NAME,
    {
      displayName: DISPLAY_NAME,
      params: z.object({}),
      // The whole sheet: a range past the sheet's grid is an error, and rows can be added anywhere below the header.
      request: {
        method: 'GET',
        path: `/spreadsheets/${pathSegment(spreadsheetIdOf(p.spreadsheetId))}/values/${pathSegment(onSheet(p.sheet))}`,
        query: { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' },
      },
    },
    {},
  );
  const body = (answer?.json ?? {}) as { range?: string; values?: unknown[][] };
  const start = rangeStart(body.range ?? 'A1');
  const values = body.values ?? [];
  const header = (values[p.headerRow - start.row] ?? []).map((v) => String(v).trim());
  const rows: Item[] = [];
  values.forEach((row, i) => {
    const number = start.row + i;
    if (number > p.headerRow && row.some((v) => v !== '' && v !== null)) rows.push({ json: rowObject(header, row, number, start.column) });
  });
  const lastRow = Math.max(p.headerRow, start.row + values.length - 1);
  const data: unknown[][] = [];
  for (let number = p.headerRow + 1; number <= lastRow; number++) data.push(values[number - start.row] ?? []);
  return { rows, lastRow, read: { header, rows: data, lastRow } };
}

/**
 * Starts the workflow with each row added under a sheet's header since the
 * last poll, oldest first, or with the rows whose cells changed, or both.
 * The first poll after activation only notes the last row (and, watching for
 * changes, the rows' cells); a manual run shows the newest rows. Rows deleted
 * between polls move the mark back to the sheet's new last row.
 */
export const googleSheetsNewRow = defineNode({
  type: 'integrations.googleSheetsNewRow',
  version: 1,
  displayName: DISPLAY_NAME,
  description: 'Starts the workflow with each row added to a sheet, or changed in it, asking Google Sheets at the chosen interval.',
  group: 'trigger',
  icon: googleSheetsInfo.icon,
  inputs: [],
  outputs: ['main'],
  properties: params.extend({
    pollMinutes: z.number().int().min(1).default(5).meta({
      label: 'Poll every (minutes)',
      noExpression: true,
      description: 'How often to ask Google Sheets for new or changed rows.',
    }),
  }),
  credentials: googleSheets.definition.credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
  poll: {
    intervalMs: (p) => Number(p['pollMinutes'] ?? 5) * 60_000,
    async poll(ctx, cursor) {
      const p = ctx.params(0) as Params;
      const { rows, lastRow, read } = await readRows(ctx, p);
      if (p.event === 'rowAdded') {
        if (!isCursor(cursor)) return { items: [], cursor: { lastRow } };
        const fresh = rows.filter((row) => Number(row.json['row_number']) > cursor.lastRow);
        return { items: fresh, cursor: { lastRow } };
      }
      const next = changeCursor(read);
      if (!isCursor(cursor)) return { items: [], cursor: next };
      // A mark left by a poll that watched for added rows only: the rows it saw are the baseline, unknown cells and all.
      const before = isChangeCursor(cursor) ? cursor : { lastRow: cursor.lastRow, header: read.header, rows: [] };
      const changes = rowChanges(before, read, {
        headerRow: p.headerRow,
        event: p.event,
        output: p.includeInOutput,
        columnsToWatch: p.columnsToWatch ?? [],
      });
      return { items: changes.map((json) => ({ json })), cursor: next };
    },
  },
  async execute(ctx): Promise<Item[]> {
    // A run the poll started has its new rows as input; a manual run shows the newest ones.
    if (ctx.input().length > 0) return ctx.input();
    const { rows } = await readRows(ctx, ctx.params(0) as Params);
    return rows.slice(-NEWEST).reverse();
  },
});
