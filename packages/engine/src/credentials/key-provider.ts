import { OptionError } from '../errors/option.error.js';

/** A data key and the reference stored beside what it encrypted, to find it again. */
export interface DataKey {
  /** 32 bytes. */
  key: Uint8Array;
  /**
   * Names the key in the blob: `<provider id>` or `<provider id>~<extra>`
   * (a wrapped data key). Not secret; letters, digits, `_`, `-` and one `~`.
   */
  ref: string;
}

/**
 * Supplies the keys credential secrets are encrypted with; the host provides
 * one (`rawKeyProvider`, `passphraseKeyProvider`, `kmsKeyProvider`, or several
 * in a `keyRing` while keys are rotated). Each tenant gets its own data key.
 */
export interface KeyProvider {
  /** Names this provider in blob references: letters, digits, `_` and `-`. */
  readonly id: string;
  /** The key new writes for this tenant use. */
  encryptionKey(tenantId: string): Promise<DataKey>;
  /** The key a blob written with `ref` for this tenant needs; rejects for a ref it does not know. */
  decryptionKey(tenantId: string, ref: string): Promise<Uint8Array>;
}

const PROVIDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws an `OptionError` unless a provider id is usable in a blob reference. */
export function checkProviderId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !PROVIDER_ID.test(id)) {
    throw new OptionError(
      'OPTION_INVALID',
      what,
      'id',
      `${what}: id must be 1 to 64 letters, digits, '_' or '-', got ${JSON.stringify(id)}.`,
    );
  }
  return id;
}

/** The provider id part of a blob reference. */
export function providerIdOf(ref: string): string {
  const tilde = ref.indexOf('~');
  return tilde < 0 ? ref : ref.slice(0, tilde);
}
