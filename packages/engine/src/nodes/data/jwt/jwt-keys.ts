import { utf8Encode } from '../../../binary/bytes.js';

type Jose = typeof import('jose');

let jose: Promise<Jose> | undefined;

/** Loads jose (Web Crypto underneath, so the same code signs in browsers and Node) on first use. */
export function loadJose(): Promise<Jose> {
  return (jose ??= import('jose'));
}

/** The signing algorithms the JWT node offers. */
export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** Whether an algorithm signs with a shared secret (HMAC) rather than a key pair. */
export const isHmac = (algorithm: JwtAlgorithm): boolean => algorithm.startsWith('HS');

/** A key as jose takes it: secret bytes, or an imported key. */
export type JoseKey = Uint8Array | Awaited<ReturnType<Jose['importSPKI']>>;

/** Makes the node's error for a parameter whose key cannot be used. */
export type KeyFailure = (parameter: string, problem: string) => Error;

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----/;

function pemLabel(pem: string): string | undefined {
  return PEM.exec(pem)?.[1];
}

/**
 * Imports and caches keys for one activation: the HMAC secret, the private
 * key to sign with (PKCS#8 PEM) and the public key to verify with (SPKI PEM
 * or an X.509 certificate), or the public half of a private key when no
 * public key is given.
 */
export class KeyCache {
  readonly #jose: Jose;
  readonly #keys = new Map<string, Promise<JoseKey>>();

  constructor(lib: Jose) {
    this.#jose = lib;
  }

  /** The key to sign with. */
  async signingKey(
    algorithm: JwtAlgorithm,
    secret: string | undefined,
    privateKey: string | undefined,
    fail: KeyFailure,
  ): Promise<JoseKey> {
    if (isHmac(algorithm)) return this.#secret(secret, fail);
    if (!privateKey?.trim()) throw fail('privateKey', `is required to sign with ${algorithm}: a PEM private key (PKCS#8)`);
    return this.#cached(`private:${algorithm}:${privateKey}`, () => this.#importPrivate(algorithm, privateKey, false, fail));
  }

  /** The key to verify with. */
  async verifyingKey(
    algorithm: JwtAlgorithm,
    secret: string | undefined,
    publicKey: string | undefined,
    privateKey: string | undefined,
    fail: KeyFailure,
  ): Promise<JoseKey> {
    if (isHmac(algorithm)) return this.#secret(secret, fail);
    if (publicKey?.trim()) {
      return this.#cached(`public:${algorithm}:${publicKey}`, async () => {
        const label = pemLabel(publicKey);
        try {
          if (label === 'CERTIFICATE') return await this.#jose.importX509(publicKey, algorithm);
          if (label === 'PUBLIC KEY') return await this.#jose.importSPKI(publicKey, algorithm);
        } catch (error) {
          throw fail('publicKey', `cannot be used with ${algorithm}: ${(error as Error).message}`);
        }
        throw fail(
          'publicKey',
          label === 'RSA PUBLIC KEY'
            ? 'holds a PKCS#1 RSA key; give it as "BEGIN PUBLIC KEY" (SPKI), e.g. converted with `openssl rsa -RSAPublicKey_in -pubout`'
            : 'must be a PEM public key ("BEGIN PUBLIC KEY") or certificate ("BEGIN CERTIFICATE")',
        );
      });
    }
    if (privateKey?.trim()) {
      return this.#cached(`derived:${algorithm}:${privateKey}`, async () => {
        const full = await this.#importPrivate(algorithm, privateKey, true, fail);
        const jwk = await this.#jose.exportJWK(full);
        for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const) delete jwk[part];
        return (await this.#jose.importJWK(jwk, algorithm)) as JoseKey;
      });
    }
    throw fail('publicKey', `is required to verify ${algorithm} signatures: a PEM public key or certificate`);
  }

  #secret(secret: string | undefined, fail: KeyFailure): Uint8Array {
    if (secret === undefined || secret === '') throw fail('secret', 'is required for HMAC algorithms (HS256, HS384, HS512)');
    return utf8Encode(secret);
  }

  #cached(key: string, make: () => Promise<JoseKey>): Promise<JoseKey> {
    let found = this.#keys.get(key);
    if (!found) {
      found = make();
      this.#keys.set(key, found);
    }
    return found;
  }

  async #importPrivate(algorithm: JwtAlgorithm, pem: string, extractable: boolean, fail: KeyFailure): Promise<JoseKey> {
    const label = pemLabel(pem);
    if (label !== 'PRIVATE KEY') {
      throw fail(
        'privateKey',
        label === 'RSA PRIVATE KEY' || label === 'EC PRIVATE KEY'
          ? `holds a ${label === 'RSA PRIVATE KEY' ? 'PKCS#1 RSA' : 'SEC1 EC'} key; give it as PKCS#8 ("BEGIN PRIVATE KEY"), e.g. converted with \`openssl pkcs8 -topk8 -nocrypt\``
          : 'must be a PEM private key in PKCS#8 form ("BEGIN PRIVATE KEY")',
      );
    }
    try {
      return await this.#jose.importPKCS8(pem, algorithm, { extractable });
    } catch (error) {
      throw fail('privateKey', `cannot be used with ${algorithm}: ${(error as Error).message}`);
    }
  }
}
