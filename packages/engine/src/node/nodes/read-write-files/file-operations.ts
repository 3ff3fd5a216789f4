import { basename } from 'node:path';
import { fromBase64, toBase64 } from '../../../binary/bytes.js';
import type { Item } from '../../../model/item.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import { parameterError } from '../host.js';
import { FilesRoot } from './files-root.js';
import { extensionOf, mimeTypeOf } from './mime-type.js';

export { FilesRoot };

/** An item per file a path or pattern matches, the file under `binaryProperty`. */
export async function readFiles(root: FilesRoot, selector: string, binaryProperty: string, itemIndex: number): Promise<Item[]> {
  const out: Item[] = [];
  for (const file of await root.glob(selector.trim())) {
    const bytes = await root.read(file);
    const fileName = basename(file.path);
    const extension = extensionOf(fileName);
    out.push({
      json: { fileName, path: file.path },
      binary: {
        [binaryProperty]: {
          mimeType: mimeTypeOf(fileName),
          fileName,
          ...(extension ? { fileExtension: extension } : {}),
          fileSize: bytes.length,
          data: toBase64(bytes),
        },
      },
      pairedItem: { item: itemIndex },
    });
  }
  return out;
}

/** Writes an item's file to a path and passes the item on, with the path written as `fileName`. */
export async function writeFile(
  ctx: NodeContext,
  root: FilesRoot,
  item: Item | undefined,
  path: string,
  binaryProperty: string,
  append: boolean,
  itemIndex: number,
): Promise<Item> {
  const file = item?.binary?.[binaryProperty];
  if (!file) {
    const has = Object.keys(item?.binary ?? {});
    throw parameterError(
      ctx,
      'binaryProperty',
      `names '${binaryProperty}', but the item has no file under that key (${has.length > 0 ? `it has ${has.map((k) => `'${k}'`).join(', ')}` : 'it has no files'})`,
      itemIndex,
    );
  }
  if (file.data === undefined)
    throw parameterError(ctx, 'binaryProperty', `names '${binaryProperty}', whose file holds no inline data`, itemIndex);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(file.data);
  } catch {
    throw parameterError(ctx, 'binaryProperty', `names '${binaryProperty}', whose data is not valid base64`, itemIndex);
  }
  const written = await root.write(path.trim(), bytes, append);
  return { json: { ...item!.json, fileName: written }, ...(item!.binary ? { binary: item!.binary } : {}), pairedItem: { item: itemIndex } };
}
