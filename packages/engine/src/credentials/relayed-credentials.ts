import type { CredentialStore } from '../storage/credential-store.js';
import type { CredentialRelay } from './credential-relay.js';
import { CredentialError } from './credential.error.js';
import { CredentialsManager } from './credentials-manager.js';
import type { KeyProvider } from './key-provider.js';

const refuse = (): Promise<never> =>
  Promise.reject(
    new CredentialError(
      'CREDENTIALS_IN_HOST',
      'Credentials are kept by the host: an isolated execution uses them only through its nodes (ctx.authenticatedFetch), never reads or changes them.',
    ),
  );

/**
 * The credential store of an isolated execution worker: it has none. Stored
 * credentials (even encrypted) and the audit trail stay out of the worker's reach.
 */
export const hostOnlyCredentialStore: CredentialStore = { put: refuse, get: refuse, list: refuse, delete: refuse };

const hostOnlyKeys: KeyProvider = { id: 'host', encryptionKey: refuse, decryptionKey: refuse };

/**
 * The credentials manager of an isolated execution worker: no key, no store;
 * the credential use of its runs goes through `relay` to the host's manager.
 */
export function relayedCredentialsManager(relay: CredentialRelay): CredentialsManager {
  return new CredentialsManager({ store: hostOnlyCredentialStore, keyProvider: hostOnlyKeys, relay });
}
