import { describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { toBase64, utf8Encode } from '../../../binary/bytes.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { extractFromFileNode } from './extract-from-file.js';

const withFile = (content: string, key = 'data'): Item => ({
  json: {},
  binary: { [key]: { mimeType: 'text/plain', data: toBase64(utf8Encode(content)) } },
});

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
