import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/item.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

// Convert to File (base64 or text field to a file), Extract from File (file to base64), Move Binary Data and
// Spreadsheet File, each checked on nodes of the corpus as exported, and run on data whose expected bytes come
// from the file formats' own specifications (PNG's signature, RFC 4648 base64, UTF-8).

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

interface N8nNode {
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
}

/** The first node of an n8n type in a corpus workflow (`Converttofile/0889_....json`). */
function corpusNode(file: string, type: string, index = 0): N8nNode {
  const n8n = JSON.parse(readFileSync(join(CORPUS, 'workflows', file), 'utf8')) as { nodes: N8nNode[] };
  const found = n8n.nodes.filter((n) => n.type === `n8n-nodes-base.${type}`)[index];
  if (!found) throw new Error(`no ${type} node in ${file}`);
  return found;
}

/** Imports a corpus node alone after a Manual Trigger whose pinned output is `input`. */
function importOne(node: N8nNode, input: Item['json'][] = [{}]) {
  const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
  return importN8nWorkflow({
    name: 'one',
    nodes: [trigger, { ...node, position: [200, 0] }],
    connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
    pinData: { Start: input.map((json) => ({ json })) },
  });
}

/** Imports the node, runs it on `input` (then on `extra` nodes' data), and gives its output items. */
async function runOne(node: N8nNode, input: Item[]): Promise<Item[]> {
  const { workflow, report } = importOne(node);
  expect(report.placeholders).toEqual([]);
  const engine = createEngine({ logger: silentLogger });
  const trigger = workflow!.nodes.find((n) => n.name === 'Start')!;
  const execution = await engine.run({ ...workflow!, pinData: { [trigger.id]: input } });
  expect(execution.error).toBeUndefined();
  const id = workflow!.nodes.find((n) => n.name === node.name)!.id;
  return execution.nodes[id]?.[0]?.output.main ?? [];
}

const placeholderOf = (node: N8nNode) => importOne(node).report.placeholders[0];

