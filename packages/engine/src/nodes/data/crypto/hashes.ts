import type { CHash } from '@noble/hashes/utils.js';

/** The hash algorithms the Crypto node offers. */
export const ALGORITHMS = ['MD5', 'SHA1', 'SHA256', 'SHA384', 'SHA512', 'SHA3-256', 'SHA3-384', 'SHA3-512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Hashing functions, loaded on first use. */
export interface Hashes {
  hash(algorithm: Algorithm, data: Uint8Array): Uint8Array;
  hmac(algorithm: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array;
  hex(bytes: Uint8Array): string;
}

let loaded: Promise<Hashes> | undefined;

/**
 * Loads @noble/hashes (audited, pure JS: the same results in browsers and
 * Node, with MD5 and SHA-1 that Web Crypto lacks, and synchronous per item).
 */
export function loadHashes(): Promise<Hashes> {
  return (loaded ??= Promise.all([
    import('@noble/hashes/legacy.js'),
    import('@noble/hashes/sha2.js'),
    import('@noble/hashes/sha3.js'),
    import('@noble/hashes/hmac.js'),
    import('@noble/hashes/utils.js'),
  ]).then(([legacy, sha2, sha3, { hmac }, { bytesToHex }]) => {
    const table: Record<Algorithm, CHash> = {
      MD5: legacy.md5,
      SHA1: legacy.sha1,
      SHA256: sha2.sha256,
      SHA384: sha2.sha384,
      SHA512: sha2.sha512,
      'SHA3-256': sha3.sha3_256,
      'SHA3-384': sha3.sha3_384,
      'SHA3-512': sha3.sha3_512,
    };
    return {
      hash: (algorithm, data) => table[algorithm](data),
      hmac: (algorithm, key, data) => hmac(table[algorithm], key, data),
      hex: (bytes) => bytesToHex(bytes),
    };
  }));
}
