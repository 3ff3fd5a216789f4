import { describe, expect, it } from 'vitest';
import { fromBase64, utf8Decode } from '../../../binary/bytes.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { loadExcel } from '../extract-from-file/xlsx.js';
import { convertToFileNode } from './convert-to-file.js';

const rows = [
  { id: 1, name: 'Ada, Countess', tags: ['x'] },
  { id: 2, name: 'Bob "B"', city: 'Oslo' },
];
const text = (data: string | undefined) => utf8Decode(fromBase64(data!));

/** A written workbook read back by exceljs: its sheets' names and each sheet's rows of cell values. */
async function readBack(data: string | undefined) {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  await workbook.xlsx.load(fromBase64(data!).slice().buffer as Parameters<typeof workbook.xlsx.load>[0]);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    workbook.getWorksheet(name)!.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  return { names: workbook.worksheets.map((w) => w.name), rows };
}

/** The compression method of a zip's first local file header: 0 stored, 8 deflated. */
const zipMethod = (data: string | undefined) => {
  const bytes = fromBase64(data!);
  return bytes[8]! | (bytes[9]! << 8);
};

describe('Convert to File', () => {
  it('writes all items to one JSON file as base64', async () => {
    const { output } = await tryNode('core.convertToFile', { pretty: true, fileName: 'people.json' }, rows);
    const file = output.main?.[0]?.binary?.data;
    expect(file).toMatchObject({ mimeType: 'application/json', fileName: 'people.json', fileExtension: 'json' });
    expect(JSON.parse(text(file?.data))).toEqual(rows);
    expect(file?.fileSize).toBe(new TextEncoder().encode(text(file?.data)).length);
  });

  it('writes one JSON file per item', async () => {
    const { output } = await tryNode('core.convertToFile', { mode: 'eachItem', binaryProperty: 'file' }, rows);
    expect(output.main).toHaveLength(2);
    expect(JSON.parse(text(output.main?.[1]?.binary?.file?.data))).toEqual(rows[1]);
  });

  it('writes CSV with a column per field, quoting where needed and JSON for nested values', async () => {
    const { output } = await tryNode('core.convertToFile', { operation: 'toCsv' }, rows);
    const file = output.main?.[0]?.binary?.data;
    expect(file?.mimeType).toBe('text/csv');
    expect(text(file?.data)).toBe('id,name,tags,city\n1,"Ada, Countess","[""x""]",\n2,"Bob ""B""",,Oslo');
  });

  it('writes CSV with another delimiter and no header', async () => {
    const { output } = await tryNode('core.convertToFile', { operation: 'toCsv', delimiter: ';', header: false }, [{ a: 1, b: 2 }]);
    expect(text(output.main?.[0]?.binary?.data?.data)).toBe('1;2');
  });

  it('writes an XLSX workbook with a header row and a row per item, nested fields spread into dotted columns', async () => {
    const items = [
      { id: 1, name: 'Ada', active: true, address: { city: 'London' }, tags: ['x', 'y'] },
      { id: 2, name: 'Bob', score: 2.5, note: null },
    ];
    const { output } = await tryNode('core.convertToFile', { operation: 'toXlsx' }, items);
    const file = output.main?.[0]?.binary?.data;
    expect(file).toMatchObject({
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: 'data.xlsx',
      fileExtension: 'xlsx',
    });
    const book = await readBack(file?.data);
    expect(book.names).toEqual(['Sheet']);
    expect(book.rows('Sheet')).toEqual([
      ['id', 'name', 'active', 'address.city', 'tags.0', 'tags.1', 'score', 'note'],
      [1, 'Ada', true, 'London', 'x', 'y'],
      [2, 'Bob', undefined, undefined, undefined, undefined, 2.5],
    ]);
    expect(output.main?.[0]?.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('writes XLSX under the sheet name asked for, without a header row', async () => {
    const { output } = await tryNode(
      'core.convertToFile',
      { operation: 'toXlsx', sheetName: 'Domains', header: false, fileName: 'out.xlsx' },
      [{ a: 'x', b: 1 }],
    );
    const book = await readBack(output.main?.[0]?.binary?.data?.data);
    expect(book.names).toEqual(['Domains']);
    expect(book.rows('Domains')).toEqual([['x', 1]]);
  });

  it('stores the workbook uncompressed by default and deflates it with compression on', async () => {
    const rows100 = Array.from({ length: 100 }, (_, i) => ({ id: i, text: 'the same words again and again' }));
    const stored = (await tryNode('core.convertToFile', { operation: 'toXlsx' }, rows100)).output.main?.[0]?.binary?.data;
    const deflated = (await tryNode('core.convertToFile', { operation: 'toXlsx', compression: true }, rows100)).output.main?.[0]?.binary
      ?.data;
    expect(zipMethod(stored?.data)).toBe(0);
    expect(zipMethod(deflated?.data)).toBe(8);
    expect(deflated!.fileSize!).toBeLessThan(stored!.fileSize!);
    expect((await readBack(deflated?.data)).rows('Sheet')[100]).toEqual([99, 'the same words again and again']);
  });

  it('refuses a sheet name Excel does not allow', async () => {
    await expect(tryNode('core.convertToFile', { operation: 'toXlsx', sheetName: 'a/b' }, rows)).rejects.toThrow(/parameter 'sheetName'/);
  });

  it('refuses an empty binary field name before running', async () => {
    await expect(tryNode('core.convertToFile', { binaryProperty: '' }, rows)).rejects.toThrow(/parameter 'binaryProperty'/);
  });

  it('writes an empty JSON list for empty input', async () => {
    const out = await callNode(convertToFileNode, {}, { main: [] });
    expect(text(out.main?.[0]?.binary?.data?.data)).toBe('[]');
  });
});
