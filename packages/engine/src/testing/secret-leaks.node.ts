/**
 * Finds a secret in recorded text or bytes with Node's own encoders and
 * decoders (`Buffer`), not the redactor's: an oracle written elsewhere for
 * the redaction tests.
 */

/** The encoded forms of a secret a test looks for, by name, as Node's `Buffer` writes them. */
export function encodedForms(secret: string) {
  const bytes = Buffer.from(secret);
  return {
    raw: secret,
    base64: bytes.toString('base64'),
    'base64 unpadded': bytes.toString('base64').replace(/=+$/, ''),
    base64url: bytes.toString('base64url'),
    hex: bytes.toString('hex'),
    'upper-case hex': bytes.toString('hex').toUpperCase(),
    // Behind 1 and 2 bytes (and followed by others), the secret is encoded at the other two positions of a 3-byte group.
    'base64 at offset 1': Buffer.from(`x${secret}yz`).toString('base64'),
    'base64 at offset 2': Buffer.from(`xy${secret}z`).toString('base64'),
  };
}

/**
 * Every way `text` (or a file's bytes, read as Latin-1) gives `secret` away:
 * one of `encodedForms`, or a run of base64 / base64url characters that
 * decodes to bytes holding the secret from any of its four offsets, or a run
 * of hex digits (either case) that does from either of its two offsets.
 * Empty when the text holds nothing of the kind.
 */
export function secretLeaks(text: string | Uint8Array, secret: string): string[] {
  const haystack = typeof text === 'string' ? text : Buffer.from(text).toString('latin1');
  const found: string[] = [];
  for (const [name, form] of Object.entries(encodedForms(secret))) if (haystack.includes(form)) found.push(name);
  const needle = Buffer.from(secret);
  const scan = (kind: string, runs: RegExp, offsets: number, encoding: 'base64' | 'hex') => {
    for (const [run] of haystack.matchAll(runs)) {
      for (let offset = 0; offset < offsets; offset++) {
        if (Buffer.from(run.slice(offset), encoding).includes(needle)) {
          found.push(`${kind} decoding to the secret: ${run.length > 80 ? `${run.slice(0, 80)}…` : run}`);
          break;
        }
      }
    }
  };
  // Node's base64 decoder reads both alphabets.
  scan('base64', new RegExp(`[A-Za-z0-9+/_-]{${Math.ceil((needle.length * 4) / 3)},}`, 'g'), 4, 'base64');
  scan('hex', new RegExp(`[0-9A-Fa-f]{${needle.length * 2},}`, 'g'), 2, 'hex');
  return found;
}
