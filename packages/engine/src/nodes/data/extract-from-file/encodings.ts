import { toBase64, utf8Decode } from '../../../binary/bytes.js';

/** The text encodings Extract from File reads files in. */
export const TEXT_ENCODINGS = ['utf8', 'ascii', 'latin1', 'utf16le', 'base64', 'hex'] as const;
/** One of {@link TEXT_ENCODINGS}. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Choices for the editor, in the order they are offered. */
export const ENCODING_OPTIONS: { value: TextEncoding; label: string; description: string }[] = [
  { value: 'utf8', label: 'UTF-8', description: 'Invalid sequences become U+FFFD.' },
  { value: 'ascii', label: 'ASCII', description: 'Seven-bit text: the high bit of each byte is dropped.' },
  { value: 'latin1', label: 'Latin-1 (ISO-8859-1)', description: 'One byte, one character (U+0000 to U+00FF).' },
  { value: 'utf16le', label: 'UTF-16 LE (UCS-2)', description: 'Two bytes a code unit, little-endian; an odd last byte is left out.' },
  { value: 'base64', label: 'Base64', description: "The file's bytes as base64 text." },
  { value: 'hex', label: 'Hex', description: "The file's bytes as lowercase hexadecimal." },
];

/** Builds a string from UTF-16 code units, in chunks small enough for `String.fromCharCode`. */
function fromCodeUnits(count: number, unit: (i: number) => number): string {
  let text = '';
  const chunk = 0x4000;
  const buffer: number[] = [];
  for (let start = 0; start < count; start += chunk) {
    buffer.length = 0;
    const end = Math.min(count, start + chunk);
    for (let i = start; i < end; i++) buffer.push(unit(i));
    text += String.fromCharCode(...buffer);
  }
  return text;
}

/**
 * Text from a file's bytes, decoded as Node's `Buffer#toString` decodes them
 * (so files read the same in browsers and Node, and as n8n reads them):
 * `ascii` drops each byte's high bit, `latin1` maps bytes to U+0000–U+00FF,
 * `utf16le` reads little-endian code units and leaves out an odd last byte,
 * `base64` and `hex` give the bytes as text. Unlike Buffer, a leading UTF-8
 * byte order mark is left out; callers strip a UTF-16 one.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf8':
      return utf8Decode(bytes);
    case 'ascii':
      return fromCodeUnits(bytes.length, (i) => bytes[i]! & 0x7f);
    case 'latin1':
      return fromCodeUnits(bytes.length, (i) => bytes[i]!);
    case 'utf16le':
      return fromCodeUnits(bytes.length >> 1, (i) => bytes[2 * i]! | (bytes[2 * i + 1]! << 8));
    case 'base64':
      return toBase64(bytes);
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}
