import { OptionError } from '../../errors/option.error.js';
import { checkOptions, type OptionSpec } from '../../options/check-options.js';
import { CredentialError } from '../credential.error.js';
import { checkProviderId, type KeyProvider } from '../key-provider.js';
import { deriveTenantKey, perTenant } from './tenant-key.js';

/** What `passphraseKeyProvider` takes. */
export interface PassphraseKeyProviderOptions {
  passphrase: string;
  /**
   * At least 16 random bytes (or a string of 16+ characters) generated once
   * and stored beside the data; the same passphrase with another salt gives
   * another key.
   */
  salt: Uint8Array | string;
  /** Names this key in stored blobs (default `pass`). */
  id?: string;
  /**
   * scrypt cost: `N` (a power of two), `r`, `p`. Default N=2^17, r=8, p=1
   * (128 MiB, about half a second once per process). Lower only for tests.
   */
  cost?: { N: number; r: number; p: number };
}

const PASSPHRASE_OPTIONS: OptionSpec<PassphraseKeyProviderOptions> = {
  passphrase: true,
  salt: true,
  id: true,
  cost: { N: true, r: true, p: true },
};

/**
 * A key provider from a passphrase, stretched with scrypt (memory-hard, from
 * @noble/hashes) into a master key; each tenant's data key is derived from
 * that with HKDF-SHA256. The scrypt work runs once, on first use.
 */
export function passphraseKeyProvider(options: PassphraseKeyProviderOptions): KeyProvider {
  checkOptions('passphraseKeyProvider', options, PASSPHRASE_OPTIONS);
  const id = checkProviderId(options.id ?? 'pass', 'passphraseKeyProvider');
  if (typeof options.passphrase !== 'string' || options.passphrase.length < 8) {
    throw new OptionError(
      'OPTION_INVALID',
      'passphraseKeyProvider',
      'passphrase',
      'passphraseKeyProvider: passphrase must be a string of at least 8 characters.',
    );
  }
  const salt = options.salt;
  if (!(salt instanceof Uint8Array || typeof salt === 'string') || salt.length < 16) {
    throw new OptionError(
      'OPTION_INVALID',
      'passphraseKeyProvider',
      'salt',
      'passphraseKeyProvider: salt must be at least 16 bytes or characters, generated once and stored.',
    );
  }
  const cost = options.cost ?? { N: 2 ** 17, r: 8, p: 1 };
  const passphrase = options.passphrase;
  let master: Promise<Uint8Array> | undefined;
  const deriveMaster = () =>
    (master ??= import('@noble/hashes/scrypt.js').then(({ scryptAsync }) =>
      scryptAsync(passphrase, salt, { ...cost, dkLen: 32, maxmem: 2 * 128 * cost.N * cost.r * cost.p + 1024 * 1024 }),
    ));
  const tenantKey = perTenant(async (tenantId) => deriveTenantKey(await deriveMaster(), tenantId));
  return {
    id,
    async encryptionKey(tenantId) {
      return { key: await tenantKey(tenantId), ref: id };
    },
    async decryptionKey(tenantId, ref) {
      if (ref !== id) throw new CredentialError('CREDENTIAL_KEY_UNKNOWN', `Key '${ref}' is not the key this provider holds ('${id}').`);
      return tenantKey(tenantId);
    },
  };
}
