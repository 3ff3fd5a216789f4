import type { CredentialDraft, CredentialInput, CredentialTestResult, CredentialUpdate, CredentialView } from '@flowloom/engine';
import type { HttpClient, RequestOptions } from './http-client.js';
import type { ClientFor } from './http-workflow-store.js';

const at = (id: string) => `/credentials/${encodeURIComponent(id)}`;
type Signal = Pick<RequestOptions, 'signal'>;

/** Where a provider's sign-in starts: open `url` (in a popup); it comes back to `redirectUri` on the server. */
export interface OAuth2Start {
  url: string;
  state: string;
  redirectUri: string;
}

/** The caller's credentials, secret fields masked as `__redacted__`. */
export async function listCredentials(client: HttpClient, options: Signal = {}): Promise<CredentialView[]> {
  return (await client.request<{ credentials: CredentialView[] }>('GET', '/credentials', options)).credentials;
}

/** One credential, masked; undefined when there is none. */
export function getCredential(client: HttpClient, id: string, options: Signal = {}): Promise<CredentialView | undefined> {
  return client.request<CredentialView | undefined>('GET', at(id), { notFound: 'undefined', ...options });
}

/**
 * Creates a credential: the server encrypts its data and answers with it
 * masked. Fields its type refuses reject with an `HttpStorageError` whose
 * `issues` name them (`data.token`).
 */
export function createCredential(client: HttpClient, input: CredentialInput, options: Signal = {}): Promise<CredentialView> {
  return client.request<CredentialView>('POST', '/credentials', { body: input, ...options });
}

/** Changes a credential's name, data or sharing; secret fields left out or sent as `__redacted__` keep their value. */
export function updateCredential(client: HttpClient, id: string, patch: CredentialUpdate, options: Signal = {}): Promise<CredentialView> {
  return client.request<CredentialView>('PATCH', at(id), { body: patch, ...options });
}

/** Sends the credential type's test request with the credential, on the server. */
export function testCredential(client: HttpClient, id: string, options: Signal = {}): Promise<CredentialTestResult> {
  return client.request<CredentialTestResult>('POST', `${at(id)}/test`, options);
}

/**
 * Tests a credential form's values before they are saved; nothing is stored.
 * With `id`, the values edit that credential (its masked secrets keep their
 * saved values). Fields its type refuses reject with an `HttpStorageError`
 * whose `issues` name them (`data.token`).
 */
export function testCredentialDraft(
  client: HttpClient,
  draft: CredentialDraft,
  id?: string,
  options: Signal = {},
): Promise<CredentialTestResult> {
  return client.request<CredentialTestResult>('POST', '/credentials/test', {
    body: { ...draft, ...(id !== undefined ? { id } : {}) },
    ...options,
  });
}

/** When a credential was last used (ISO 8601), from the server's audit trail; undefined when never. */
export async function credentialLastUsed(client: HttpClient, id: string, options: Signal = {}): Promise<string | undefined> {
  const { lastUsedAt } = await client.request<{ lastUsedAt: string | null }>('GET', `${at(id)}/last-used`, options);
  return lastUsedAt ?? undefined;
}

/** Starts connecting an OAuth2 account: the provider's sign-in URL, which returns to the server's callback. */
export function startOAuth2(client: HttpClient, id: string, options: Signal = {}): Promise<OAuth2Start> {
  return client.request<OAuth2Start>('POST', `${at(id)}/oauth2/start`, options);
}

/** Forgets an OAuth2 credential's tokens. */
export function disconnectOAuth2(client: HttpClient, id: string, options: Signal = {}): Promise<CredentialView> {
  return client.request<CredentialView>('POST', `${at(id)}/oauth2/disconnect`, options);
}

/**
 * Credentials over `/credentials`, per tenant. This is not the engine's
 * `CredentialStore` (encrypted blobs): the server never lets secrets out, so
 * reads are masked views, as `engine.credentials` gives them.
 */
export class HttpCredentials {
  readonly #clientFor: ClientFor;

  constructor(clientFor: ClientFor) {
    this.#clientFor = clientFor;
  }

  async list(tenantId: string): Promise<CredentialView[]> {
    return listCredentials(this.#clientFor(tenantId));
  }

  async get(tenantId: string, id: string): Promise<CredentialView | undefined> {
    return getCredential(this.#clientFor(tenantId), id);
  }

  async create(tenantId: string, input: CredentialInput): Promise<CredentialView> {
    return createCredential(this.#clientFor(tenantId), input);
  }

  async update(tenantId: string, id: string, patch: CredentialUpdate): Promise<CredentialView> {
    return updateCredential(this.#clientFor(tenantId), id, patch);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.#clientFor(tenantId).delete(at(id));
  }

  async test(tenantId: string, id: string): Promise<CredentialTestResult> {
    return testCredential(this.#clientFor(tenantId), id);
  }
}
