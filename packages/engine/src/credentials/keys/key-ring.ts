import { CredentialError } from '../credential.error.js';
import { providerIdOf, type KeyProvider } from '../key-provider.js';

/**
 * Several key providers during a key rotation: new writes use the first, and
 * each blob is decrypted by the provider whose id it names. Once
 * `manager.rotateKeys()` has re-encrypted everything, drop the old ones.
 *
 * @example
 * keyProvider: keyRing(rawKeyProvider({ id: 'k2', key: newKey }), rawKeyProvider({ id: 'k1', key: oldKey }))
 */
export function keyRing(current: KeyProvider, ...previous: KeyProvider[]): KeyProvider {
  const byId = new Map<string, KeyProvider>();
  for (const p of [current, ...previous]) {
    if (byId.has(p.id)) {
      throw new CredentialError('KEY_PROVIDER_INVALID', `keyRing: two providers share the id '${p.id}'; give each key its own id.`);
    }
    byId.set(p.id, p);
  }
  return {
    id: current.id,
    encryptionKey: (tenantId) => current.encryptionKey(tenantId),
    decryptionKey(tenantId, ref) {
      const provider = byId.get(providerIdOf(ref));
      if (!provider) {
        return Promise.reject(
          new CredentialError(
            'CREDENTIAL_KEY_UNKNOWN',
            `Key '${providerIdOf(ref)}' is not among the configured keys (${[...byId.keys()].map((k) => `'${k}'`).join(', ')}).`,
          ),
        );
      }
      return provider.decryptionKey(tenantId, ref);
    },
  };
}
