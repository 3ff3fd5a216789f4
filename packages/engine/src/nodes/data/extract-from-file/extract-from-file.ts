import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { toBase64 } from '../../../binary/bytes.js';
import { readItemFile } from '../shared/item-files.js';
import { parameterError } from '../shared/node-error.js';
import { loadPapa } from '../shared/papa.js';
import { decodeText, ENCODING_OPTIONS, TEXT_ENCODINGS } from './encodings.js';
import { readPdf } from './pdf.js';
import { readSpreadsheet } from './spreadsheet.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const properties = z.object({
  operation: z
    .enum(['json', 'csv', 'xlsx', 'spreadsheet', 'pdf', 'text', 'base64'])
    .default('json')
    .meta({
      label: 'Operation',
      options: [
        { value: 'json', label: 'Extract From JSON', description: 'Parse the file into one field of an item.' },
        { value: 'csv', label: 'Extract From CSV', description: 'One item per row.' },
        { value: 'xlsx', label: 'Extract From XLSX', description: 'One item per row of an Excel sheet.' },
        {
          value: 'spreadsheet',
          label: 'Extract From Spreadsheet (XLSX or CSV)',
          description: 'One item per row; the format is told by the file itself: XLSX when it is a zip, else CSV.',
        },
        {
          value: 'pdf',
          label: 'Extract From PDF',
          description: 'The text of its pages in `text`, with `numpages`, `info`, `metadata` and `version`.',
        },
        { value: 'text', label: 'Extract From Text File', description: "The file's text in one field." },
        { value: 'base64', label: 'Move File to Base64 String', description: "The file's bytes as base64 text in one field." },
      ],
    }),
  binaryProperty: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Input Binary Field', description: "Key of the file in the input item's binary data." }),
  destinationKey: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Destination Output Field', displayOptions: show('json', 'text', 'base64') }),
  keepJson: z
    .boolean()
    .default(false)
    .meta({
      label: "Keep the Item's Fields",
      description: 'Put the destination field (for a PDF, its fields) beside the input item’s other fields instead of alone.',
      displayOptions: show('json', 'text', 'base64', 'pdf'),
    }),
  keepFile: z
    .boolean()
    .default(false)
    .meta({
      label: 'Keep the File',
      description: 'Keep the PDF in the output item beside its other files; off, only the other files are kept.',
      displayOptions: show('pdf'),
    }),
  password: z
    .string()
    .optional()
    .meta({
      label: 'Password',
      description: 'The password of an encrypted PDF; usually an expression reading a variable.',
      displayOptions: show('pdf'),
    }),
  maxPages: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .meta({ label: 'Max Pages', description: 'Read the text of this many pages at most; 0 reads them all.', displayOptions: show('pdf') }),
  joinPages: z
    .boolean()
    .default(true)
    .meta({
      label: 'Join Pages',
      description: 'One text, the pages separated by an empty line; off, `text` is a list of one text per page.',
      displayOptions: show('pdf'),
    }),
  encoding: z
    .enum(TEXT_ENCODINGS)
    .default('utf8')
    .meta({
      label: 'File Encoding',
      description: 'How the bytes become text (a leading byte order mark is left out).',
      options: ENCODING_OPTIONS,
      displayOptions: show('json', 'text', 'csv'),
    }),
  sheetName: z
    .string()
    .default('')
    .meta({
      label: 'Sheet Name',
      description: 'The sheet to read; leave empty for the first one.',
      displayOptions: show('xlsx', 'spreadsheet'),
    }),
  range: z
    .string()
    .default('')
    .meta({
      label: 'Range',
      description:
        'The cells to read, in A1 notation (A2:D20), or the row number to start at (2 skips the first row); leave empty for all cells in use.',
      displayOptions: show('xlsx', 'spreadsheet'),
    }),
  headerRow: z
    .boolean()
    .default(true)
    .meta({
      label: 'Header Row',
      description: 'Take the first row as field names. Without it each item is { row: [cells] }.',
      displayOptions: show('csv', 'xlsx', 'spreadsheet'),
    }),
  delimiter: z
    .string()
    .default('')
    .meta({ label: 'Delimiter', description: 'Leave empty to detect it.', displayOptions: show('csv', 'spreadsheet') }),
  includeEmptyCells: z
    .boolean()
    .default(true)
    .meta({
      label: 'Include Empty Cells',
      description: 'Keep fields whose cell is empty (as "").',
      displayOptions: show('csv', 'xlsx', 'spreadsheet'),
    }),
  rawData: z
    .boolean()
    .default(false)
    .meta({
      label: 'Raw Data',
      description:
        'Keep every CSV cell as text. Off, cells that read as numbers, TRUE/FALSE or ISO dates (as Excel serial numbers) become values, as a spreadsheet program reads them. XLSX cells keep their types either way.',
      displayOptions: show('spreadsheet'),
    }),
});

