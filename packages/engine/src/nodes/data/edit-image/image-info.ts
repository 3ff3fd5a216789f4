import type { Raster } from './raster.js';

/** The image formats the node reads and writes. */
export type ImageFormat = 'bmp' | 'gif' | 'jpeg' | 'png' | 'tiff';

/** MIME type, file extension, GraphicsMagick's name and description of each format. */
export const FORMATS: Readonly<Record<ImageFormat, { mime: string; extension: string; name: string; description: string }>> = {
  bmp: { mime: 'image/bmp', extension: 'bmp', name: 'BMP', description: 'BMP (Microsoft Windows bitmap image)' },
  gif: { mime: 'image/gif', extension: 'gif', name: 'GIF', description: 'GIF (CompuServe graphics interchange format)' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg', name: 'JPEG', description: 'JPEG (Joint Photographic Experts Group JFIF format)' },
  png: { mime: 'image/png', extension: 'png', name: 'PNG', description: 'PNG (Portable Network Graphics)' },
  tiff: { mime: 'image/tiff', extension: 'tif', name: 'TIFF', description: 'TIFF (Tagged Image File Format)' },
};

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The format of an image file, from its first bytes (its signature). */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (startsWith(bytes, 0x42, 0x4d)) return 'bmp';
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return undefined;
}

/** What the file's header says beyond the pixels: bits per sample, whether colours are indexed, the compression. */
interface Header {
  depth: number;
  indexed: boolean;
  compression?: string;
}

function header(bytes: Uint8Array, format: ImageFormat): Header {
  const u16le = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  switch (format) {
    case 'png': {
      // IHDR is the first chunk: bit depth at byte 24, colour type at 25 (3 is indexed).
      const indexed = bytes[25] === 3;
      return { depth: indexed ? 8 : (bytes[24] ?? 8), indexed, compression: 'Zip' };
    }
    case 'jpeg': {
      // The precision is the first byte of the first start-of-frame segment (SOF0-SOF15 but DHT, JPG, DAC).
      for (let at = 2; at + 4 < bytes.length;) {
        if (bytes[at] !== 0xff) break;
        const marker = bytes[at + 1]!;
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return { depth: bytes[at + 4] ?? 8, indexed: false, compression: 'JPEG' };
        }
        at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
      }
      return { depth: 8, indexed: false, compression: 'JPEG' };
    }
    case 'gif':
      return { depth: 8, indexed: true, compression: 'LZW' };
    case 'bmp': {
      const bitsPerPixel = u16le(28);
      const method = bytes[30];
      return { depth: 8, indexed: bitsPerPixel <= 8, compression: method === 1 || method === 2 ? 'RLE' : 'None' };
    }
    case 'tiff':
      return { depth: 8, indexed: false };
  }
}

/** A size in bytes as GraphicsMagick writes it: bytes up to 1024, then one decimal and Ki, Mi, Gi. */
function formatSize(size: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let length = size;
  let i = 0;
  for (; length > 1024 && i < units.length - 1; i++) length /= 1024;
  return i === 0 ? String(size) : `${length.toFixed(1)}${units[i]}`;
}

/** How GraphicsMagick classes the pixels: bilevel, grayscale, palette or true color, each maybe with transparency. */
function typeOf(image: Raster, indexed: boolean): string {
  const d = image.data;
  let gray = true;
  let bilevel = true;
  let transparent = false;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] !== 255) transparent = true;
    if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) gray = false;
    else if (d[i] !== 0 && d[i] !== 255) bilevel = false;
  }
  if (gray && bilevel && !transparent) return 'bilevel';
  const kind = gray ? 'grayscale' : indexed ? 'palette' : 'true color';
  return transparent ? `${kind} with transparency` : kind;
}

/**
 * What n8n's Edit Image node gives for "Get Information" (GraphicsMagick's
 * `identify`), as far as the file's header and its pixels tell: the format
 * (`format`, and `Format` with its description), the geometry (`Geometry`
 * as `WxH`, and `size` with `width` and `height`), `Class`, `Type`, the bits
 * per sample (`Depth` and `depth`), `Compression` and `Filesize`.
 */
export function imageInformation(bytes: Uint8Array, format: ImageFormat, image: Raster): Record<string, unknown> {
  const { depth, indexed, compression } = header(bytes, format);
  return {
    format: FORMATS[format].name,
    Format: FORMATS[format].description,
    Geometry: `${image.width}x${image.height}`,
    size: { width: image.width, height: image.height },
    Class: indexed ? 'PseudoClass' : 'DirectClass',
    Type: typeOf(image, indexed),
    Depth: `${depth} bits-per-pixel component`,
    depth,
    ...(compression === undefined ? {} : { Compression: compression }),
    Filesize: formatSize(bytes.length),
  };
}
