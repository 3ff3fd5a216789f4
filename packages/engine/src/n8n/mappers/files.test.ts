import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/item.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';
import { minimalPdf } from '../../testing/pdf-fixture.js';
import { extractFromFileMapping } from './files.js';

// Convert to File (base64 or text field to a file), Extract from File (file to base64, XLSX), Move Binary Data,
// Spreadsheet File and Crypto over files, each checked on nodes of the corpus as exported, and run on data whose
// expected bytes come from the file formats' own specifications (PNG's signature, RFC 4648 base64, UTF-8) or
// from Node's own Buffer and crypto.

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
  return importN8nWorkflow(
    {
      name: 'one',
      nodes: [trigger, { ...node, position: [200, 0] }],
      connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
      pinData: { Start: input.map((json) => ({ json })) },
    },
    // Extract from File as this module maps it.
    { mappings: { 'n8n-nodes-base.extractFromFile': extractFromFileMapping } },
  );
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

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An item holding `bytes` as its file `data`. */
const withFile = (bytes: Uint8Array, mimeType: string, json: Item['json'] = {}): Item => ({
  json,
  binary: { data: { mimeType, fileSize: bytes.length, data: Buffer.from(bytes).toString('base64') } },
});

/** An XLSX workbook written by exceljs with one sheet of `rows`. */
async function workbook(sheet: string, rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(sheet).addRows(rows);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Items with a nested field and a missing one, as a spreadsheet's rows. */
const LEADS: Item[] = [
  { json: { address: '1 Main St', owner: { name: 'Ada' }, score: 87 } },
  { json: { address: '2 Elm St', owner: { name: 'Bob' } } },
];

/** The workbook of an item's file `data` read back by exceljs: each sheet's rows of cell values, by sheet name. */
async function sheetsOf(item: Item | undefined): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(item?.binary?.data?.data ?? '', 'base64') as unknown as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    sheets[sheet.name] = rows;
  }
  return sheets;
}

describe('Convert to File: XLSX', () => {
  it("writes the corpus's domain results as one workbook named as asked, a sheet 'Sheet' with a header row", async () => {
    const node = corpusNode('Wait/1954_Wait_Code_Automation_Webhook.json', 'convertToFile');
    expect(node.parameters).toMatchObject({ operation: 'xlsx', options: { fileName: 'domain_results.xlsx' } });
    const items = await runOne(node, [
      { json: { Domain: 'domain1.com', Availability: 'available' } },
      { json: { Domain: 'domain2.com', Availability: 'taken' } },
    ]);
    expect(items).toHaveLength(1);
    // Its file field is an expression reading a field the items lack: the file goes under the default key, 'data'.
    expect(items[0]?.binary?.data).toMatchObject({ mimeType: XLSX_TYPE, fileName: 'domain_results.xlsx' });
    expect(await sheetsOf(items[0])).toEqual({
      Sheet: [
        ['Domain', 'Availability'],
        ['domain1.com', 'available'],
        ['domain2.com', 'taken'],
      ],
    });
  });

  it("names the file File.xlsx by default, as n8n does, and keeps Convert to File's other operations", () => {
    const node = { name: 'To XLSX', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, parameters: { operation: 'xlsx' } };
    expect(importOne(node).workflow!.nodes.find((n) => n.name === 'To XLSX')?.parameters).toEqual({
      operation: 'toXlsx',
      binaryProperty: 'data',
      fileName: 'File.xlsx',
      header: true,
    });
    const csv = { ...node, parameters: { operation: 'csv' } };
    expect(importOne(csv).workflow!.nodes.find((n) => n.name === 'To XLSX')?.parameters).toMatchObject({ operation: 'toCsv' });
    expect(placeholderOf({ ...node, parameters: { operation: 'ods' } })).toMatchObject({ parameter: 'operation' });
  });
});

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
  it('gives the file as base64 whatever File Encoding says, as n8n does', async () => {
    const node = corpusNode('Webhook/1770_Webhook_Extractfromfile_Automation_Webhook.json', 'extractFromFile');
    expect(node.parameters).toMatchObject({ operation: 'binaryToPropery', options: { encoding: 'ascii' } });
    // Bytes past ASCII: reading them as ASCII text would change them; base64 keeps them.
    const [item] = await runOne(node, [withFile(Uint8Array.from(PNG_SIGNATURE), 'image/png', { id: 7 })]);
    expect(item?.json).toEqual({ data1: Buffer.from(PNG_SIGNATURE).toString('base64') });
  });

  it("puts the file's bytes as base64 in the destination field, the way back of Convert to File", async () => {
    const plain = corpusNode('Odoo/0977_Odoo_Code_Import_Scheduled.json', 'extractFromFile');
    const file = { mimeType: 'image/png', fileSize: 8, data: Buffer.from(PNG_SIGNATURE).toString('base64') };
    const [item] = await runOne(plain, [{ json: {}, binary: { data: file } }]);
    expect(item?.json).toEqual({ data: PNG_BASE64 });
  });
});

