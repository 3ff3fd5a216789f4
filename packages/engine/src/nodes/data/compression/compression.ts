import { z } from 'zod';
import type { BinaryRef, Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { fieldList } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { fileRef, readItemFile } from '../shared/item-files.js';
import { mimeTypeOf } from '../shared/mime-types.js';

type Fflate = typeof import('fflate');

let fflate: Promise<Fflate> | undefined;

/** Loads fflate (pure JS zip and gzip, the same in browsers and Node) on first use. */
function loadFflate(): Promise<Fflate> {
  return (fflate ??= import('fflate'));
}

const show = (...operations: string[]) => ({ show: { operation: operations } });

const properties = z.object({
  operation: z
    .enum(['compress', 'decompress'])
    .default('compress')
    .meta({
      label: 'Operation',
      options: [
        { value: 'compress', label: 'Compress', description: 'Put files in a zip archive, or gzip each one.' },
        { value: 'decompress', label: 'Decompress', description: 'Take the files out of zip or gzip archives.' },
      ],
    }),
  binaryProperty: z.string().min(1).default('data').meta({
    label: 'Input Binary Fields',
    description: "Keys of the files in the item's binary data, comma-separated: `data` or `invoice, receipt`.",
  }),
  format: z
    .enum(['zip', 'gzip'])
    .default('zip')
    .meta({
      label: 'Output Format',
      options: [
        { value: 'zip', label: 'Zip', description: 'One archive holding every file.' },
        { value: 'gzip', label: 'Gzip', description: 'Each file compressed on its own.' },
      ],
      displayOptions: show('compress'),
    }),
  fileName: z
    .string()
    .min(1)
    .default('data.zip')
    .meta({
      label: 'File Name',
      description: 'Name of the zip archive.',
      displayOptions: { show: { operation: ['compress'], format: ['zip'] } },
    }),
  outputBinaryProperty: z
    .string()
    .min(1)
    .default('data')
    .meta({
      label: 'Put Output File in Field',
      description: "Key of the zip archive in the output item's binary data.",
      displayOptions: { show: { operation: ['compress'], format: ['zip'] } },
    }),
  outputPrefix: z
    .string()
    .default('')
    .meta({
      label: 'Output File Prefix',
      description:
        'Decompress: the files taken out go to <prefix>0, <prefix>1... (default file_). Gzip: each result goes to <prefix>0, <prefix>1... instead of replacing its input file.',
      displayOptions: { hide: { format: ['zip'], operation: ['compress'] } },
    }),
  maxOutputMb: z
    .number()
    .positive()
    .default(256)
    .meta({
      label: 'Maximum Decompressed Size (MB)',
      description: 'Refuse archives that would unpack to more than this, per item (a guard against zip bombs).',
      displayOptions: show('decompress'),
    }),
});

const GZIP_INPUT_SLICE = 16 * 1024;
const ZIP_EPOCH = Date.UTC(1980, 0, 2);

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function nameOf(ref: BinaryRef, key: string): string {
  if (ref.fileName) return ref.fileName;
  return ref.fileExtension ? `${key}.${ref.fileExtension}` : key;
}

/** A name not yet used in the archive: `report.pdf`, then `report-1.pdf`... */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; used.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
  used.add(candidate);
  return candidate;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Zips and gzips files of items, or takes the files out of zip and gzip archives. */
export const compressionNode = defineNode({
  type: 'core.compression',
  version: 1,
  displayName: 'Compression',
  description: 'Compresses files of items into a zip archive or gzip files, or decompresses zip and gzip archives into files.',
  group: 'data',
  icon: 'file-archive',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const keys = fieldList(p.binaryProperty);
      if (keys.length === 0) throw parameterError(name, 'binaryProperty', 'names no file', i);
      const lib = await loadFflate();
      const binary: Record<string, BinaryRef> = { ...item.binary };
      for (const key of keys) delete binary[key];
      if (p.operation === 'compress') {
        // Zip dates start in 1980; a test clock at zero would be refused.
        const mtime = Math.max(ctx.now(), ZIP_EPOCH);
        if (p.format === 'zip') {
          const used = new Set<string>();
          const entries: Record<string, Uint8Array> = {};
          for (const key of keys) {
            const { ref, bytes } = readItemFile(name, 'binaryProperty', item, key, i);
            entries[uniqueName(nameOf(ref, key), used)] = bytes;
          }
          binary[p.outputBinaryProperty] = fileRef(lib.zipSync(entries, { level: 6, mtime }), 'application/zip', p.fileName);
        } else {
          keys.forEach((key, n) => {
            const { ref, bytes } = readItemFile(name, 'binaryProperty', item, key, i);
            const fileName = `${nameOf(ref, key)}.gz`;
            const gz = lib.gzipSync(bytes, { level: 6, mtime, filename: nameOf(ref, key) });
            binary[p.outputPrefix === '' ? key : `${p.outputPrefix}${n}`] = fileRef(gz, 'application/gzip', fileName);
          });
        }
      } else {
        const prefix = p.outputPrefix === '' ? 'file_' : p.outputPrefix;
        const budget = { left: p.maxOutputMb * 1024 * 1024 };
        let n = 0;
        for (const key of keys) {
          const { ref, bytes } = readItemFile(name, 'binaryProperty', item, key, i);
          for (const file of unpack(lib, bytes, nameOf(ref, key), budget, (problem) =>
            parameterError(name, 'binaryProperty', `names '${key}', ${problem}`, i),
          )) {
            binary[`${prefix}${n++}`] = fileRef(file.bytes, mimeTypeOf(file.name), file.name);
          }
        }
      }
      const next: Item = { json: item.json, pairedItem: { item: i } };
      if (Object.keys(binary).length > 0) next.binary = binary;
      out.push(next);
    }
    return out;
  },
});

