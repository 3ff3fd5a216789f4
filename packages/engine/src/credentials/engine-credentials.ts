import type { Clock } from '../ports/clock.js';
import type { FetchFunction } from './fetch-function.js';
import type { IdGenerator } from '../ports/id.js';
import type { CredentialStore } from '../storage/credential-store.js';
import type { CredentialType, LazyCredentialType } from './credential-type.js';
import { CredentialError } from './credential.error.js';
import { CredentialsManager } from './credentials-manager.js';
import type { KeyProvider } from './key-provider.js';
import { rawKeyProvider } from './keys/raw-key-provider.js';
import type { OAuth2StateStore } from './oauth2/oauth2-state-store.js';

/** The credential settings of `createEngine`. */
export interface EngineCredentialOptions {
  /** Supplies the encryption keys (required when the engine is given a persistent `storage`). */
  keyProvider?: KeyProvider;
  /** Credential types added to the built-in generic ones (integrations register theirs here), or their stand-ins (`defineLazyCredentialType`). */
  credentialTypes?: Iterable<CredentialType | LazyCredentialType>;
  /** A ready-made manager, instead of one built from the options above. */
  credentials?: CredentialsManager;
  /** Where started OAuth2 connections wait for their callback (default: memory). */
  oauth2States?: OAuth2StateStore;
}

/**
 * The manager an engine uses. With neither a key provider nor a storage, the
 * engine keeps everything in memory, so a random key for this process is
 * enough. With a storage but no key provider, credentials would outlive the
 * key: every credential operation then fails with `KEY_PROVIDER_MISSING`.
 */
export function credentialsForEngine(
  options: EngineCredentialOptions & { storageGiven: boolean },
  deps: {
    store: CredentialStore;
    clock: Clock;
    generateId?: IdGenerator | undefined;
    tenantId?: string | undefined;
    /** The engine's HTTP port: test requests and token calls go through the host's network policy and relay too. */
    fetch?: FetchFunction | undefined;
  },
): CredentialsManager {
  if (options.credentials) return options.credentials;
  const keyProvider =
    options.keyProvider ??
    (options.storageGiven ? missingKeyProvider : rawKeyProvider({ key: crypto.getRandomValues(new Uint8Array(32)), id: 'ephemeral' }));
  return new CredentialsManager({
    store: deps.store,
    keyProvider,
    clock: deps.clock,
    ...(options.credentialTypes ? { types: options.credentialTypes } : {}),
    ...(deps.generateId ? { generateId: deps.generateId } : {}),
    ...(deps.tenantId ? { tenantId: deps.tenantId } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(options.oauth2States ? { oauth2States: options.oauth2States } : {}),
  });
}

const refuse = (): Promise<never> =>
  Promise.reject(
    new CredentialError(
      'KEY_PROVIDER_MISSING',
      'This engine has a storage but no key provider, so it cannot encrypt or decrypt credentials. Pass `keyProvider` to createEngine (rawKeyProvider, passphraseKeyProvider or kmsKeyProvider).',
    ),
  );

const missingKeyProvider: KeyProvider = { id: 'none', encryptionKey: refuse, decryptionKey: refuse };