/** Reads JSON, CSV, XLSX or PDF files attached to items into item data, or a file as text or base64. */
export const extractFromFileNode = defineNode({
  type: 'core.extractFromFile',
  version: 1,
  displayName: 'Extract from File',
  description: 'Reads a JSON, CSV, XLSX or PDF file attached to each item into item data: the parsed JSON, one item per row, or the text.',
  group: 'data',
  icon: 'file-input',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const { bytes } = readItemFile(name, 'binaryProperty', item, p.binaryProperty, i);
      const field = (value: unknown): Item => ({
        json: p.keepJson ? { ...item.json, [p.destinationKey]: value } : { [p.destinationKey]: value },
        pairedItem: { item: i },
      });
      if (p.operation === 'base64') {
        out.push(field(toBase64(bytes)));
        continue;
      }
      if (p.operation === 'pdf') {
        const file = { nodeName: name, parameter: 'binaryProperty', key: p.binaryProperty, itemIndex: i };
        const content = await readPdf(file, bytes, { password: p.password, maxPages: p.maxPages, joinPages: p.joinPages });
        const { [p.binaryProperty]: _read, ...others } = item.binary ?? {};
        const binary = p.keepFile ? item.binary : others;
        out.push({
          json: p.keepJson ? { ...item.json, ...content } : content,
          ...(binary && Object.keys(binary).length > 0 ? { binary } : {}),
          pairedItem: { item: i },
        });
        continue;
      }
      if (p.operation === 'xlsx' || p.operation === 'spreadsheet') {
        const rows = await readSpreadsheet(name, bytes, p, i);
        for (const json of rows) out.push({ json, pairedItem: { item: i } });
        continue;
      }
      let text = decodeText(bytes, p.encoding);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (p.operation === 'text') {
        out.push(field(text));
        continue;
      }
      if (p.operation === 'json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw parameterError(
            name,
            'binaryProperty',
            `names '${p.binaryProperty}', whose file is not valid JSON: ${(error as Error).message}`,
            i,
          );
        }
        out.push(field(parsed));
        continue;
      }
      const Papa = await loadPapa();
      const result = Papa.parse<unknown>(text, { header: p.headerRow, delimiter: p.delimiter, skipEmptyLines: true });
      const fatal = result.errors.find((e) => e.type === 'Quotes');
      if (fatal)
        throw parameterError(
          name,
          'binaryProperty',
          `names '${p.binaryProperty}', whose CSV is malformed at row ${fatal.row ?? '?'}: ${fatal.message}`,
          i,
        );
      for (const row of result.data) {
        if (Array.isArray(row)) {
          out.push({ json: { row }, pairedItem: { item: i } });
          continue;
        }
        const json = { ...(row as Record<string, unknown>) };
        if (!p.includeEmptyCells) for (const k of Object.keys(json)) if (json[k] === '') delete json[k];
        out.push({ json, pairedItem: { item: i } });
      }
    }
    return out;
  },
});
