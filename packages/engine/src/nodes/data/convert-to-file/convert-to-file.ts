import { z } from 'zod';
import type { BinaryRef, Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { toBase64, utf8Encode } from '../../../binary/bytes.js';
import { loadPapa } from '../shared/papa.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const properties = z.object({
  operation: z
    .enum(['toJson', 'toCsv'])
    .default('toJson')
    .meta({
      label: 'Operation',
      options: [
        { value: 'toJson', label: 'Convert to JSON' },
        { value: 'toCsv', label: 'Convert to CSV', description: 'One file with a row per item and a column per field.' },
      ],
    }),
  mode: z
    .enum(['allItems', 'eachItem'])
    .default('allItems')
    .meta({
      label: 'Mode',
      options: [
        { value: 'allItems', label: 'All Items to One File', description: 'A JSON array of every item.' },
        { value: 'eachItem', label: 'Each Item to Separate File' },
      ],
      displayOptions: show('toJson'),
    }),
  binaryProperty: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Put Output File in Field', description: "Key of the file in the output item's binary data." }),
  fileName: z.string().optional().meta({ label: 'File Name', description: 'Default data.json or data.csv.' }),
  pretty: z
    .boolean()
    .default(false)
    .meta({ label: 'Format', description: 'Indent the JSON for people to read.', displayOptions: show('toJson') }),
  delimiter: z
    .string()
    .min(1)
    .default(',')
    .meta({ label: 'Delimiter', displayOptions: show('toCsv') }),
  header: z
    .boolean()
    .default(true)
    .meta({ label: 'Header Row', description: 'Write the field names as the first row.', displayOptions: show('toCsv') }),
});

function file(text: string, mimeType: string, fileName: string): BinaryRef {
  const bytes = utf8Encode(text);
  const dot = fileName.lastIndexOf('.');
  return {
    mimeType,
    fileName,
    ...(dot > 0 ? { fileExtension: fileName.slice(dot + 1) } : {}),
    fileSize: bytes.length,
    data: toBase64(bytes),
  };
}

/** CSV cells: nested objects and lists are written as JSON text. */
function cell(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
}

/** Turns items into a JSON or CSV file (kept as base64 in the item's binary data). */
export const convertToFileNode = defineNode({
  type: 'core.convertToFile',
  version: 1,
  displayName: 'Convert to File',
  description: 'Turns items into a JSON or CSV file attached to an output item, ready to upload, email or store.',
  group: 'data',
  icon: 'file-output',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    const paired = items.map((_, i) => ({ item: i }));
    if (p.operation === 'toJson') {
      const indent = p.pretty ? 2 : undefined;
      if (p.mode === 'eachItem') {
        return items.map((item, i) => ({
          json: {},
          binary: { [p.binaryProperty]: file(JSON.stringify(item.json, null, indent), 'application/json', p.fileName ?? 'data.json') },
          pairedItem: { item: i },
        }));
      }
      const text = JSON.stringify(
        items.map((i) => i.json),
        null,
        indent,
      );
      return [{ json: {}, binary: { [p.binaryProperty]: file(text, 'application/json', p.fileName ?? 'data.json') }, pairedItem: paired }];
    }
    const Papa = await loadPapa();
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      for (const key of Object.keys(item.json)) {
        if (seen.has(key)) continue;
        seen.add(key);
        columns.push(key);
      }
    }
    const rows = items.map((item) => columns.map((c) => cell(item.json[c])));
    const text = Papa.unparse({ fields: columns, data: rows }, { delimiter: p.delimiter, header: p.header, newline: '\n' });
    const out: Item = { json: {}, binary: { [p.binaryProperty]: file(text, 'text/csv', p.fileName ?? 'data.csv') }, pairedItem: paired };
    return [out];
  },
});
