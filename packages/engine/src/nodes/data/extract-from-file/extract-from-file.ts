import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { toBase64, utf8Decode } from '../../../binary/bytes.js';
import { readItemFile } from '../shared/item-files.js';
import { parameterError } from '../shared/node-error.js';
import { loadPapa } from '../shared/papa.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const properties = z.object({
  operation: z
    .enum(['json', 'csv', 'text', 'base64'])
    .default('json')
    .meta({
      label: 'Operation',
      options: [
        { value: 'json', label: 'Extract From JSON', description: 'Parse the file into one field of an item.' },
        { value: 'csv', label: 'Extract From CSV', description: 'One item per row.' },
        { value: 'text', label: 'Extract From Text File', description: "The file's UTF-8 text in one field." },
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
      description: 'Put the destination field beside the input item’s other fields instead of alone.',
      displayOptions: show('json', 'text', 'base64'),
    }),
  headerRow: z
    .boolean()
    .default(true)
    .meta({
      label: 'Header Row',
      description: 'Take the first row as field names. Without it each item is { row: [cells] }.',
      displayOptions: show('csv'),
    }),
  delimiter: z
    .string()
    .default('')
    .meta({ label: 'Delimiter', description: 'Leave empty to detect it.', displayOptions: show('csv') }),
  includeEmptyCells: z
    .boolean()
    .default(true)
    .meta({ label: 'Include Empty Cells', description: 'Keep fields whose cell is empty (as "").', displayOptions: show('csv') }),
});

/** Reads JSON or CSV files attached to items back into item data, or a file as base64 text. */
export const extractFromFileNode = defineNode({
  type: 'core.extractFromFile',
  version: 1,
  displayName: 'Extract from File',
  description: 'Reads a JSON or CSV file attached to each item into item data: the parsed JSON, or one item per CSV row.',
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
      let text = utf8Decode(bytes);
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
