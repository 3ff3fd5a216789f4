import { toBase64, utf8Encode } from '../binary/bytes.js';

/**
 * The texts a secret value can be found as once a run has copied, escaped or
 * encoded it: the value itself, URL- and JSON-escaped, hex of its UTF-8 bytes
 * (lower and upper case), and base64 and base64url of them at each of the
 * three positions the value can take inside a longer encoded string.
 *
 * Base64 turns each 3 bytes into 4 characters, so the value's characters
 * depend on where its first byte falls in a group of 3. For each position,
 * the value is encoded behind 0, 1 or 2 filler bytes and the characters that
 * also depend on neighbouring bytes are trimmed: 0, 2 or 3 at the start
 * (the last trimmed one mixes 4 or 2 bits of the value with a neighbour's)
 * and the last one when it is partial. That fragment occurs in every base64
 * text holding the value at that position. The fragment followed by the
 * final partial character (computed as at the end of the data), padded and
 * not, is listed too, so an encoding that ends with the value is replaced
 * whole.
 *
 * Every form of a value of at least 4 characters is at least 4 characters
 * long: the shortest, the base64 fragment of a 4-byte value at position 1,
 * fixes 24 bits, as many as 4 random letters and digits do. Forms are thus
 * about as unlikely to occur by chance as the shortest value redacted raw.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  const bytes = utf8Encode(value);
  const hex = hexOf(bytes);
  forms.add(hex);
  forms.add(hex.toUpperCase());
  for (let position = 0; position < 3; position++) {
    const shifted = new Uint8Array(position + bytes.length);
    shifted.set(bytes, position);
    const padded = toBase64(shifted);
    const bare = padded.replace(/=+$/, '');
    const start = [0, 2, 3][position]!;
    // Characters made only of the value's bits; a partial last one also holds the next byte's.
    const whole = Math.floor((shifted.length * 8) / 6);
    const endings = [bare.slice(start, whole)];
    if (whole < bare.length) endings.push(bare.slice(start), padded.slice(start));
    for (const form of endings) {
      forms.add(form);
      forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** The bytes of a text as a one-byte-per-character string (UTF-8, then Latin-1), as `atob` gives a file's bytes. */
export function byteString(text: string): string {
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  let out = '';
  for (const byte of utf8Encode(text)) out += String.fromCharCode(byte);
  return out;
}

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}