interface Budget {
  left: number;
}

/** The files in a zip or gzip archive, refusing more than `budget.left` bytes in all. */
function unpack(
  lib: Fflate,
  bytes: Uint8Array,
  archiveName: string,
  budget: Budget,
  fail: (problem: string) => Error,
): { name: string; bytes: Uint8Array }[] {
  const tooBig = () => fail('whose contents are larger than the maximum decompressed size (parameter maxOutputMb)');
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = lib.unzipSync(bytes, {
        // fflate never writes past the size an entry declares, so summing the declared sizes bounds the memory used.
        filter: (file) => {
          if (file.name.endsWith('/')) return false;
          budget.left -= file.originalSize;
          if (budget.left < 0) throw tooBig();
          return true;
        },
      });
    } catch (error) {
      if (budget.left < 0) throw error;
      throw fail(`whose zip archive cannot be read: ${(error as Error).message}`);
    }
    return Object.entries(entries).map(([path, data]) => ({ name: baseName(path), bytes: data }));
  }
  if (isGzip(bytes)) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const gunzip = new lib.Gunzip((chunk) => {
      size += chunk.length;
      if (size > budget.left) throw tooBig();
      chunks.push(chunk);
    });
    try {
      // Fed in slices, so no one call can inflate far past the budget before it is checked.
      for (let at = 0; at < bytes.length; at += GZIP_INPUT_SLICE) {
        gunzip.push(bytes.subarray(at, at + GZIP_INPUT_SLICE), at + GZIP_INPUT_SLICE >= bytes.length);
      }
    } catch (error) {
      if (size > budget.left) throw error;
      throw fail(`whose gzip data cannot be read: ${(error as Error).message}`);
    }
    budget.left -= size;
    const data = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      data.set(chunk, offset);
      offset += chunk.length;
    }
    return [{ name: archiveName.replace(/\.(gz|gzip)$/i, ''), bytes: data }];
  }
  throw fail(`whose file '${archiveName}' is neither a zip nor a gzip archive`);
}
