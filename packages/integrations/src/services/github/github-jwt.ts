// A GitHub App's JSON Web Token: RS256 over `{ iat, exp, iss }`, signed with the app's private key through WebCrypto,
// so the credentials layer makes it in browsers and Node alike.
import { toBase64 } from '../../kit/signature.js';

/** How long before now the token says it was issued: GitHub's advice against clocks that drift. */
const ISSUED_BEFORE_S = 60;
/** How long the token lives: GitHub accepts at most ten minutes. */
const LIFETIME_S = 9 * 60;

const PEM = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]+?)-----END \1?PRIVATE KEY-----/;

/** Whether a text is a PEM private key GitHub hands out (`RSA PRIVATE KEY`, PKCS#1) or its PKCS#8 form (`PRIVATE KEY`). */
export function isPrivateKeyPem(text: string): boolean {
  return PEM.test(text);
}

/** The app's JWT at `nowMs` (epoch milliseconds), for `iss` the app's client ID or app ID. */
export async function appJwt(issuer: string, privateKeyPem: string, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  const head = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64Url(JSON.stringify({ iat: now - ISSUED_BEFORE_S, exp: now + LIFETIME_S, iss: issuer }));
  const key = await crypto.subtle.importKey('pkcs8', pkcs8Of(privateKeyPem), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(`${head}.${claims}`)));
  return `${head}.${claims}.${base64Url(signature)}`;
}

function base64Url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return toBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The key's PKCS#8 bytes: GitHub's keys are PKCS#1 (`RSA PRIVATE KEY`), which WebCrypto imports only wrapped in PKCS#8. */
function pkcs8Of(pem: string): Uint8Array<ArrayBuffer> {
  const match = PEM.exec(pem);
  if (!match) throw new TypeError('the private key must be a PEM private key (-----BEGIN RSA PRIVATE KEY----- ...)');
  const der = Uint8Array.from(atob(match[2]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  if (!match[1]) return der;
  // PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING <PKCS#1 key> }
  const version = [0x02, 0x01, 0x00];
  const rsaEncryption = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const key = [0x04, ...derLength(der.length), ...der];
  const body = [...version, ...rsaEncryption, ...key];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

/** A DER length: one byte below 128, else 0x80 plus the count of big-endian bytes that follow. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
