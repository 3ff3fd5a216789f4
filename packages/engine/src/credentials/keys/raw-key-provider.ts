import { OptionError } from '../../errors/option.error.js';
import { checkOptions, type OptionSpec } from '../../options/check-options.js';
import { CredentialError } from '../credential.error.js';
import { checkProviderId, type KeyProvider } from '../key-provider.js';
import { deriveTenantKey, perTenant } from './tenant-key.js';

/** What `rawKeyProvider` takes. */
export interface RawKeyProviderOptions {
  /** 32 random bytes the host keeps safe (an environment secret, a secrets manager...). */
  key: Uint8Array;
  /** Names this key in stored blobs; give each key you rotate to its own id (default `raw`). */
  id?: string;
}

const RAW_OPTIONS: OptionSpec<RawKeyProviderOptions> = { key: true, id: true };

/**
 * A key provider from a raw 32-byte master key. Each tenant's data key is
 * derived from it with HKDF-SHA256.
 *
 * @example
 * const keyProvider = rawKeyProvider({ key: hexToBytes(process.env.FLOWLOOM_KEY), id: 'k2026' });
 */
export function rawKeyProvider(options: RawKeyProviderOptions): KeyProvider {
  checkOptions('rawKeyProvider', options, RAW_OPTIONS);
  const id = checkProviderId(options.id ?? 'raw', 'rawKeyProvider');
  if (!(options.key instanceof Uint8Array) || options.key.length !== 32) {
    throw new OptionError(
      'OPTION_INVALID',
      'rawKeyProvider',
      'key',
      `rawKeyProvider: key must be 32 bytes (a Uint8Array), got ${options.key instanceof Uint8Array ? `${options.key.length} bytes` : typeof options.key}.`,
    );
  }
  const master = options.key.slice();
  const tenantKey = perTenant((tenantId) => deriveTenantKey(master, tenantId));
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
