// What services sign webhook calls with: HMAC over bytes they name, compared in constant time.

const encoder = new TextEncoder();

/** HMAC of `message` with `secret` (WebCrypto, so it runs in browsers and Node alike). */
export async function hmac(algorithm: 'SHA-1' | 'SHA-256', secret: string, message: Uint8Array | string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: algorithm }, false, ['sign']);
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** Whether two strings are equal, taking the same time wherever they differ (so a guess learns nothing from timing). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Bytes followed by more bytes (a signed prefix such as `v0:<timestamp>:` before the raw body). */
export function concatBytes(prefix: string, body: Uint8Array): Uint8Array {
  const head = encoder.encode(prefix);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/**
 * Why a call's HTTP Basic credentials are not `user` and `password` (undefined when they are): for services that
 * sign nothing and send the user name and password set on their webhook with every call. The pair is compared
 * whole, in constant time, so the time taken says nothing about which half differs.
 */
export function basicAuthMismatch(header: string | null, user: string, password: string): string | undefined {
  if (!header || !/^basic /i.test(header)) return 'it has no HTTP Basic credentials';
  let given: string;
  try {
    given = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6).trim()), (c) => c.charCodeAt(0)));
  } catch {
    return 'its HTTP Basic credentials are not valid base64';
  }
  return constantTimeEqual(given, `${user}:${password}`) ? undefined : 'its HTTP Basic credentials do not match';
}