/** The 8-byte PNG signature (PNG specification, section 5.2), base64 per RFC 4648. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_BASE64 = 'iVBORw0KGgo=';

const bytesOf = (item: Item | undefined, key: string) => [...Buffer.from(item?.binary?.[key]?.data ?? '', 'base64')];

describe('Convert to File: a field to a file', () => {
  it("decodes a base64 field read by an n8n path ('data[0].b64_json') into a file, its type shown by its bytes", async () => {
    const node = corpusNode('Converttofile/0889_Converttofile_HTTP_Create_Webhook.json', 'convertToFile');
    expect(node.parameters).toMatchObject({ operation: 'toBinary', sourceProperty: 'data[0].b64_json' });
    const [item] = await runOne(node, [{ json: { data: [{ b64_json: PNG_BASE64 }] } }]);
    expect(bytesOf(item, 'data')).toEqual(PNG_SIGNATURE);
    expect(item?.binary?.data?.mimeType).toBe('image/png');
  });

  it('names the MIME type and the binary field the node gives', async () => {
    const node = corpusNode('Webhook/0914_Webhook_Respondtowebhook_Create_Webhook.json', 'convertToFile');
    const [item] = await runOne(node, [{ json: { data: Buffer.from('GIF89a').toString('base64') } }]);
    expect(item?.binary?.pixel).toMatchObject({ mimeType: 'image/png', fileSize: 6 });
  });

  it("writes a text field as a UTF-8 text file, the item's JSON left behind", async () => {
    const node = corpusNode('Googledocs/1134_Googledocs_Code_Create_Webhook.json', 'convertToFile');
    const [item] = await runOne(node, [{ json: { markdown: '# Café ☕' } }]);
    expect(item?.json).toEqual({});
    expect(bytesOf(item, 'data')).toEqual([...new TextEncoder().encode('# Café ☕')]);
    expect(item?.binary?.data?.mimeType).toBe('text/plain');
  });

  it('fails naming the node, the parameter and the item when the field is missing', async () => {
    const node = corpusNode('Converttofile/0889_Converttofile_HTTP_Create_Webhook.json', 'convertToFile');
    const { workflow } = importOne(node);
    const execution = await createEngine({ logger: silentLogger }).run(workflow!);
    expect(execution.error?.message).toBe(
      `Node '${node.name}': parameter 'sourceProperty' names 'data.0.b64_json', which the item does not have (item 0).`,
    );
  });
});

describe('Extract from File: a file to base64', () => {
  it("puts the file's bytes as base64 in the destination field, the way back of Convert to File", async () => {
    const node = corpusNode('Webhook/1770_Webhook_Extractfromfile_Automation_Webhook.json', 'extractFromFile');
    // That node asks for the ASCII encoding, which Flowloom does not offer: reported, not dropped.
    expect(placeholderOf(node)).toMatchObject({ parameter: 'options.encoding' });
    const plain = corpusNode('Odoo/0977_Odoo_Code_Import_Scheduled.json', 'extractFromFile');
    const file = { mimeType: 'image/png', fileSize: 8, data: Buffer.from(PNG_SIGNATURE).toString('base64') };
    const [item] = await runOne(plain, [{ json: {}, binary: { data: file } }]);
    expect(item?.json).toEqual({ data: PNG_BASE64 });
  });
});

describe('Move Binary Data', () => {
  it('maps JSON to Binary with its defaults to each item as a JSON file', async () => {
    const node = corpusNode('Readbinaryfile/0220_Readbinaryfile_Manual_Automate_Triggered.json', 'moveBinaryData');
    const [item] = await runOne(node, [{ json: { id: 7, name: 'Ada' } }]);
    expect(JSON.parse(Buffer.from(item?.binary?.data?.data ?? '', 'base64').toString('utf8'))).toEqual({ id: 7, name: 'Ada' });
    expect(item?.json).toEqual({});
  });

  it('reports keeping the source, which has no equivalent', () => {
    const node = corpusNode('Dropbox/0969_Dropbox_Manual_Automate_Webhook.json', 'moveBinaryData');
    expect(placeholderOf(node)).toMatchObject({ cause: 'parameters', parameter: 'options.keepSource' });
  });

  it("reads Binary to JSON's file as text into the destination field, beside the item's other fields", async () => {
    const node = corpusNode('Executecommand/1190_Executecommand_Readbinaryfile_Automate_Triggered.json', 'moveBinaryData');
    const file = { mimeType: 'text/plain', fileSize: 5, data: Buffer.from('\uFEFFhé').toString('base64') };
    const [item] = await runOne(node, [{ json: { id: 7 }, binary: { data: file } }]);
    // The byte order mark is left out (Strip BOM is on by default), and the file is not kept (Keep Source is off).
    expect(item).toEqual({ json: { id: 7, data: 'hé' }, pairedItem: { item: 0 } });
  });

  it('gives the file as base64 when Binary to JSON reads it in the base64 encoding', async () => {
    const node = corpusNode('Removeduplicates/1854_Removeduplicates_Converttofile_Automation_Webhook.json', 'moveBinaryData');
    const file = { mimeType: 'image/png', fileSize: 8, data: Buffer.from(PNG_SIGNATURE).toString('base64') };
    const [item] = await runOne(node, [{ json: { id: 7 }, binary: { data: file } }]);
    expect(item?.json).toEqual({ id: 7, data: PNG_BASE64 });
  });

  it("reports Binary to JSON replacing all of the item's data", () => {
    const node = { name: 'Move', type: 'n8n-nodes-base.moveBinaryData', typeVersion: 1, parameters: {} };
    expect(placeholderOf(node)).toMatchObject({ parameter: 'setAllData' });
  });
});

describe('Spreadsheet File', () => {
  it('maps writing a CSV file to Convert to File', () => {
    const node = corpusNode('Manual/0303_Manual_Stickynote_Export_Triggered.json', 'spreadsheetFile');
    const { workflow, report } = importOne(node);
    expect(report.placeholders).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === node.name)).toMatchObject({
      type: 'core.convertToFile',
      parameters: { operation: 'toCsv', binaryProperty: 'data', header: true },
    });
  });

  it('reports writing XLSX, naming the format', () => {
    const node = corpusNode('Emailsend/1628_Emailsend_Code_Automation_Webhook.json', 'spreadsheetFile');
    expect(placeholderOf(node)).toMatchObject({ parameter: 'fileFormat', reason: expect.stringContaining("'xlsx'") });
  });

  it('reports version 1 reading a file of a format known only when it runs', () => {
    const node = corpusNode('Manual/0336_Manual_Snowflake_Automation_Webhook.json', 'spreadsheetFile');
    expect(placeholderOf(node)).toMatchObject({ parameter: 'operation' });
  });

  it('reads a CSV file in version 2, each cell as text', async () => {
    const node = {
      name: 'Read CSV',
      type: 'n8n-nodes-base.spreadsheetFile',
      typeVersion: 2,
      parameters: { fileFormat: 'csv', options: { headerRow: true } },
    };
    const file = { mimeType: 'text/csv', fileSize: 14, data: Buffer.from('id,name\n7,Ada\n').toString('base64') };
    expect((await runOne(node, [{ json: {}, binary: { data: file } }])).map((i) => i.json)).toEqual([{ id: '7', name: 'Ada' }]);
  });

  it("reports the corpus's version 2 read asking for raw values", () => {
    const node = corpusNode('Readbinaryfiles/2036_Readbinaryfiles_Filter_Import_Triggered.json', 'spreadsheetFile');
    expect(placeholderOf(node)).toMatchObject({ parameter: 'options.rawData' });
  });
});

describe('Respond to Webhook with a file', () => {
  it("answers with the item's only file, as n8n chooses it: the corpus's base64 pixel, decoded", async () => {
    const file = 'Webhook/0914_Webhook_Respondtowebhook_Create_Webhook.json';
    const text = readFileSync(join(CORPUS, 'workflows', file), 'utf8');
    const { workflow, report } = importN8nWorkflow(text);
    expect(report.placeholders).toEqual([]);
    const set = corpusNode(file, 'set');
    const pixel = String((set.parameters as { assignments: { assignments: { value: string }[] } }).assignments.assignments[0]!.value);
    const engine = createEngine({ logger: silentLogger });
    await engine.activate(workflow!);
    const response = await engine.handleWebhook(new Request('https://hooks.example.com/webhook/db4880e7-2134-4994-94e5-a4a3aa120440'));
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pixel, 'base64'))).toBe(true);
  });

  it('fails naming the parameter when the item has several files and none is named', async () => {
    const engine = createEngine({ logger: silentLogger });
    const { workflow } = importN8nWorkflow({
      name: 'two files',
      nodes: [
        { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          name: 'Reply',
          type: 'n8n-nodes-base.respondToWebhook',
          typeVersion: 1.1,
          position: [200, 0],
          parameters: { respondWith: 'binary' },
        },
      ],
      connections: { Start: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
    });
    const file = { mimeType: 'text/plain', fileSize: 1, data: 'YQ==' };
    const execution = await engine.run(workflow!, { input: [{ json: {}, binary: { a: file, b: file } }] });
    expect(execution.error?.message).toBe(
      "Node 'Reply': parameter 'binarySource' asks for the first item's only file, and it has 2 (a, b): name the one to send in 'binaryProperty'",
    );
  });
});
