import { type ApiKeyRecord, type ApiKeyStore } from './api-key-store.js';
import type { Permission } from './permissions.js';

/** Every API key starts with this, so leaked keys are easy to find in logs and by secret scanners. */
export const API_KEY_PREFIX = 'flk_';

/** What `ApiKeys.create` takes. */
export interface CreateApiKeyInput {
  tenantId: string;
  name: string;
  role: string;
  /** Narrows the role (default: all the role allows). */
  permissions?: Permission[];
}

/** An API key as lists show it: no hash, no key. */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;

/** A new key: `key` is shown this once and never stored. */
export interface CreatedApiKey {
  key: string;
  apiKey: ApiKeyView;
}

/**
 * Issues, checks and revokes API keys over an `ApiKeyStore`. A key is 32
 * random bytes after the `flk_` prefix; the store keeps its SHA-256 hash
 * only, so a copy of the store does not let anyone call the API.
 *
 * @example
 * const apiKeys = new ApiKeys(createMemoryApiKeyStore());
 * const { key } = await apiKeys.create({ tenantId: 'acme', name: 'Back office', role: 'admin' });
 */
export class ApiKeys {
  readonly store: ApiKeyStore;
  readonly #now: () => number;

  constructor(store: ApiKeyStore, options: { now?: () => number } = {}) {
    this.store = store;
    this.#now = options.now ?? (() => Date.now());
  }

  async create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const key = `${API_KEY_PREFIX}${base64url(randomBytes(32))}`;
    const record: ApiKeyRecord = {
      id: `key_${base64url(randomBytes(12))}`,
      tenantId: input.tenantId,
      name: input.name,
      role: input.role,
      ...(input.permissions ? { permissions: [...input.permissions] } : {}),
      hash: await sha256Hex(key),
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      createdAt: new Date(this.#now()).toISOString(),
    };
    await this.store.put(record);
    return { key, apiKey: viewOf(record) };
  }

  /** The live (not revoked) record of a key, or undefined. */
  async verify(key: string): Promise<ApiKeyRecord | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const record = await this.store.findByHash(await sha256Hex(key));
    return record && record.revokedAt === undefined ? record : undefined;
  }

  async list(tenantId: string): Promise<ApiKeyView[]> {
    return (await this.store.list(tenantId)).map(viewOf);
  }

  async get(tenantId: string, id: string): Promise<ApiKeyView | undefined> {
    const record = await this.store.get(tenantId, id);
    return record ? viewOf(record) : undefined;
  }

  /** Revokes a key at once: the next request with it is refused. */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    return this.store.revoke(tenantId, id, new Date(this.#now()).toISOString());
  }
}

function viewOf(record: ApiKeyRecord): ApiKeyView {
  const { hash: _hash, ...view } = record;
  return view;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
