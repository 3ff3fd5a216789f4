import { checkOptions, type OptionSpec } from '../../options/check-options.js';
import { fromBase64Url, toBase64Url } from '../base64url.js';
import { CredentialError } from '../credential.error.js';
import { checkProviderId, providerIdOf, type KeyProvider } from '../key-provider.js';

/** What `kmsKeyProvider` takes: the host's calls to its key management service. */
export interface KmsKeyProviderOptions {
  /** Names this KMS key in stored blobs (default `kms`); a new master key gets a new id. */
  id?: string;
  /** Encrypts (wraps) a 32-byte data key with the KMS master key. */
  wrapKey(dataKey: Uint8Array, context: { tenantId: string }): Promise<Uint8Array>;
  /** Decrypts (unwraps) what `wrapKey` returned. */
  unwrapKey(wrapped: Uint8Array, context: { tenantId: string }): Promise<Uint8Array>;
}

const KMS_OPTIONS: OptionSpec<KmsKeyProviderOptions> = { id: true, wrapKey: true, unwrapKey: true };

/**
 * Envelope encryption with the host's KMS: each tenant gets a random data key,
 * which is wrapped by the KMS and stored, wrapped, in each blob it encrypted.
 * The master key never leaves the KMS; unwrapped data keys are cached in
 * memory, so the KMS is called once per tenant and data key, not per read.
 */
export function kmsKeyProvider(options: KmsKeyProviderOptions): KeyProvider {
  checkOptions('kmsKeyProvider', options, KMS_OPTIONS);
  const id = checkProviderId(options.id ?? 'kms', 'kmsKeyProvider');
  const current = new Map<string, Promise<{ key: Uint8Array; ref: string }>>();
  const unwrapped = new Map<string, Promise<Uint8Array>>();
  return {
    id,
    encryptionKey(tenantId) {
      let p = current.get(tenantId);
      if (!p) {
        p = (async () => {
          const key = crypto.getRandomValues(new Uint8Array(32));
          const wrapped = await options.wrapKey(key.slice(), { tenantId });
          if (!(wrapped instanceof Uint8Array) || wrapped.length === 0) {
            throw new CredentialError(
              'KMS_FAILED',
              `kmsKeyProvider '${id}': wrapKey must return the wrapped key as a non-empty Uint8Array.`,
            );
          }
          const ref = `${id}~${toBase64Url(wrapped)}`;
          unwrapped.set(`${tenantId}\u0000${ref}`, Promise.resolve(key));
          return { key, ref };
        })();
        current.set(tenantId, p);
        p.catch(() => current.delete(tenantId));
      }
      return p;
    },
    decryptionKey(tenantId, ref) {
      const cacheKey = `${tenantId}\u0000${ref}`;
      let p = unwrapped.get(cacheKey);
      if (!p) {
        p = (async () => {
          const wrapped = providerIdOf(ref) === id ? fromBase64Url(ref.slice(id.length + 1)) : undefined;
          if (!wrapped || wrapped.length === 0) {
            throw new CredentialError(
              'CREDENTIAL_KEY_UNKNOWN',
              `Key '${providerIdOf(ref)}' is not the KMS key this provider holds ('${id}').`,
            );
          }
          const key = await options.unwrapKey(wrapped, { tenantId });
          if (!(key instanceof Uint8Array) || key.length !== 32) {
            throw new CredentialError('KMS_FAILED', `kmsKeyProvider '${id}': unwrapKey must return the 32-byte data key.`);
          }
          return key;
        })();
        unwrapped.set(cacheKey, p);
        p.catch(() => unwrapped.delete(cacheKey));
      }
      return p;
    },
  };
}
