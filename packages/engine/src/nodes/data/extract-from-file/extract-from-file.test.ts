import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { toBase64, utf8Encode } from '../../../binary/bytes.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { extractFromFileNode } from './extract-from-file.js';
import { minimalPdf } from '../../../testing/pdf-fixture.js';

const withFile = (content: string, key = 'data'): Item => ({
  json: {},
  binary: { [key]: { mimeType: 'text/plain', data: toBase64(utf8Encode(content)) } },
});

const withBytes = (bytes: Uint8Array, mimeType = 'application/octet-stream'): Item => ({
  json: {},
  binary: { data: { mimeType, data: Buffer.from(bytes).toString('base64') } },
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's serial number of a UTC date (days since 1899-12-30), the value n8n gives for date cells. */
const serial = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;

/**
 * A workbook written by exceljs: a 'People' sheet whose data starts at B2, with a repeated and an empty header,
 * a date, a formula, rich text, a link, a merge and an error; and a second sheet, 'Notes'.
 */
async function peopleWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const people = workbook.addWorksheet('People');
  people.getRow(2).values = [undefined, 'name', 'age', 'born', 'member', 'name', null, 'score'];
  people.getRow(3).values = [
    undefined,
    'Ada',
    36,
    new Date(Date.UTC(1815, 11, 10)),
    true,
    'Lovelace',
    'x',
    { formula: 'C3*2', result: 72 },
  ];
  people.getRow(4).values = [
    undefined,
    { richText: [{ text: 'Gr' }, { font: { bold: true }, text: 'ace' }] },
    85,
    null,
    false,
    { text: 'Hopper', hyperlink: 'https://example.com/hopper' },
    null,
    { error: '#N/A' },
  ];
  people.getCell('B5').value = 'Merged';
  people.mergeCells('B5:C5');
  people.getCell('D5').numFmt = 'yyyy-mm-dd';
  people.getCell('D5').value = new Date(Date.UTC(2026, 6, 2));
  const notes = workbook.addWorksheet('Notes');
  notes.addRow(['note']);
  notes.addRow(['second sheet']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('Extract from File', () => {
  it('parses a JSON file into a field', async () => {
    const { json } = await tryNode('core.extractFromFile', { destinationKey: 'payload' }, [withFile('{"ok":true,"list":[1,2]}')]);
    expect(json).toEqual([{ payload: { ok: true, list: [1, 2] } }]);
  });

  it('reads CSV rows into items, with header names, detecting the delimiter, and unicode intact', async () => {
    const { json } = await tryNode('core.extractFromFile', { operation: 'csv' }, [withFile('\uFEFFname;city\n"Zoë; Jr";Malmö\nBob;\n')]);
    expect(json).toEqual([
      { name: 'Zoë; Jr', city: 'Malmö' },
      { name: 'Bob', city: '' },
    ]);
  });

  it('reads CSV rows as lists without a header row, and drops empty cells when asked', async () => {
    expect((await tryNode('core.extractFromFile', { operation: 'csv', headerRow: false }, [withFile('a,b\n1,2')])).json).toEqual([
      { row: ['a', 'b'] },
      { row: ['1', '2'] },
    ]);
    expect((await tryNode('core.extractFromFile', { operation: 'csv', includeEmptyCells: false }, [withFile('a,b\n1,')])).json).toEqual([
      { a: '1' },
    ]);
  });

  it("decodes text in each encoding as Node's Buffer does", async () => {
    // Bytes past ASCII, a UTF-16 surrogate pair and an odd last byte: where the encodings differ.
    const bytes = Uint8Array.from([0x48, 0x00, 0xe9, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0xff, 0x80, 0x7f]);
    for (const encoding of ['utf8', 'ascii', 'latin1', 'utf16le', 'base64', 'hex'] as const) {
      const { json } = await tryNode('core.extractFromFile', { operation: 'text', encoding }, [withBytes(bytes)]);
      expect(json[0], encoding).toEqual({ data: Buffer.from(bytes).toString(encoding) });
    }
  });

  it('leaves out a UTF-16 byte order mark, and reads JSON in the chosen encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"city":"Malmö"}', 'utf16le')]);
    const { json } = await tryNode('core.extractFromFile', { operation: 'json', encoding: 'utf16le' }, [withBytes(bytes)]);
    expect(json).toEqual([{ data: { city: 'Malmö' } }]);
    const latin1 = Buffer.from('name\nZoë\n', 'latin1');
    expect((await tryNode('core.extractFromFile', { operation: 'csv', encoding: 'latin1' }, [withBytes(latin1)])).json).toEqual([
      { name: 'Zoë' },
    ]);
  });

  it('reads an XLSX sheet into items keyed by its header row, as n8n does', async () => {
    const file = withBytes(await peopleWorkbook(), XLSX_TYPE);
    const { json } = await tryNode('core.extractFromFile', { operation: 'xlsx', includeEmptyCells: false }, [file]);
    expect(json).toEqual([
      // The date is Excel's serial number; the formula gives its result; the repeated header gets _1, the empty one __EMPTY.
      { name: 'Ada', age: 36, born: serial(1815, 12, 10), member: true, name_1: 'Lovelace', __EMPTY: 'x', score: 72 },
      // Rich text and a link give their text; an error cell (#N/A) is empty.
      { name: 'Grace', age: 85, member: false, name_1: 'Hopper' },
      // Only the top-left cell of a merge holds its value.
      { name: 'Merged', born: serial(2026, 7, 2) },
    ]);
    expect(serial(2026, 7, 2)).toBe(46205);
  });

  it('reads empty cells as "" when asked, and rows as lists without a header row', async () => {
    const file = withBytes(await peopleWorkbook(), XLSX_TYPE);
    const withEmpty = await tryNode('core.extractFromFile', { operation: 'xlsx', range: 'B4:E5' }, [file]);
    // Headers are the text the cells show: 85, FALSE; the merge's covered cell is empty.
    expect(withEmpty.json).toEqual([{ Grace: 'Merged', '85': '', __EMPTY: serial(2026, 7, 2), FALSE: '' }]);
    const lists = await tryNode('core.extractFromFile', { operation: 'xlsx', headerRow: false, includeEmptyCells: false, range: 'B4:E6' }, [
      file,
    ]);
    // Without a header row, blank rows are kept and empty cells inside a row are null.
    expect(lists.json).toEqual([{ row: ['Grace', 85, null, false] }, { row: ['Merged', null, serial(2026, 7, 2)] }, { row: [] }]);
  });

  it('starts at the row a number names, and reads the named sheet', async () => {
    const file = withBytes(await peopleWorkbook(), XLSX_TYPE);
    const fromRow4 = await tryNode('core.extractFromFile', { operation: 'xlsx', range: '4', includeEmptyCells: false }, [file]);
    expect(fromRow4.json).toEqual([{ Grace: 'Merged', __EMPTY: serial(2026, 7, 2) }]);
    const notes = await tryNode('core.extractFromFile', { operation: 'xlsx', sheetName: 'Notes' }, [file]);
    expect(notes.json).toEqual([{ note: 'second sheet' }]);
  });

  it('names the parameter when the sheet, the range or the file is not right', async () => {
    const file = withBytes(await peopleWorkbook(), XLSX_TYPE);
    expect((await tryNode('core.extractFromFile', { operation: 'xlsx', sheetName: 'Sheet1' }, [file])).error?.message).toMatch(
      /parameter 'sheetName' names 'Sheet1', which the workbook does not have \(its sheets: 'People', 'Notes'\)/,
    );
    expect((await tryNode('core.extractFromFile', { operation: 'xlsx', range: 'row 2' }, [file])).error?.message).toMatch(
      /parameter 'range' must be A1 notation \(A2:D20\) or a row number, got 'row 2'/,
    );
    expect((await tryNode('core.extractFromFile', { operation: 'xlsx' }, [withFile('a,b\n1,2')])).error?.message).toMatch(
      /parameter 'binaryProperty' names 'data', whose file is not an XLSX workbook \(those are zip archives, starting 50 4b 03 04; this one starts 61 2c 62 0a\)/,
    );
    const xls = withBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await tryNode('core.extractFromFile', { operation: 'spreadsheet' }, [xls])).error?.message).toMatch(
      /whose file is an XLS \(Excel 97-2003\) workbook, which Flowloom does not read: save it as XLSX/,
    );
  });

  it('tells XLSX from CSV by the file itself when reading a spreadsheet', async () => {
    const xlsx = withBytes(await peopleWorkbook(), 'application/octet-stream');
    const fromXlsx = await tryNode('core.extractFromFile', { operation: 'spreadsheet', sheetName: 'Notes' }, [xlsx]);
    expect(fromXlsx.json).toEqual([{ note: 'second sheet' }]);
    const csv = withFile('id,name,paid,joined,note\n7,Ada,TRUE,2026-07-02,\n8.5,Bob,false,2026-02-30,x\n');
    const typed = await tryNode('core.extractFromFile', { operation: 'spreadsheet', includeEmptyCells: false }, [csv]);
    // Numbers, booleans and ISO dates read as values (an impossible date stays text); the empty cell is left out.
    expect(typed.json).toEqual([
      { id: 7, name: 'Ada', paid: true, joined: 46205 },
      { id: 8.5, name: 'Bob', paid: false, joined: '2026-02-30', note: 'x' },
    ]);
    const raw = await tryNode('core.extractFromFile', { operation: 'spreadsheet', rawData: true, headerRow: false }, [csv]);
    expect(raw.json[1]).toEqual({ row: ['7', 'Ada', 'TRUE', '2026-07-02', ''] });
  });

  it('refuses a workbook that declares it unpacks to more than 256 MB, before unpacking it', async () => {
    const zip = zipSync({ 'xl/workbook.xml': new Uint8Array(16) }, { level: 0 });
    // Rewrite the uncompressed size the central directory declares (offset 24 of its header, signature PK 01 02).
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const central = zip.findIndex((b, i) => b === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02);
    view.setUint32(central + 24, 300 * 1024 * 1024, true);
    const { error } = await tryNode('core.extractFromFile', { operation: 'xlsx' }, [withBytes(zip, XLSX_TYPE)]);
    expect(error?.message).toMatch(/names 'data', whose file is a workbook that unpacks to more than 256 MB, which Flowloom refuses/);
  });

  it('gives no items for an empty sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Empty');
    const file = withBytes(new Uint8Array(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
    expect((await tryNode('core.extractFromFile', { operation: 'xlsx' }, [file])).json).toEqual([]);
  });

  it('round-trips what Convert to File wrote', async () => {
    const rows = [{ id: '1', note: 'multi\nline, "quoted"' }];
    const { output } = await tryNode('core.convertToFile', { operation: 'toCsv' }, rows);
    const back = await callNode(extractFromFileNode, { operation: 'csv' }, { main: output.main! });
    expect(back.main?.map((i) => i.json)).toEqual(rows);
  });

  it('names the parameter when the item has no such file, listing the files it has', async () => {
    const { error } = await tryNode('core.extractFromFile', { binaryProperty: 'upload' }, [withFile('{}', 'attachment')]);
    expect(error?.message).toMatch(
      /parameter 'binaryProperty' names 'upload', but the item has no file under that key \(its files: 'attachment'\) \(item 0\)/,
    );
  });

  it('names the parameter when the file is not valid JSON', async () => {
    const { error } = await tryNode('core.extractFromFile', {}, [withFile('{not json')]);
    expect(error?.message).toMatch(/parameter 'binaryProperty' names 'data', whose file is not valid JSON/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(extractFromFileNode, {}, { main: [] })).toEqual({ main: [] });
  });
});

