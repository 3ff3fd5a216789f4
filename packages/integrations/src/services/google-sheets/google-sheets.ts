import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import type { Service } from '../../kit/service-types.js';
import { pathSegment } from '../google/google-bytes.js';
import { googleSheetsOAuth2, googleSheetsServiceAccount } from '../google/google-credentials.js';
import { googleError } from '../google/google-error.js';
import { onSheet, spreadsheetIdOf } from './google-sheets-a1.js';
import { googleSheetsInfo } from './google-sheets-info.js';
import {
  appendParams,
  appendRow,
  lookupParams,
  lookupRows,
  readParams,
  readRange,
  sheet,
  spreadsheetId,
  updateParams,
  updateRows,
} from './google-sheets-rows.js';

export { googleSheetsOAuth2, googleSheetsServiceAccount };

const spreadsheetPath = (p: Record<string, unknown>, suffix = '') =>
  `/spreadsheets/${pathSegment(spreadsheetIdOf(String(p['spreadsheetId'])))}${suffix}`;
const title = z.string().trim().min(1).meta({ label: 'Title' });
const sheets = () => googleSheets;

/** Google Sheets: rows read and written by their header, ranges, sheets and spreadsheets, through the Sheets API v4. */
export const googleSheets: Service = defineService({
  ...googleSheetsInfo,
  baseUrl: 'https://sheets.googleapis.com/v4',
  credentials: [googleSheetsOAuth2, googleSheetsServiceAccount],
  error: (response) => googleError(response),
  loadOptions: {
    sheets: {
      request: (p): RequestSpec => ({ method: 'GET', path: spreadsheetPath(p), query: { fields: 'sheets.properties(sheetId,title)' } }),
      items: 'sheets',
      value: 'properties.title',
      dependsOn: ['spreadsheetId'],
    },
  },
  resources: {
    row: {
      displayName: 'Row',
      operations: {
        append: {
          displayName: 'Append',
          description: 'The item\u2019s fields as a new row, in the columns their names match (the items of a run in one request).',
          params: appendParams,
          execute: appendRow(sheets),
        },
        lookup: {
          displayName: 'Look up',
          description: 'The rows whose value in a column is the one given.',
          params: lookupParams,
          execute: lookupRows(sheets),
        },
        update: {
          displayName: 'Update',
          description: 'Writes the item\u2019s fields into the rows matched by a column; other cells are kept.',
          params: updateParams,
          execute: updateRows(sheets, false),
        },
        upsert: {
          displayName: 'Append or update',
          description: 'Updates the rows matched by a column, or appends a row when none matches.',
          params: updateParams,
          execute: updateRows(sheets, true),
        },
      },
    },
    range: {
      displayName: 'Range',
      operations: {
        read: {
          displayName: 'Read',
          description: 'Each row of a range as an item, under the range\u2019s first row as column names.',
          params: readParams,
          execute: readRange,
        },
        clear: {
          displayName: 'Clear',
          description: 'Empties the cells of a range (their formatting stays).',
          params: z.object({
            spreadsheetId,
            sheet,
            range: z
              .string()
              .trim()
              .min(1)
              .optional()
              .meta({ label: 'Range', placeholder: 'A2:F', description: 'Default: the whole sheet.' }),
          }),
          request: (p): RequestSpec => ({
            method: 'POST',
            path: spreadsheetPath(p, `/values/${pathSegment(onSheet(String(p['sheet']), p['range'] as string | undefined))}:clear`),
          }),
        },
      },
    },
    sheet: {
      displayName: 'Sheet',
      operations: {
        create: {
          displayName: 'Create',
          description: 'Adds a sheet (a tab) to a spreadsheet.',
          params: z.object({ spreadsheetId, title }),
          request: (p): RequestSpec => ({
            method: 'POST',
            path: spreadsheetPath(p, ':batchUpdate'),
            body: { requests: [{ addSheet: { properties: { title: String(p['title']) } } }] },
          }),
          response: { items: 'replies.0.addSheet.properties' },
        },
        list: {
          displayName: 'List',
          description: 'The spreadsheet\u2019s sheets, with their IDs and sizes.',
          params: z.object({ spreadsheetId }),
          async execute(op) {
            const answer = await op.request({ method: 'GET', path: spreadsheetPath(op.params), query: { fields: 'sheets.properties' } });
            const found = (answer.body as { sheets?: { properties: Record<string, unknown> }[] }).sheets ?? [];
            return found.map((s) => ({ json: s.properties }));
          },
        },
      },
    },
    spreadsheet: {
      displayName: 'Spreadsheet',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            title,
            sheetTitles: z.array(z.string().trim().min(1)).optional().meta({ label: 'Sheets', description: 'Default: one, Sheet1.' }),
          }),
          request: (p): RequestSpec => ({
            method: 'POST',
            path: '/spreadsheets',
            body: {
              properties: { title: String(p['title']) },
              ...(Array.isArray(p['sheetTitles'])
                ? { sheets: (p['sheetTitles'] as string[]).map((t) => ({ properties: { title: t } })) }
                : {}),
            },
          }),
        },
      },
    },
  },
});
