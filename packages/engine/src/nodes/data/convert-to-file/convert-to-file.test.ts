import { describe, expect, it } from 'vitest';
import { fromBase64, utf8Decode } from '../../../binary/bytes.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { convertToFileNode } from './convert-to-file.js';

const rows = [
  { id: 1, name: 'Ada, Countess', tags: ['x'] },
  { id: 2, name: 'Bob "B"', city: 'Oslo' },
];
const text = (data: string | undefined) => utf8Decode(fromBase64(data!));

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

  it('refuses an empty binary field name before running', async () => {
    await expect(tryNode('core.convertToFile', { binaryProperty: '' }, rows)).rejects.toThrow(/parameter 'binaryProperty'/);
  });

  it('writes an empty JSON list for empty input', async () => {
    const out = await callNode(convertToFileNode, {}, { main: [] });
    expect(text(out.main?.[0]?.binary?.data?.data)).toBe('[]');
  });
});
