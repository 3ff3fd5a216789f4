import { fromBase64Url, toBase64Url } from './base64url.js';
import { CredentialError } from './credential.error.js';
import type { KeyProvider } from './key-provider.js';

/**
 * Blob format, version 1, one ASCII string:
 *
 *     fl1.<key ref>.<nonce>.<ciphertext+tag>
 *
 * XChaCha20-Poly1305 with a random 24-byte nonce; nonce and ciphertext in
 * unpadded base64url. The associated data (authenticated, not stored) is the
 * JSON array `["fl1", tenantId, credentialId, keyRef]`, so a blob copied to
 * another credential or tenant, or relabelled with another key, fails to open.
 */
export const BLOB_VERSION = 'fl1';

const encoder = new TextEncoder();
const NONCE_BYTES = 24;

/** The record a blob belongs to; bound into it as associated data. */
export interface BlobBinding {
  tenantId: string;
  credentialId: string;
}

/** A parsed blob. */
export interface ParsedBlob {
  version: string;
  keyRef: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

type Aead = (
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
) => {
  encrypt(plaintext: Uint8Array): Uint8Array;
  decrypt(ciphertext: Uint8Array): Uint8Array;
};
let aead: Promise<Aead> | undefined;
const loadAead = () => (aead ??= import('@noble/ciphers/chacha.js').then((m) => m.xchacha20poly1305 as unknown as Aead));

function associatedData(binding: BlobBinding, keyRef: string): Uint8Array {
  return encoder.encode(JSON.stringify([BLOB_VERSION, binding.tenantId, binding.credentialId, keyRef]));
}

/** Encrypts plaintext for one credential under the tenant's current key. */
export async function sealBlob(plaintext: Uint8Array, keys: KeyProvider, binding: BlobBinding): Promise<string> {
  const [cipher, { key, ref }] = await Promise.all([loadAead(), keys.encryptionKey(binding.tenantId)]);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const ciphertext = cipher(key, nonce, associatedData(binding, ref)).encrypt(plaintext);
  return `${BLOB_VERSION}.${ref}.${toBase64Url(nonce)}.${toBase64Url(ciphertext)}`;
}

/** Splits a blob into its parts, or throws a CredentialError saying what is wrong with it. */
export function parseBlob(blob: string, credentialId: string): ParsedBlob {
  const parts = typeof blob === 'string' ? blob.split('.') : [];
  const [version, keyRef, nonceText, ciphertextText] = parts;
  if (version !== BLOB_VERSION) {
    throw new CredentialError(
      'CREDENTIAL_BLOB_INVALID',
      `Credential '${credentialId}' is stored in an unknown format (${version === undefined ? 'not a blob' : `version '${version.slice(0, 10)}'`}); this engine reads '${BLOB_VERSION}'.`,
      { credentialId },
    );
  }
  const nonce = nonceText === undefined ? undefined : fromBase64Url(nonceText);
  const ciphertext = ciphertextText === undefined ? undefined : fromBase64Url(ciphertextText);
  if (parts.length !== 4 || !keyRef || nonce?.length !== NONCE_BYTES || !ciphertext || ciphertext.length < 16) {
    throw new CredentialError(
      'CREDENTIAL_BLOB_INVALID',
      `Credential '${credentialId}' has a damaged blob: it does not have the '${BLOB_VERSION}' layout.`,
      {
        credentialId,
      },
    );
  }
  return { version, keyRef, nonce, ciphertext };
}

/** Decrypts a blob written by `sealBlob` for the same credential and tenant. */
export async function openBlob(blob: string, keys: KeyProvider, binding: BlobBinding): Promise<Uint8Array> {
  const { keyRef, nonce, ciphertext } = parseBlob(blob, binding.credentialId);
  const [cipher, key] = await Promise.all([loadAead(), keys.decryptionKey(binding.tenantId, keyRef)]);
  try {
    return cipher(key, nonce, associatedData(binding, keyRef)).decrypt(ciphertext);
  } catch (cause) {
    throw new CredentialError(
      'CREDENTIAL_DECRYPT_FAILED',
      `Credential '${binding.credentialId}' of tenant '${binding.tenantId}' could not be decrypted: its blob was altered, ` +
        `copied from another credential or tenant, or the key '${keyRef}' given to the engine is not the one it was written with.`,
      { credentialId: binding.credentialId, cause },
    );
  }
}

/** The key reference a blob was written with. */
export function keyRefOf(blob: string): string | undefined {
  return typeof blob === 'string' ? blob.split('.', 3)[1] : undefined;
}
