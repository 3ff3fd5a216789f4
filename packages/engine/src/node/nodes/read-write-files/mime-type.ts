import { mimeTypeOfExtension } from '../../../nodes/data/shared/mime-types.js';

/** A file name's extension (lower case, without the dot), or undefined. */
export function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

/** The media type of a file, by its extension; files of unknown ones are `application/octet-stream`. */
export function mimeTypeOf(fileName: string): string {
  return mimeTypeOfExtension(extensionOf(fileName));
}
