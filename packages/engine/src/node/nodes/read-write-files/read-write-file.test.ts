import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../binary/bytes.js';
import type { Item } from '../../../model/item.js';
import { silentLogger } from '../../../ports/logger.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createNodeEngine, type NodeEngineOptions } from '../../create-node-engine.js';

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'flowloom-files-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'reports'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'not for workflows');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

async function run(parameters: Record<string, unknown>, input: Item[] = [{ json: {} }], options: NodeEngineOptions = { files: { root } }) {
  const engine = createNodeEngine({ logger: silentLogger, ...options });
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'files', name: 'Files', type: 'core.readWriteFile', parameters },
    ],
    connections: [['start', 'files']],
  });
  const execution = await engine.run(workflow, { input });
  return { execution, items: execution.nodes.files?.[0]?.output?.main ?? [] };
}

const bytesOf = (item: Item | undefined, key = 'data') => Buffer.from(fromBase64(item?.binary?.[key]?.data ?? ''));
const fileItem = (bytes: Uint8Array, json: Record<string, unknown> = {}): Item => ({
  json,
  binary: { data: { mimeType: 'application/octet-stream', fileName: 'x.bin', data: toBase64(bytes) } },
});

describe('Read/Write Files from Disk', () => {
  it('is refused when the host sets no files root', async () => {
    const { execution } = await run({ fileSelector: '*.csv' }, [{ json: {} }], {});
    expect(execution.error).toMatchObject({ code: 'FILES_DISABLED' });
    expect(execution.error?.message).toMatch(
      /^Node 'Files': reading and writing files is turned off on this engine\. The host turns it on with createNodeEngine\(\{ files: \{ root/,
    );
  });

  it('reads the files a pattern matches into items, bytes intact', async () => {
    const january = randomBytes(2048);
    writeFileSync(join(root, 'reports', 'jan.csv'), january);
    writeFileSync(join(root, 'reports', 'feb.csv'), 'a,b\n');
    writeFileSync(join(root, 'reports', 'notes.md'), '# notes');
    const { execution, items } = await run({ fileSelector: 'reports/*.csv', binaryProperty: 'file' });
    expect(execution.error).toBeUndefined();
    expect(items.map((i) => i.json)).toEqual([
      { fileName: 'feb.csv', path: 'reports/feb.csv' },
      { fileName: 'jan.csv', path: 'reports/jan.csv' },
    ]);
    expect(items[1]?.binary?.file).toMatchObject({ mimeType: 'text/csv', fileName: 'jan.csv', fileExtension: 'csv', fileSize: 2048 });
    expect(bytesOf(items[1], 'file').equals(january)).toBe(true);
    expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
  });

  it('reads a path per item, resolved with expressions', async () => {
    writeFileSync(join(root, 'a.txt'), 'A');
    writeFileSync(join(root, 'b.txt'), 'B');
    const { items } = await run({ fileSelector: '{{ $json.name }}.txt' }, [{ json: { name: 'b' } }, { json: { name: 'a' } }]);
    expect(items.map((i) => [bytesOf(i).toString(), i.pairedItem])).toEqual([
      ['B', { item: 0 }],
      ['A', { item: 1 }],
    ]);
  });

  it('accepts an absolute path inside the root', async () => {
    writeFileSync(join(root, 'a.txt'), 'A');
    const { items } = await run({ fileSelector: join(root, 'a.txt') });
    expect(items.map((i) => i.json.path)).toEqual(['a.txt']);
  });

  it('writes an item’s file to a path, making its folders, and passes the item on', async () => {
    const bytes = randomBytes(5000);
    const { execution, items } = await run({ operation: 'write', fileName: 'exports/2026/out.bin' }, [fileItem(bytes, { id: 7 })]);
    expect(execution.error).toBeUndefined();
    expect(readFileSync(join(root, 'exports', '2026', 'out.bin')).equals(bytes)).toBe(true);
    expect(items[0]?.json).toEqual({ id: 7, fileName: 'exports/2026/out.bin' });
    expect(bytesOf(items[0]).equals(bytes)).toBe(true);
  });

  it('replaces a file, or appends to it', async () => {
    writeFileSync(join(root, 'log.txt'), 'one\n');
    await run({ operation: 'write', fileName: 'log.txt', append: true }, [fileItem(Buffer.from('two\n'))]);
    expect(readFileSync(join(root, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
    await run({ operation: 'write', fileName: 'log.txt' }, [fileItem(Buffer.from('three\n'))]);
    expect(readFileSync(join(root, 'log.txt'), 'utf8')).toBe('three\n');
  });

  it.each([
    ['read', { fileSelector: '../outside/secret.txt' }, 'fileSelector', "'../outside/secret.txt' is outside the files root"],
    ['read', { fileSelector: '../outside/*.txt' }, 'fileSelector', "'../outside' is outside the files root"],
    ['read', { fileSelector: '/etc/hostname' }, 'fileSelector', "'/etc/hostname' is outside the files root"],
    ['write', { operation: 'write', fileName: '../outside/new.txt' }, 'fileName', "'../outside/new.txt' is outside the files root"],
    ['write', { operation: 'write', fileName: 'reports/../../x.txt' }, 'fileName', "'reports/../../x.txt' is outside the files root"],
  ])('refuses to %s a path that leads out with ..: %j', async (_, parameters, parameter, problem) => {
    const { execution } = await run(parameters, [fileItem(Buffer.from('x'))]);
    expect(execution.error).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    expect(execution.error?.message).toBe(`Node 'Files': parameter '${parameter}': ${problem} (item 0).`);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(existsSync(join(base, 'x.txt'))).toBe(false);
  });

  it('refuses to read through a symbolic link that points out of the root, by name or by pattern', async () => {
    symlinkSync(join(outside, 'secret.txt'), join(root, 'reports', 'link.txt'));
    const byName = await run({ fileSelector: 'reports/link.txt' });
    expect(byName.execution.error?.message).toBe(
      "Node 'Files': parameter 'fileSelector': 'reports/link.txt' leads outside the files root through a symbolic link (item 0).",
    );
    const byPattern = await run({ fileSelector: 'reports/*.txt' });
    expect(byPattern.execution.error).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    expect(JSON.stringify([byName.execution, byPattern.execution])).not.toContain('not for workflows');
  });

  it('refuses to read or write in a linked folder that points out of the root', async () => {
    symlinkSync(outside, join(root, 'elsewhere'));
    const read = await run({ fileSelector: 'elsewhere/secret.txt' });
    expect(read.execution.error).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    const pattern = await run({ fileSelector: 'elsewhere/*' });
    expect(pattern.execution.error).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    const write = await run({ operation: 'write', fileName: 'elsewhere/new/planted.txt' }, [fileItem(Buffer.from('x'))]);
    expect(write.execution.error).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('follows links that stay inside the root for reading, and never writes through a link', async () => {
    writeFileSync(join(root, 'reports', 'real.txt'), 'inside');
    symlinkSync(join(root, 'reports', 'real.txt'), join(root, 'alias.txt'));
    const { items } = await run({ fileSelector: 'alias.txt' });
    expect(bytesOf(items[0]).toString()).toBe('inside');
    const write = await run({ operation: 'write', fileName: 'alias.txt' }, [fileItem(Buffer.from('changed'))]);
    expect(write.execution.error?.message).toBe(
      "Node 'Files': parameter 'fileName': 'alias.txt' is a symbolic link; writing through links is refused (item 0).",
    );
    expect(readFileSync(join(root, 'reports', 'real.txt'), 'utf8')).toBe('inside');
  });

  it('fails naming the path when a named file does not exist; a pattern that matches nothing gives no items', async () => {
    const missing = await run({ fileSelector: 'reports/none.csv' });
    expect(missing.execution.error?.message).toBe("Node 'Files': parameter 'fileSelector': 'reports/none.csv' does not exist (item 0).");
    const empty = await run({ fileSelector: 'reports/*.csv' });
    expect(empty.execution.error).toBeUndefined();
    expect(empty.items).toEqual([]);
  });

  it('refuses a file larger than the host allows', async () => {
    writeFileSync(join(root, 'big.bin'), randomBytes(2000));
    const { execution } = await run({ fileSelector: 'big.bin' }, [{ json: {} }], { files: { root, maxFileBytes: 1000 } });
    expect(execution.error?.message).toBe(
      "Node 'Files': parameter 'fileSelector': 'big.bin' has 2000 bytes, more than the 1000 the host allows (item 0).",
    );
  });

  it('names the missing file key when writing', async () => {
    const { execution } = await run({ operation: 'write', fileName: 'x.txt', binaryProperty: 'report' }, [fileItem(Buffer.from('x'))]);
    expect(execution.error?.message).toBe(
      "Node 'Files': parameter 'binaryProperty' names 'report', but the item has no file under that key (it has 'data') (item 0).",
    );
  });

  it('refuses a files root that does not exist, saying so', async () => {
    const { execution } = await run({ fileSelector: '*' }, [{ json: {} }], { files: { root: join(base, 'missing') } });
    expect(execution.error).toMatchObject({ code: 'FILES_ROOT_INVALID' });
    expect(execution.error?.message).toMatch(/^Node 'Files': The files root '.*missing' cannot be used/);
  });
});
