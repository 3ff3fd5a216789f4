// Bytes and the base64 texts items carry them in, in browsers and Node alike.

const encoder = new TextEncoder();

/** The bytes of an item's base64 file data. */
export function fromBase64(data: string): Uint8Array {
  return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
}

/** Base64 of bytes, in slices so a large file does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Base64url (RFC 4648 §5) without padding, as Gmail writes message and attachment data. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url or base64 text. */
export function fromBase64Url(data: string): Uint8Array {
  return fromBase64(data.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Texts and byte arrays one after the other, texts as UTF-8. */
export function concatBytes(...parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A path segment encoded as Google's client libraries encode it (RFC 6570: also `!'()*`), so requests match theirs. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
