import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { utf8Decode } from '../../../binary/bytes.js';
import { defineNode } from '../../define-node.js';
import { copyJson } from '../shared/copy-json.js';
import { fieldList, setPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { readItemFile } from '../shared/item-files.js';
import { withJson } from '../shared/item-result.js';
import { readTextField } from '../shared/text-field.js';
import { loadHtml, type HtmlDocument, type HtmlElement, type HtmlLibrary, type HtmlNode } from './html-library.js';
import { itemsToHtmlTable } from './html-table.js';
import { htmlToText, textContent } from './html-text.js';

const show = (...operations: string[]) => ({ show: { operation: operations } });

const extractionValue = z
  .object({
    key: z.string().min(1).meta({ label: 'Key', description: 'The output field (taken as written, not as a dot path).' }),
    cssSelector: z.string().min(1).meta({ label: 'CSS Selector', placeholder: 'h1.title, a[href]' }),
    returnValue: z
      .enum(['text', 'html', 'attribute', 'value'])
      .default('text')
      .meta({
        label: 'Return Value',
        options: [
          { value: 'text', label: 'Text', description: 'The text inside (of every match, joined, unless Return Array is on).' },
          { value: 'html', label: 'HTML', description: 'The HTML inside the first match.' },
          { value: 'attribute', label: 'Attribute', description: 'An attribute of the first match.' },
          { value: 'value', label: 'Value', description: 'The value of a form field (input, select, textarea).' },
        ],
      }),
    attribute: z
      .string()
      .optional()
      .meta({ label: 'Attribute', placeholder: 'href', displayOptions: { show: { returnValue: ['attribute'] } } }),
    skipSelectors: z
      .string()
      .default('')
      .meta({
        label: 'Skip Selectors',
        description: 'Comma-separated selectors of elements whose text is left out.',
        displayOptions: { show: { returnValue: ['text'] } },
      }),
    returnArray: z.boolean().default(false).meta({ label: 'Return Array', description: 'A list with a value for every match.' }),
  })
  .strict();

const properties = z.object({
  operation: z
    .enum(['extract', 'toText', 'template', 'toTable'])
    .default('extract')
    .meta({
      label: 'Operation',
      options: [
        { value: 'extract', label: 'Extract HTML Content', description: 'Values picked by CSS selectors.' },
        { value: 'toText', label: 'Convert to Plain Text', description: 'The text a person would read, with lines and lists.' },
        { value: 'template', label: 'Generate HTML Template', description: 'An HTML page with {{ }} expressions filled in per item.' },
        { value: 'toTable', label: 'Convert to HTML Table', description: 'One table with a row per item.' },
      ],
    }),
  sourceData: z
    .enum(['json', 'binary'])
    .default('json')
    .meta({
      label: 'Source Data',
      options: [
        { value: 'json', label: 'JSON', description: 'A field holding HTML text.' },
        { value: 'binary', label: 'Binary', description: 'An HTML file of the item.' },
      ],
      displayOptions: show('extract', 'toText'),
    }),
  dataPropertyName: z
    .string()
    .min(1)
    .default('data')
    .meta({
      label: 'JSON Property',
      description: 'The field holding the HTML (a dot path).',
      displayOptions: { show: { operation: ['extract', 'toText'], sourceData: ['json'] } },
    }),
  binaryProperty: z
    .string()
    .min(1)
    .default('data')
    .meta({
      label: 'Input Binary Field',
      description: "Key of the HTML file in the item's binary data.",
      displayOptions: { show: { operation: ['extract', 'toText'], sourceData: ['binary'] } },
    }),
  extractionValues: z
    .array(extractionValue)
    .default([])
    .meta({ label: 'Extraction Values', displayOptions: show('extract') }),
  trimValues: z
    .boolean()
    .default(true)
    .meta({ label: 'Trim Values', description: 'Remove whitespace at the start and end of each value.', displayOptions: show('extract') }),
  cleanUpText: z
    .boolean()
    .default(true)
    .meta({
      label: 'Clean Up Text',
      description: 'Turn line breaks and runs of whitespace in text values into single spaces.',
      displayOptions: show('extract'),
    }),
  skipSelectors: z
    .string()
    .default('')
    .meta({
      label: 'Skip Selectors',
      description: 'Comma-separated selectors of elements to leave out (scripts, styles and the head always are).',
      displayOptions: show('toText'),
    }),
  destinationKey: z
    .string()
    .min(1)
    .default('text')
    .meta({ label: 'Destination Key', description: 'The field the text is written to (a dot path).', displayOptions: show('toText') }),
  html: z
    .string()
    .default('')
    .meta({
      label: 'HTML',
      description: 'The page, with {{ }} expressions resolved for each item. Values are inserted as they are: escape untrusted ones.',
      editor: 'code',
      displayOptions: show('template'),
    }),
  capitalize: z
    .boolean()
    .default(false)
    .meta({ label: 'Capitalize Headers', displayOptions: show('toTable') }),
  caption: z
    .string()
    .default('')
    .meta({ label: 'Caption', displayOptions: show('toTable') }),
  tableAttributes: z
    .string()
    .default('')
    .meta({ label: 'Table Attributes', placeholder: 'class="report" border="1"', displayOptions: show('toTable') }),
  headerAttributes: z
    .string()
    .default('')
    .meta({ label: 'Header Cell Attributes', displayOptions: show('toTable') }),
  rowAttributes: z
    .string()
    .default('')
    .meta({ label: 'Row Attributes', displayOptions: show('toTable') }),
  cellAttributes: z
    .string()
    .default('')
    .meta({ label: 'Cell Attributes', displayOptions: show('toTable') }),
});

type Params = z.output<typeof properties>;
type ExtractionValue = z.output<typeof extractionValue>;

/** The HTML an item holds, from a field or a file. */
function sourceOf(nodeName: string, item: Item, p: Params, itemIndex: number): string {
  if (p.sourceData === 'binary') {
    const { bytes } = readItemFile(nodeName, 'binaryProperty', item, p.binaryProperty, itemIndex);
    return utf8Decode(bytes);
  }
  return readTextField(nodeName, 'dataPropertyName', item, p.dataPropertyName, 'HTML', itemIndex);
}

function select(
  lib: HtmlLibrary,
  nodeName: string,
  parameter: string,
  selector: string,
  root: HtmlDocument | HtmlNode,
  itemIndex: number,
): HtmlElement[] {
  try {
    return lib.selectAll(selector, root);
  } catch (error) {
    throw parameterError(
      nodeName,
      parameter,
      `is not a valid CSS selector (${JSON.stringify(selector)}): ${(error as Error).message}`,
      itemIndex,
    );
  }
}

/** The value of a form field: an input's value, a textarea's text, a select's chosen option. */
function formValue(lib: HtmlLibrary, element: HtmlElement): string | undefined {
  const tag = element.name.toLowerCase();
  if (tag === 'textarea') return textContent(lib, element, new Set());
  if (tag === 'select') {
    const options = lib.selectAll('option', element);
    const chosen =
      options.find((o) => lib.attribute(o, 'selected') !== undefined) ??
      (lib.attribute(element, 'multiple') === undefined ? options[0] : undefined);
    return chosen ? formValue(lib, chosen) : undefined;
  }
  if (tag === 'option') return lib.attribute(element, 'value') ?? textContent(lib, element, new Set());
  return lib.attribute(element, 'value');
}

/** Sets a field as an own property, even one named `__proto__`. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function extract(lib: HtmlLibrary, nodeName: string, doc: HtmlDocument, values: readonly ExtractionValue[], p: Params, itemIndex: number) {
  const json: Record<string, unknown> = {};
  values.forEach((v, n) => {
    const at = `extractionValues[${n}]`;
    if (v.returnValue === 'attribute' && !v.attribute)
      throw parameterError(nodeName, `${at}.attribute`, 'is required to return an attribute', itemIndex);
    const matches = select(lib, nodeName, `${at}.cssSelector`, v.cssSelector, doc, itemIndex);
    const skip = new Set<HtmlNode>();
    for (const selector of fieldList(v.skipSelectors)) {
      for (const m of matches) for (const s of select(lib, nodeName, `${at}.skipSelectors`, selector, m, itemIndex)) skip.add(s);
    }
    const finish = (value: string | undefined): string | null => {
      if (value === undefined) return null;
      let s = value;
      if (v.returnValue === 'text' && p.cleanUpText) s = s.replace(/\s+/g, ' ');
      return p.trimValues || (v.returnValue === 'text' && p.cleanUpText) ? s.trim() : s;
    };
    const valueOf = (m: HtmlElement): string | undefined => {
      switch (v.returnValue) {
        case 'text':
          return textContent(lib, m, skip);
        case 'html':
          return lib.innerHtml(m);
        case 'attribute':
          return lib.attribute(m, v.attribute!);
        case 'value':
          return formValue(lib, m);
      }
    };
    if (v.returnArray)
      put(
        json,
        v.key,
        matches.map((m) => finish(valueOf(m))),
      );
    else if (v.returnValue === 'text') put(json, v.key, finish(matches.map((m) => textContent(lib, m, skip)).join('')));
    else put(json, v.key, matches[0] ? finish(valueOf(matches[0])) : null);
  });
  return json;
}

/** Extracts values from HTML by CSS selector, turns HTML into plain text, fills HTML templates and writes items as a table. */
export const htmlNode = defineNode({
  type: 'core.html',
  version: 1,
  displayName: 'HTML',
  description:
    'Extracts values from HTML by CSS selector, converts HTML to plain text, fills an HTML template per item, or writes items as an HTML table.',
  group: 'data',
  icon: 'code-xml',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const first = ctx.params(0);
    if (first.operation === 'toTable') {
      return [{ json: { table: itemsToHtmlTable(items, first) }, pairedItem: items.map((_, i) => ({ item: i })) }];
    }
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      if (p.operation === 'template') {
        out[i] = { json: { html: p.html }, pairedItem: { item: i } };
        continue;
      }
      const lib = await loadHtml();
      const doc = lib.parse(sourceOf(name, item, p, i));
      let json: Record<string, unknown>;
      if (p.operation === 'extract') {
        if (p.extractionValues.length === 0)
          throw parameterError(name, 'extractionValues', 'is empty; add a key and a CSS selector to extract', i);
        json = extract(lib, name, doc, p.extractionValues, p, i);
      } else {
        const skip = new Set<HtmlNode>();
        for (const selector of fieldList(p.skipSelectors))
          for (const s of select(lib, name, 'skipSelectors', selector, doc, i)) skip.add(s);
        json = copyJson(item.json);
        setPath(json, p.destinationKey, htmlToText(lib, doc.children, skip));
      }
      out[i] = withJson(item, json, i);
    }
    return out;
  },
});
