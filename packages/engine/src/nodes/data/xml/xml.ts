import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';
import { parameterError } from '../shared/node-error.js';
import { withJson } from '../shared/item-result.js';
import { readTextField } from '../shared/text-field.js';
import { isXmlName, jsonToXml } from './json-to-xml.js';
import { loadXmlParser, xmlToJson } from './xml-to-json.js';

const toJson = { show: { operation: ['xmlToJson'] } };
const toXml = { show: { operation: ['jsonToXml'] } };

const properties = z.object({
  operation: z
    .enum(['xmlToJson', 'jsonToXml'])
    .default('xmlToJson')
    .meta({
      label: 'Operation',
      options: [
        { value: 'xmlToJson', label: 'XML to JSON', description: 'Parse the XML text in a field; the result becomes the item.' },
        { value: 'jsonToXml', label: 'JSON to XML', description: 'Write the whole item as XML text into a field.' },
      ],
    }),
  dataPropertyName: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Property Name', description: 'XML to JSON: the field holding the XML. JSON to XML: the field the XML is written to.' }),
  mergeAttributes: z.boolean().default(true).meta({
    label: 'Merge Attributes',
    description: 'Put attributes beside the child elements instead of under the attribute key.',
    displayOptions: toJson,
  }),
  attributeKey: z.string().min(1).default('$').meta({ label: 'Attribute Key', description: 'The field holding an element’s attributes.' }),
  textKey: z
    .string()
    .min(1)
    .default('_')
    .meta({ label: 'Text Key', description: 'The field holding the text of an element that also has attributes or children.' }),
  explicitArray: z
    .boolean()
    .default(false)
    .meta({ label: 'Explicit Array', description: 'Make every child element a list, even when it occurs once.', displayOptions: toJson }),
  explicitRoot: z
    .boolean()
    .default(true)
    .meta({ label: 'Explicit Root', description: 'Keep the root element as the one field of the result.', displayOptions: toJson }),
  explicitTextKey: z.boolean().default(false).meta({
    label: 'Explicit Text Key',
    description: 'Put text under the text key even in elements with nothing else.',
    displayOptions: toJson,
  }),
  ignoreAttributes: z.boolean().default(false).meta({ label: 'Ignore Attributes', displayOptions: toJson }),
  trim: z
    .boolean()
    .default(false)
    .meta({ label: 'Trim', description: 'Remove whitespace at the start and end of text.', displayOptions: toJson }),
  normalize: z
    .boolean()
    .default(false)
    .meta({ label: 'Normalize', description: 'Collapse runs of whitespace in text into one space.', displayOptions: toJson }),
  normalizeTags: z
    .boolean()
    .default(false)
    .meta({ label: 'Normalize Tags', description: 'Lowercase element names.', displayOptions: toJson }),
  rootName: z.string().default('').meta({
    label: 'Root Name',
    description: 'The root element. Empty: the item’s one field when it has only one holding an object, else "root".',
    displayOptions: toXml,
  }),
  headless: z
    .boolean()
    .default(false)
    .meta({ label: 'Headless', description: 'Leave out the <?xml ...?> declaration.', displayOptions: toXml }),
  pretty: z
    .boolean()
    .default(true)
    .meta({ label: 'Pretty', description: 'One element per line, indented by two spaces.', displayOptions: toXml }),
  cdata: z
    .boolean()
    .default(false)
    .meta({ label: 'CDATA', description: 'Wrap text holding < & or > in CDATA sections instead of escaping it.', displayOptions: toXml }),
});

/** Converts XML text to JSON and JSON to XML text. */
export const xmlNode = defineNode({
  type: 'core.xml',
  version: 1,
  displayName: 'XML',
  description: 'Converts XML text in a field to JSON, or an item’s JSON to XML text.',
  group: 'data',
  icon: 'file-code',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      let json: Record<string, unknown>;
      if (p.operation === 'xmlToJson') {
        const xml = readTextField(name, 'dataPropertyName', item, p.dataPropertyName, 'XML', i);
        json = xmlToJson(await loadXmlParser(), xml, p, (problem) =>
          parameterError(name, 'dataPropertyName', `names '${p.dataPropertyName}', whose XML is not well-formed: ${problem}`, i),
        );
      } else {
        if (p.rootName !== '' && !isXmlName(p.rootName)) {
          throw parameterError(
            name,
            'rootName',
            `must be a valid XML element name (letters, digits, _ . - and one : prefix), got ${JSON.stringify(p.rootName)}`,
            i,
          );
        }
        const xml = jsonToXml(
          item.json,
          p,
          (path, problem) =>
            new NodeExecutionError(`Node '${name}': the item cannot be written as XML: the field at ${path} ${problem} (item ${i}).`, {
              code: 'XML_INVALID',
              retryable: false,
              details: { path, itemIndex: i },
            }),
        );
        json = { [p.dataPropertyName]: xml };
      }
      out[i] = withJson(item, json, i);
    }
    return out;
  },
});
