// A Google service account's self-signed JWT (RS256), made with WebCrypto where the credential is: the engine's credentials
// layer signs each request with it, so no node ever holds the private key.
import { toBase64 } from '../../kit/signature.js';

const encoder = new TextEncoder();

/** The fields of a service account's JSON key file that sign a JWT. */
export interface ServiceAccountKey {
  /** `client_email`. */
  clientEmail: string;
  /** `private_key`: a PKCS #8 PEM key. */
  privateKey: string;
  /** `private_key_id`, sent as the JWT's `kid` so Google finds the key at once. */
  privateKeyId?: string | undefined;
}

/** How long a self-signed JWT is valid: Google accepts at most an hour. */
const LIFETIME_S = 3600;

const PEM = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/;

/** Whether a text holds a PKCS #8 PEM private key (as a JSON key file's `private_key` does, its newlines written `\n` or not). */
export function isPkcs8Pem(text: string): boolean {
  return PEM.test(unescapeNewlines(text));
}

/**
 * The JWT a Google API accepts as a bearer token for `scope`, without a
 * token exchange ("service account authorization without OAuth", with the
 * `scope` claim in place of an audience): issued by and for the service
 * account, valid an hour from `now` (epoch milliseconds).
 */
export async function selfSignedJwt(key: ServiceAccountKey, scope: string, now: number): Promise<string> {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const claims = { iss: key.clientEmail, sub: key.clientEmail, scope, exp: iat + LIFETIME_S, iat };
  const signingInput = `${base64Url(encoder.encode(JSON.stringify(header)))}.${base64Url(encoder.encode(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', await importKey(key.privateKey), encoder.encode(signingInput));
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const body = PEM.exec(unescapeNewlines(pem))?.[1];
  if (!body) throw new TypeError("the service account's private key is not a PKCS #8 PEM key (-----BEGIN PRIVATE KEY-----)");
  const der = Uint8Array.from(atob(body.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

/** A key copied from the JSON file's text (or an environment variable) keeps its newlines as `\n`. */
function unescapeNewlines(text: string): string {
  return text.replace(/\\n/g, '\n');
}

function base64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
