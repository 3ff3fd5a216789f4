import type { BinaryRef, Item } from '../../../model/item.js';
import { fromBase64, toBase64 } from '../../../binary/bytes.js';
import { parameterError } from './node-error.js';

/**
 * The bytes of the file an item holds under `key`, for nodes that read
 * files. Fails naming the node, the parameter and the item when there is no
 * such file (listing the files there are), when the file is stored only by
 * id, or when its data is not base64.
 */
export function readItemFile(
  nodeName: string,
  parameter: string,
  item: Item,
  key: string,
  itemIndex: number,
): { ref: BinaryRef; bytes: Uint8Array } {
  const ref = item.binary?.[key];
  if (!ref) {
    const keys = Object.keys(item.binary ?? {});
    const has = keys.length > 0 ? `its files: ${keys.map((k) => `'${k}'`).join(', ')}` : 'it has no files';
    throw parameterError(nodeName, parameter, `names '${key}', but the item has no file under that key (${has})`, itemIndex);
  }
  if (ref.data === undefined) throw parameterError(nodeName, parameter, `names '${key}', whose file holds no inline data`, itemIndex);
  try {
    return { ref, bytes: fromBase64(ref.data) };
  } catch {
    throw parameterError(nodeName, parameter, `names '${key}', whose data is not valid base64`, itemIndex);
  }
}

/** A file to attach to an item: the bytes as base64, with its size and the extension of its name. */
export function fileRef(bytes: Uint8Array, mimeType: string, fileName?: string): BinaryRef {
  const dot = fileName === undefined ? -1 : fileName.lastIndexOf('.');
  return {
    mimeType,
    ...(fileName === undefined ? {} : { fileName }),
    ...(fileName !== undefined && dot > 0 ? { fileExtension: fileName.slice(dot + 1) } : {}),
    fileSize: bytes.length,
    data: toBase64(bytes),
  };
}
