import { z } from 'zod';
import type { BinaryRef, Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { fromBase64, toBase64, utf8Encode } from '../../../binary/bytes.js';
import { getPath } from '../shared/field-path.js';
import { fileRef } from '../shared/item-files.js';
import { mimeTypeOf, mimeTypeOfExtension } from '../shared/mime-types.js';
import { parameterError } from '../shared/node-error.js';
import { loadPapa } from '../shared/papa.js';
import { writeXlsx } from './xlsx-writer.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const properties = z.object({
  operation: z
    .enum(['toJson', 'toCsv', 'toXlsx', 'toBinary', 'toText'])
    .default('toJson')
    .meta({
      label: 'Operation',
      options: [
        { value: 'toJson', label: 'Convert to JSON' },
        { value: 'toCsv', label: 'Convert to CSV', description: 'One file with a row per item and a column per field.' },
        {
          value: 'toXlsx',
          label: 'Convert to XLSX',
          description: 'One Excel workbook with a row per item and a column per field (nested fields as dotted names).',
        },
        { value: 'toBinary', label: 'Base64 Field to File', description: "Each item's base64 text in a field becomes a file." },
        { value: 'toText', label: 'Text Field to File', description: "Each item's text in a field becomes a UTF-8 file." },
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
  sourceProperty: z
    .string()
    .min(1)
    .default('data')
    .meta({
      label: 'Input Field',
      description: 'Dot path of the field holding the base64 or the text.',
      displayOptions: show('toBinary', 'toText'),
    }),
  fileName: z
    .string()
    .optional()
    .meta({ label: 'File Name', description: 'Default data.json, data.csv or data.xlsx; none for a field turned into a file.' }),
  mimeType: z
    .string()
    .optional()
    .meta({
      label: 'MIME Type',
      description: "Default: the file name's, else the one the file's first bytes show, else application/octet-stream.",
      displayOptions: show('toBinary'),
    }),
  addBom: z
    .boolean()
    .default(false)
    .meta({ label: 'Add Byte Order Mark', description: 'Start the file with a UTF-8 BOM.', displayOptions: show('toText') }),
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
    .meta({ label: 'Header Row', description: 'Write the field names as the first row.', displayOptions: show('toCsv', 'toXlsx') }),
  sheetName: z
    .string()
    .min(1)
    .max(31)
    .regex(/^[^\\/?*[\]:]*$/, 'must not hold any of \\ / ? * [ ] :')
    .default('Sheet')
    .meta({ label: 'Sheet Name', description: 'The name of the one sheet the workbook holds.', displayOptions: show('toXlsx') }),
  compression: z
    .boolean()
    .default(false)
    .meta({
      label: 'Compression',
      description: "Deflate the workbook's parts; off, they are stored as they are (a larger file, written faster).",
      displayOptions: show('toXlsx'),
    }),
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

/** The MIME type the first bytes of common files show (PNG, JPEG, GIF, PDF, ZIP), else undefined. */
function sniffMimeType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  return undefined;
}

/** One item's field as a file: base64 decoded (`toBinary`) or text in UTF-8 (`toText`). */
function fieldToFile(nodeName: string, item: Item, i: number, p: z.output<typeof properties>): Item {
  const value = getPath(item.json, p.sourceProperty);
  if (value === undefined) throw parameterError(nodeName, 'sourceProperty', `names '${p.sourceProperty}', which the item does not have`, i);
  if (p.operation === 'toText') {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const bytes = utf8Encode(p.addBom ? `\uFEFF${text}` : text);
    return { json: {}, binary: { [p.binaryProperty]: fileRef(bytes, 'text/plain', p.fileName) }, pairedItem: { item: i } };
  }
  if (typeof value !== 'string') {
    throw parameterError(nodeName, 'sourceProperty', `names '${p.sourceProperty}', which holds ${typeof value}, not base64 text`, i);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, ''));
  } catch {
    throw parameterError(nodeName, 'sourceProperty', `names '${p.sourceProperty}', whose text is not valid base64`, i);
  }
  const byName = p.fileName ? mimeTypeOf(p.fileName) : 'application/octet-stream';
  const mimeType = p.mimeType || (byName !== 'application/octet-stream' ? byName : (sniffMimeType(bytes) ?? byName));
  return { json: {}, binary: { [p.binaryProperty]: fileRef(bytes, mimeType, p.fileName || undefined) }, pairedItem: { item: i } };
}

/** Turns items into a JSON, CSV or XLSX file, or a field of each item into a file (kept as base64 in the item's binary data). */
export const convertToFileNode = defineNode({
  type: 'core.convertToFile',
  version: 1,
  displayName: 'Convert to File',
  description: 'Turns items into a JSON, CSV or XLSX file attached to an output item, ready to upload, email or store.',
  group: 'data',
  icon: 'file-output',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    if (p.operation === 'toBinary' || p.operation === 'toText') {
      return items.map((item, i) => fieldToFile(ctx.node.name, item, i, ctx.params(i)));
    }
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
    if (p.operation === 'toXlsx') {
      const bytes = await writeXlsx(
        items.map((item) => item.json),
        { sheetName: p.sheetName, header: p.header, compression: p.compression },
      );
      const fileName = p.fileName ?? 'data.xlsx';
      return [{ json: {}, binary: { [p.binaryProperty]: fileRef(bytes, mimeTypeOfExtension('xlsx'), fileName) }, pairedItem: paired }];
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
