import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { BinaryRef, Item } from '../../../model/item.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { compressionNode } from './compression.js';

const dir = mkdtempSync(join(tmpdir(), 'flowloom-compression-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (bytes: Uint8Array, fileName: string, mimeType = 'application/octet-stream'): BinaryRef => ({
  mimeType,
  fileName,
  data: Buffer.from(bytes).toString('base64'),
});
const bytesOf = (ref: BinaryRef | undefined) => Buffer.from(ref!.data!, 'base64');

/** What Python's zipfile module reads from an archive: each entry's name and content. */
function readWithPython(zip: Buffer): Record<string, string> {
  const path = join(dir, `read-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(path, zip);
  const script =
    'import sys,zipfile,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>;
}

describe('Compression', () => {
  it('zips files into one archive that Python’s zipfile reads back byte for byte', async () => {
    const report = randomBytes(70_000);
    const item: Item = {
      json: { id: 7 },
      binary: { report: file(report, 'report.bin'), note: file(Buffer.from('héllo, wörld'), 'note.txt', 'text/plain') },
    };
    const { output, error } = await tryNode('core.compression', { binaryProperty: 'report, note', fileName: 'bundle.zip' }, [item]);
    expect(error).toBeUndefined();
    const [out] = output.main!;
    expect(out!.json).toEqual({ id: 7 });
    expect(Object.keys(out!.binary!)).toEqual(['data']);
    expect(out!.binary!.data).toMatchObject({ mimeType: 'application/zip', fileName: 'bundle.zip', fileExtension: 'zip' });
    const read = readWithPython(bytesOf(out!.binary!.data));
    expect(Object.keys(read).sort()).toEqual(['note.txt', 'report.bin']);
    expect(Buffer.from(read['report.bin']!, 'base64').equals(report)).toBe(true);
    expect(Buffer.from(read['note.txt']!, 'base64').toString('utf8')).toBe('héllo, wörld');
  });

  it('gives files of the same name distinct names in the archive', async () => {
    const item: Item = { json: {}, binary: { a: file(Buffer.from('1'), 'x.txt'), b: file(Buffer.from('2'), 'x.txt') } };
    const out = await callNode(compressionNode, { binaryProperty: 'a,b' }, { main: [item] });
    const read = readWithPython(bytesOf(out.main![0]!.binary!.data));
    expect(Object.keys(read).sort()).toEqual(['x-1.txt', 'x.txt']);
  });

  it('gzips each file in place, and node:zlib restores it', async () => {
    const content = randomBytes(200_000);
    const item: Item = { json: {}, binary: { data: file(content, 'dump.sql'), other: file(Buffer.from('keep'), 'k.txt') } };
    const { output } = await tryNode('core.compression', { format: 'gzip' }, [item]);
    const binary = output.main![0]!.binary!;
    expect(binary.data).toMatchObject({ mimeType: 'application/gzip', fileName: 'dump.sql.gz', fileExtension: 'gz' });
    expect(gunzipSync(bytesOf(binary.data)).equals(content)).toBe(true);
    expect(binary.other).toEqual(item.binary!.other);
  });

  it('names gzip results <prefix>0, <prefix>1... when a prefix is given', async () => {
    const item: Item = { json: {}, binary: { a: file(Buffer.from('one'), 'a.txt'), b: file(Buffer.from('two'), 'b.txt') } };
    const out = await callNode(compressionNode, { format: 'gzip', binaryProperty: 'a, b', outputPrefix: 'gz' }, { main: [item] });
    const binary = out.main![0]!.binary!;
    expect(Object.keys(binary).sort()).toEqual(['gz0', 'gz1']);
    expect(gunzipSync(bytesOf(binary.gz1)).toString()).toBe('two');
  });

  it('takes the files out of an archive made by the zip command, skipping folders', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.csv'), 'id,name\n1,Zoë\n');
    const picture = randomBytes(50_000);
    writeFileSync(join(src, 'sub', 'b.png'), picture);
    execFileSync('zip', ['-r', '-q', join(dir, 'made.zip'), '.'], { cwd: src });
    const archive = readFileSync(join(dir, 'made.zip'));
    const { output, error } = await tryNode('core.compression', { operation: 'decompress' }, [
      { json: { n: 1 }, binary: { data: file(archive, 'made.zip', 'application/zip') } },
    ]);
    expect(error).toBeUndefined();
    const binary = output.main![0]!.binary!;
    const files = Object.values(binary);
    expect(Object.keys(binary).sort()).toEqual(['file_0', 'file_1']);
    const csv = files.find((f) => f.fileName === 'a.csv')!;
    const png = files.find((f) => f.fileName === 'b.png')!;
    expect(csv.mimeType).toBe('text/csv');
    expect(bytesOf(csv).toString('utf8')).toBe('id,name\n1,Zoë\n');
    expect(png).toMatchObject({ mimeType: 'image/png', fileSize: picture.length });
    expect(bytesOf(png).equals(picture)).toBe(true);
  });

  it('decompresses a gzip file made by node:zlib', async () => {
    const content = randomBytes(300_000);
    const out = await callNode(
      compressionNode,
      { operation: 'decompress', outputPrefix: 'x' },
      { main: [{ json: {}, binary: { data: file(gzipSync(content), 'backup.json.gz') } }] },
    );
    const binary = out.main![0]!.binary!;
    expect(binary.x0).toMatchObject({ fileName: 'backup.json', mimeType: 'application/json' });
    expect(bytesOf(binary.x0).equals(content)).toBe(true);
  });

  it('round-trips its own zip', async () => {
    const item: Item = { json: {}, binary: { data: file(Buffer.from('round trip'), 'r.txt', 'text/plain') } };
    const zipped = await callNode(compressionNode, {}, { main: [item] });
    const back = await callNode(compressionNode, { operation: 'decompress' }, { main: zipped.main! });
    expect(bytesOf(back.main![0]!.binary!.file_0).toString()).toBe('round trip');
  });

  it('refuses a gzip bomb beyond the maximum decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const { error } = await tryNode('core.compression', { operation: 'decompress', maxOutputMb: 1 }, [
      { json: {}, binary: { data: file(bomb, 'z.gz') } },
    ]);
    expect(error?.message).toMatch(/parameter 'binaryProperty' names 'data', whose contents are larger than the maximum decompressed size/);
  });

  it('refuses a zip whose files declare more than the maximum decompressed size', async () => {
    const src = join(dir, 'big');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'zeros.bin'), Buffer.alloc(3 * 1024 * 1024));
    execFileSync('zip', ['-q', join(dir, 'big.zip'), 'zeros.bin'], { cwd: src });
    const { error } = await tryNode('core.compression', { operation: 'decompress', maxOutputMb: 2 }, [
      { json: {}, binary: { data: file(readFileSync(join(dir, 'big.zip')), 'big.zip') } },
    ]);
    expect(error?.code).toBe('PARAMETER_INVALID');
    expect(error?.message).toMatch(/larger than the maximum decompressed size/);
  });

  it('names the parameter and the item when a file is not an archive, or is missing', async () => {
    const plain = { json: {}, binary: { data: file(Buffer.from('just text'), 'a.txt') } };
    const { error } = await tryNode('core.compression', { operation: 'decompress' }, [plain]);
    expect(error?.message).toBe(
      "Node 'Node': parameter 'binaryProperty' names 'data', whose file 'a.txt' is neither a zip nor a gzip archive (item 0).",
    );
    const missing = await tryNode('core.compression', { binaryProperty: 'data, extra' }, [plain]);
    expect(missing.error?.message).toMatch(/names 'extra', but the item has no file under that key \(its files: 'data'\) \(item 0\)/);
  });

  it('reports a damaged archive as unreadable', async () => {
    const broken = gzipSync(Buffer.from('some text that compresses')).subarray(0, 12);
    const { error } = await tryNode('core.compression', { operation: 'decompress' }, [
      { json: {}, binary: { data: file(broken, 'b.gz') } },
    ]);
    expect(error?.message).toMatch(/names 'data', whose gzip data cannot be read/);
  });
});