describe('Extract from File: text in an encoding', () => {
  it("reads text in n8n's encodings as Node's Buffer decodes them, and keeps the item's fields when Keep Source says JSON", async () => {
    const bytes = Buffer.from('caf\xe9 \xa9 2026', 'latin1');
    for (const [encoding, decoded] of [
      ['iso88591', 'latin1'],
      ['binary', 'latin1'],
      ['ascii', 'ascii'],
      ['ucs2', 'utf16le'],
    ] as const) {
      const node = {
        name: 'Read',
        type: 'n8n-nodes-base.extractFromFile',
        typeVersion: 1,
        parameters: { operation: 'text', options: { encoding, keepSource: 'json' } },
      };
      const [item] = await runOne(node, [withFile(bytes, 'text/plain', { id: 7 })]);
      expect(item?.json, encoding).toEqual({ id: 7, data: bytes.toString(decoded) });
    }
  });

  it('reports an encoding Flowloom does not read, naming it', () => {
    const node = {
      name: 'Read',
      type: 'n8n-nodes-base.extractFromFile',
      typeVersion: 1,
      parameters: { operation: 'text', options: { encoding: 'windows1252' } },
    };
    expect(placeholderOf(node)).toMatchObject({ parameter: 'options.encoding', reason: expect.stringContaining("'windows1252'") });
  });
});

describe('Extract from File: XLSX', () => {
  it("reads the corpus's XLSX download into one item per row, keyed by the header row", async () => {
    const node = corpusNode('Manual/2022_Manual_Extractfromfile_Update_Webhook.json', 'extractFromFile');
    expect(node.parameters).toEqual({ options: {}, operation: 'xlsx' });
    const file = await workbook('Users', [
      ['email', 'role_ids'],
      ['ada@example.com', '1,2'],
      [null, null],
      ['grace@example.com', 3],
    ]);
    const items = await runOne(node, [withFile(file, XLSX_TYPE)]);
    // n8n leaves empty cells out by default, and a row with none is no item.
    expect(items.map((i) => i.json)).toEqual([
      { email: 'ada@example.com', role_ids: '1,2' },
      { email: 'grace@example.com', role_ids: 3 },
    ]);
    expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
  });

  it('reads rows as lists with empty cells as "" when asked, and a range counted from 0 as n8n counts it', async () => {
    const node = corpusNode('Code/0851_Code_Extractfromfile_Monitor_Triggered.json', 'extractFromFile');
    expect(node.parameters).toMatchObject({ operation: 'xlsx', options: { rawData: true, headerRow: false, includeEmptyCells: true } });
    const file = await workbook('Sheet1', [
      ['a', null, 'c'],
      [1, 2, null],
    ]);
    expect((await runOne(node, [withFile(file, XLSX_TYPE)])).map((i) => i.json)).toEqual([{ row: ['a', '', 'c'] }, { row: [1, 2, ''] }]);
    const fromSecondRow = { ...node, parameters: { operation: 'xlsx', options: { range: 1, sheetName: 'Sheet1' } } };
    expect((await runOne(fromSecondRow, [withFile(file, XLSX_TYPE)])).map((i) => i.json)).toEqual([]);
    const fromFirstRow = { ...node, parameters: { operation: 'xlsx', options: { range: 'A1:C2' } } };
    expect((await runOne(fromFirstRow, [withFile(file, XLSX_TYPE)])).map((i) => i.json)).toEqual([{ a: 1, __EMPTY: 2 }]);
  });
});