describe('Extract from File: PDF', () => {
  // The oracle: the text the hand-written PDF draws (testing/pdf-fixture.ts), and the information dictionary it holds.
  const pdf = minimalPdf([['Invoice 42', 'Total 99.50 EUR'], ['Page two']], { title: 'Invoice', author: 'Ada', xmpTitle: 'Invoice 42' });
  const pdfItem = (json: Record<string, unknown> = {}): Item => ({
    json,
    binary: {
      data: { mimeType: 'application/pdf', fileName: 'invoice.pdf', data: toBase64(pdf) },
      logo: { mimeType: 'image/png', data: 'iVBORw0KGgo=' },
    },
  });

  it("gives the pages' text, one line per baseline and pages apart by an empty line, with the count, information and version", async () => {
    const { json, output, error } = await tryNode('core.extractFromFile', { operation: 'pdf' }, [pdfItem({ id: 7 })]);
    expect(error).toBeUndefined();
    expect(json[0]).toMatchObject({
      text: 'Invoice 42\nTotal 99.50 EUR\n\nPage two',
      numpages: 2,
      numrender: 2,
      info: { Title: 'Invoice', Author: 'Ada', PDFFormatVersion: '1.4' },
      metadata: { 'dc:title': 'Invoice 42' },
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(json[0]).not.toHaveProperty('id');
    // The PDF read is left out; the item's other files stay.
    expect(Object.keys(output.main?.[0]?.binary ?? {})).toEqual(['logo']);
  });

  it("keeps the item's fields and the PDF when asked, and gives one text per page", async () => {
    const { json, output } = await tryNode('core.extractFromFile', { operation: 'pdf', keepJson: true, keepFile: true, joinPages: false }, [
      pdfItem({ id: 7 }),
    ]);
    expect(json[0]).toMatchObject({ id: 7, text: ['Invoice 42\nTotal 99.50 EUR', 'Page two'], numpages: 2 });
    expect(Object.keys(output.main?.[0]?.binary ?? {})).toEqual(['data', 'logo']);
  });

  it('reads no more pages than asked, and counts them all', async () => {
    const { json } = await tryNode('core.extractFromFile', { operation: 'pdf', maxPages: 1 }, [pdfItem()]);
    expect(json[0]).toMatchObject({ text: 'Invoice 42\nTotal 99.50 EUR', numpages: 2 });
  });

  it('leaves metadata out when the file has none', async () => {
    const plain = minimalPdf([['Hello']], { title: 'T', author: 'A' });
    const { json } = await tryNode('core.extractFromFile', { operation: 'pdf' }, [withBytes(plain, 'application/pdf')]);
    expect(json[0]).toMatchObject({ text: 'Hello', numpages: 1 });
    expect(json[0]).not.toHaveProperty('metadata');
  });

  it('fails naming the node, the parameter and the item when the file is not a PDF', async () => {
    const { error } = await tryNode('core.extractFromFile', { operation: 'pdf' }, [withFile('just text')]);
    expect(error?.message).toMatch(
      /^Node 'Node': parameter 'binaryProperty' names 'data', whose file is not a PDF pdf\.js can read .*\(item 0\)/,
    );
  });
});
