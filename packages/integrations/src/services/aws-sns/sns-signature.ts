// How Amazon SNS signs what it delivers to an HTTP(S) subscription: an RSA signature, made with the key of an X.509
// certificate SNS serves over HTTPS, of the message's fields written one per line in a fixed order.

/** How the certificate is fetched: the credential's fetch, which reaches only its allowed hosts. */
export type CertificateFetch = (url: string) => Promise<Response>;

/** A message as SNS posts it (the JSON body of the call). */
export interface SnsMessage {
  Type?: unknown;
  MessageId?: unknown;
  TopicArn?: unknown;
  Subject?: unknown;
  Message?: unknown;
  Timestamp?: unknown;
  Token?: unknown;
  SubscribeURL?: unknown;
  SignatureVersion?: unknown;
  Signature?: unknown;
  SigningCertURL?: unknown;
  [key: string]: unknown;
}

/** Where SNS serves its signing certificates and subscription links: `sns.<region>.amazonaws.com` over HTTPS. */
export const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** The fields signed, in order: a notification's, and a subscription (or unsubscription) confirmation's. */
const NOTIFICATION = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

/** The text SNS signs: each field present, by name then value, one per line. */
export function stringToSign(message: SnsMessage): string {
  const fields = message.Type === 'Notification' ? NOTIFICATION : CONFIRMATION;
  return fields
    .filter((field) => typeof message[field] === 'string')
    .map((field) => `${field}\n${message[field] as string}\n`)
    .join('');
}

/** A DER element: its tag, and where its content starts and ends. */
function element(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start++]!;
  }
  if (start + length > der.length) throw new Error('the certificate is cut short');
  return { tag, start, end: start + length };
}

/** The SubjectPublicKeyInfo of an X.509 certificate (DER): the seventh field of its to-be-signed part, or the sixth without a version. */
function publicKeyInfo(der: Uint8Array): Uint8Array {
  const certificate = element(der, 0);
  const signed = element(der, certificate.start);
  let at = signed.start;
  if (element(der, at).tag === 0xa0) at = element(der, at).end;
  // serial number, signature algorithm, issuer, validity, subject
  for (let i = 0; i < 5; i++) at = element(der, at).end;
  const key = element(der, at);
  if (key.tag !== 0x30) throw new Error('the certificate has no public key where X.509 puts it');
  return der.slice(at, key.end);
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));

/**
 * Checks a message's signature with the certificate it names, fetched from
 * SNS: resolves with why it does not verify, or undefined when it does.
 */
export async function verifySnsSignature(message: SnsMessage, fetch: CertificateFetch): Promise<string | undefined> {
  const hash = message.SignatureVersion === '1' ? 'SHA-1' : message.SignatureVersion === '2' ? 'SHA-256' : undefined;
  if (!hash) return 'its SignatureVersion is neither 1 nor 2';
  if (typeof message.Signature !== 'string' || typeof message.SigningCertURL !== 'string') return 'it has no SNS signature';
  let certUrl: URL;
  try {
    certUrl = new URL(message.SigningCertURL);
  } catch {
    return 'its SigningCertURL is not a URL';
  }
  if (certUrl.protocol !== 'https:' || !SNS_HOST.test(certUrl.hostname) || !certUrl.pathname.endsWith('.pem')) {
    return 'its signing certificate is not served by Amazon SNS';
  }
  const response = await fetch(certUrl.href);
  if (!response.ok) return `its signing certificate could not be fetched (HTTP ${response.status})`;
  const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(await response.text())?.[1];
  if (!pem) return 'its signing certificate is not a PEM certificate';
  let key: CryptoKey;
  try {
    const spki = publicKeyInfo(fromBase64(pem)) as Uint8Array<ArrayBuffer>;
    key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
  } catch (error) {
    return `its signing certificate could not be read (${(error as Error).message})`;
  }
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64(message.Signature);
  } catch {
    return 'its Signature is not base64';
  }
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new TextEncoder().encode(stringToSign(message)));
  return valid ? undefined : 'its SNS signature does not match';
}