describe('Crypto: HMAC with an empty secret', () => {
  it('signs a text with an empty key, as n8n does when the secret is left empty', async () => {
    const node = corpusNode('Stopanderror/1164_Stopanderror_Code_Automation_Triggered.json', 'crypto');
    expect(node.parameters).toEqual({
      type: 'SHA256',
      value: '={{ $json.sigBaseString }}',
      action: 'hmac',
      dataPropertyName: 'candidateSignature',
    });
    const sigBaseString = 'v0:1700000000:{"type":"event_callback"}';
    const [item] = await runOne(node, [{ json: { sigBaseString } }]);
    expect(item?.json).toEqual({ sigBaseString, candidateSignature: createHmac('sha256', '').update(sigBaseString).digest('hex') });
  });

  it("signs a webhook's raw body file with an empty key", async () => {
    const node = corpusNode('Webhook/1740_Webhook_Respondtowebhook_Automation_Webhook.json', 'crypto');
    expect(node.parameters).toMatchObject({ action: 'hmac', binaryData: true });
    expect(node.parameters).not.toHaveProperty('secret');
    const body = Buffer.from('{"event":"row_added","table":"Contacts"}');
    const [item] = await runOne(node, [withFile(body, 'application/json', { headers: {} })]);
    expect(item?.json['seatable-signature']).toBe(createHmac('sha256', '').update(body).digest('hex'));
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

  it('reads Binary to JSON in the encoding asked for', async () => {
    const node = {
      name: 'Move',
      type: 'n8n-nodes-base.moveBinaryData',
      typeVersion: 1,
      parameters: { setAllData: false, options: { encoding: 'latin1' } },
    };
    const bytes = Buffer.from('Malm\xf6', 'latin1');
    const [item] = await runOne(node, [withFile(bytes, 'text/plain', { id: 7 })]);
    expect(item?.json).toEqual({ id: 7, data: bytes.toString('latin1') });
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

  it("writes version 2's XLSX workbook under n8n's sheet name 'Sheet', with a header row, its file named as written", async () => {
    const node = corpusNode('Emailsend/1628_Emailsend_Code_Automation_Webhook.json', 'spreadsheetFile');
    expect(node.parameters).toMatchObject({ operation: 'toFile', fileFormat: 'xlsx', options: { headerRow: true } });
    const [item] = await runOne(node, LEADS);
    // The name has no leading '=', so n8n takes its braces as text.
    expect(item?.binary?.data).toMatchObject({ mimeType: XLSX_TYPE, fileName: "Property_Leads_{{ $now.format('YYYY-MM-DD') }}.xlsx" });
    expect(await sheetsOf(item)).toEqual({
      Sheet: [
        ['address', 'owner.name', 'score'],
        ['1 Main St', 'Ada', 87],
        ['2 Elm St', 'Bob'],
      ],
    });
  });

  it("maps version 1's XLSX writing alike, the file named by its expression", () => {
    const node = corpusNode('Microsoftonedrive/0276_Microsoftonedrive_Readbinaryfile_Automation_Webhook.json', 'spreadsheetFile', 1);
    expect(node.parameters).toMatchObject({ operation: 'toFile', fileFormat: 'xlsx' });
    const { workflow, report } = importOne(node);
    expect(report.placeholders).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === node.name)).toMatchObject({
      type: 'core.convertToFile',
      parameters: {
        operation: 'toXlsx',
        binaryProperty: 'data',
        header: true,
        fileName: expect.stringMatching(/^customer-datastore_\{\{.*\$today.*\}\}\.xlsx$/),
      },
    });
  });

  it('writes XLSX with the sheet name, no header row and compression asked for', async () => {
    const node = {
      name: 'Write',
      type: 'n8n-nodes-base.spreadsheetFile',
      typeVersion: 2,
      parameters: { operation: 'toFile', options: { sheetName: 'Leads', headerRow: false, compression: true } },
    };
    const [item] = await runOne(node, LEADS);
    expect(item?.binary?.data?.fileName).toBe('spreadsheet.xlsx');
    // A zip entry deflated: method 8 in its local file header (APPNOTE.TXT 4.3.7).
    expect(bytesOf(item, 'data').slice(8, 10)).toEqual([8, 0]);
    expect(await sheetsOf(item)).toEqual({
      Leads: [
        ['1 Main St', 'Ada', 87],
        ['2 Elm St', 'Bob'],
      ],
    });
  });

  it('reports writing an ODS file, naming the format', () => {
    const node = {
      name: 'Write',
      type: 'n8n-nodes-base.spreadsheetFile',
      typeVersion: 2,
      parameters: { operation: 'toFile', fileFormat: 'ods' },
    };
    expect(placeholderOf(node)).toMatchObject({ parameter: 'fileFormat', reason: expect.stringContaining("'ods'") });
  });

  it("reads version 1's CSV file as SheetJS does: numbers, booleans and ISO dates as values", async () => {
    const node = corpusNode('Readbinaryfile/0220_Readbinaryfile_Manual_Automate_Triggered.json', 'spreadsheetFile');
    expect(node.parameters).toEqual({ options: {} });
    const csv = Buffer.from('id,name,active,since,note\n7,Ada,TRUE,2026-07-02,\n8,"Lovelace, Ada",false,,x\n');
    const items = await runOne(node, [withFile(csv, 'text/csv')]);
    // 2026-07-02 is day 46205 of Excel's 1900 date system; empty cells are left out.
    expect(items.map((i) => i.json)).toEqual([
      { id: 7, name: 'Ada', active: true, since: 46205 },
      { id: 8, name: 'Lovelace, Ada', active: false, note: 'x' },
    ]);
  });

  it("reads version 1's XLSX file, told apart from CSV by its bytes, whatever its type says", async () => {
    const node = corpusNode('Manual/0336_Manual_Snowflake_Automation_Webhook.json', 'spreadsheetFile');
    const file = await workbook('Customers', [
      ['id', 'name', 'joined'],
      [1, 'Ada', new Date(Date.UTC(2026, 6, 2))],
    ]);
    const items = await runOne(node, [withFile(file, 'application/octet-stream')]);
    expect(items.map((i) => i.json)).toEqual([{ id: 1, name: 'Ada', joined: 46205 }]);
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

  it('reads an XLSX file in version 2, from the sheet and row asked for', async () => {
    const node = {
      name: 'Read XLSX',
      type: 'n8n-nodes-base.spreadsheetFile',
      typeVersion: 2,
      parameters: { fileFormat: 'xlsx', options: { sheetName: 'Orders', range: '1', includeEmptyCells: true } },
    };
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Summary').addRow(['total', 2]);
    book.addWorksheet('Orders').addRows([['Orders of July'], ['id', 'amount', 'note'], [1, 9.5, null]]);
    const file = new Uint8Array(await book.xlsx.writeBuffer());
    // The range '1' starts at n8n's row 1, counted from 0: the sheet's second row holds the headers.
    expect((await runOne(node, [withFile(file, XLSX_TYPE)])).map((i) => i.json)).toEqual([{ id: 1, amount: 9.5, note: '' }]);
  });

  it("reads the corpus's version 2 CSV, whose raw data and read-as-string settings change nothing for CSV", async () => {
    const node = corpusNode('Readbinaryfiles/2036_Readbinaryfiles_Filter_Import_Triggered.json', 'spreadsheetFile');
    expect(node.parameters).toMatchObject({ fileFormat: 'csv', options: { rawData: true, readAsString: true } });
    const file = Buffer.from('id,name,city\n7,Ada,\n');
    expect((await runOne(node, [withFile(file, 'text/csv')])).map((i) => i.json)).toEqual([{ id: '7', name: 'Ada' }]);
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

describe('Read PDF and Extract from File: PDF', () => {
  // The oracle: the text the hand-written PDF draws, and n8n's field names for what pdf.js reads (text, numpages,
  // numrender, info, metadata, version).
  const pdf = minimalPdf([['Payslip March', 'Net 2100'], ['Page two']], { title: 'Payslip', author: 'Payroll' });
  const pdfItem = (json: Item['json'] = {}): Item => ({
    json,
    binary: {
      data: { mimeType: 'application/pdf', fileName: 'payslip.pdf', fileExtension: 'pdf', data: Buffer.from(pdf).toString('base64') },
    },
  });

  it("reads the corpus's Read PDF node: the PDF's text and facts as the item's data, its file kept", async () => {
    const node = corpusNode('Code/1656_Code_Readpdf_Send_Triggered.json', 'readPDF');
    expect(node.parameters).toEqual({});
    const [item] = await runOne(node, [pdfItem({ subject: 'March' })]);
    expect(item?.json).toEqual({
      text: 'Payslip March\nNet 2100\n\nPage two',
      numpages: 2,
      numrender: 2,
      info: expect.objectContaining({ Title: 'Payslip', Author: 'Payroll' }),
      version: expect.any(String),
    });
    // The workflow reads the file's name after Read PDF ($binary.data.fileName).
    expect(item?.binary?.data).toMatchObject({ fileName: 'payslip.pdf' });
  });

  it("maps Read PDF's password only when the file is said to be encrypted", () => {
    const node = { name: 'Read', type: 'n8n-nodes-base.readPDF', typeVersion: 1, parameters: { encrypted: true, password: 's3cret' } };
    expect(importOne(node).workflow!.nodes.find((n) => n.name === 'Read')?.parameters).toEqual({
      operation: 'pdf',
      binaryProperty: 'data',
      password: 's3cret',
      keepFile: true,
    });
    const plain = { ...node, parameters: { encrypted: false, password: 'left over' } };
    expect(importOne(plain).workflow!.nodes.find((n) => n.name === 'Read')?.parameters).not.toHaveProperty('password');
  });

  it("reads a PDF in Extract from File, keeping the item's fields and file with Keep Source 'both', a text per page", async () => {
    const node = {
      name: 'Extract',
      type: 'n8n-nodes-base.extractFromFile',
      typeVersion: 1,
      parameters: { operation: 'pdf', options: { keepSource: 'both', joinPages: false, maxPages: 1 } },
    };
    const [item] = await runOne(node, [pdfItem({ subject: 'March' })]);
    expect(item?.json).toMatchObject({ subject: 'March', text: ['Payslip March\nNet 2100'], numpages: 2 });
    expect(Object.keys(item?.binary ?? {})).toEqual(['data']);
  });

  it('leaves the PDF out of the files and the fields out of the item by default, as n8n does', async () => {
    const node = { name: 'Extract', type: 'n8n-nodes-base.extractFromFile', typeVersion: 1, parameters: { operation: 'pdf' } };
    const [item] = await runOne(node, [pdfItem({ subject: 'March' })]);
    expect(item?.json).not.toHaveProperty('subject');
    expect(item?.json.text).toBe('Payslip March\nNet 2100\n\nPage two');
    expect(item?.binary).toBeUndefined();
  });

  it('reports Max Pages 0, with which n8n reads no page', () => {
    const node = {
      name: 'Extract',
      type: 'n8n-nodes-base.extractFromFile',
      typeVersion: 1,
      parameters: { operation: 'pdf', options: { maxPages: 0 } },
    };
    expect(placeholderOf(node)).toMatchObject({ parameter: 'options.maxPages' });
  });
});
