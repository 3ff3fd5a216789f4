import type { CHash } from '@noble/hashes/utils.js';

/** The HMAC hash functions a TOTP code may be made with (RFC 6238 names SHA-1, SHA-256 and SHA-512). */
export const TOTP_ALGORITHMS = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

/** What a code is made from: the shared secret's bytes, the hash, its length in digits and the period in seconds. */
export interface TotpSettings {
  key: Uint8Array;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

type Hmac = (algorithm: TotpAlgorithm, key: Uint8Array, message: Uint8Array) => Uint8Array;

let loaded: Promise<Hmac> | undefined;

/** HMAC over the hashes of @noble/hashes, loaded on first use. */
export function loadTotpHmac(): Promise<Hmac> {
  return (loaded ??= Promise.all([
    import('@noble/hashes/legacy.js'),
    import('@noble/hashes/sha2.js'),
    import('@noble/hashes/sha3.js'),
    import('@noble/hashes/hmac.js'),
  ]).then(([legacy, sha2, sha3, { hmac }]) => {
    const table: Record<TotpAlgorithm, CHash> = {
      SHA1: legacy.sha1,
      SHA224: sha2.sha224,
      SHA256: sha2.sha256,
      SHA384: sha2.sha384,
      SHA512: sha2.sha512,
      'SHA3-224': sha3.sha3_224,
      'SHA3-256': sha3.sha3_256,
      'SHA3-384': sha3.sha3_384,
      'SHA3-512': sha3.sha3_512,
    };
    return (algorithm, key, message) => hmac(table[algorithm], key, message);
  }));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The bytes of a base32 secret (RFC 4648 section 6), as authenticator apps
 * show them: any case, spaces and trailing `=` padding allowed. Returns
 * undefined when a character is not base32.
 */
export function decodeBase32(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

/**
 * The code of the time step `now` falls in (RFC 6238: HOTP of RFC 4226 over
 * the number of whole periods since the Unix epoch, as 8 bytes big-endian,
 * dynamically truncated to `digits` decimal digits), and the whole seconds
 * left before the next step.
 */
export function totpAt(hmac: Hmac, settings: TotpSettings, now: number): { token: string; secondsRemaining: number } {
  const seconds = now / 1000;
  const counter = Math.floor(seconds / settings.period);
  const message = new Uint8Array(8);
  // The counter fits in 53 bits: its high and low 32-bit halves, big-endian.
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = hmac(settings.algorithm, settings.key, message);
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  const token = String(binary % 10 ** settings.digits).padStart(settings.digits, '0');
  // In whole milliseconds, where division by the period would lose the last second to rounding.
  const periodMs = settings.period * 1000;
  const secondsRemaining = Math.trunc((periodMs - (((Math.floor(now) % periodMs) + periodMs) % periodMs)) / 1000);
  return { token, secondsRemaining };
}
