// One file past 400 lines: the credentials API (create, update, share, delete, test, decrypt for a run) works
// on one encrypted record and its audit trail; the checks each method makes are the same few, kept together.
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { randomId, type IdGenerator } from '../ports/id.js';
import type { CredentialAuditEntry, CredentialAuditQuery, CredentialStore, StoredCredential } from '../storage/credential-store.js';
import { sendWithCredential } from './authenticated-fetch.js';
import { builtinCredentialTypes } from './builtin-types.js';
import { auditEntry, type CredentialUse } from './credential-audit.js';
import { keyRefOf, openBlob, sealBlob } from './credential-cipher.js';
import { maskCredentialData, mergeCredentialData, validateCredentialData } from './credential-data.js';
import { testCredentialDraft, testResolved, type CredentialDraft, type CredentialTestResult } from './credential-draft.js';

export type { CredentialTestResult } from './credential-draft.js';
import { CredentialTypeRegistry } from './credential-registry.js';
import { authenticationOf, type CredentialType, type LazyCredentialType, type WebhookCall } from './credential-type.js';
import { CredentialError, CredentialValidationError } from './credential.error.js';
import type { CredentialSharing, CredentialView } from './credential-view.js';
import type { CredentialRelay } from './credential-relay.js';
import { normalizeSharing, parseReference } from './credential-sharing.js';
import { platformFetch, type FetchFunction } from './fetch-function.js';
import { providerIdOf, type KeyProvider } from './key-provider.js';
import type { OAuth2Tokens } from './oauth2/oauth2-config.js';
import { OAuth2Flows } from './oauth2/oauth2-flows.js';
import type { OAuth2StateStore } from './oauth2/oauth2-state-store.js';
import type { ResolvedCredential } from './resolved-credential.js';

/** What `createCredentialsManager` takes. */
export interface CredentialsManagerOptions {
  /** Where encrypted credentials (and the audit trail, if the store keeps one) live. */
  store: CredentialStore;
  /** Supplies the encryption keys. */
  keyProvider: KeyProvider;
  /** Credential types added to the built-in generic ones, or their stand-ins (`defineLazyCredentialType`). */
  types?: Iterable<CredentialType | LazyCredentialType>;
  /** Tenant used when a call names none (default `'default'`). */
  tenantId?: string;
  clock?: Clock;
  generateId?: IdGenerator;
  /** The fetch requests and token calls go through (default: the platform's). */
  fetch?: FetchFunction;
  /** Called with each audit entry, after it is stored. */
  onAudit?: (entry: CredentialAuditEntry) => void;
  /**
   * Makes a manager that holds no key: its runs' credential use goes to the
   * relay (the host, for an isolated execution worker). See `CredentialRelay`.
   */
  relay?: CredentialRelay;
  /**
   * Where started OAuth2 connections wait for their callback (default: this
   * process's memory). Processes that share the callback URL share a store.
   */
  oauth2States?: OAuth2StateStore;
}

/** What `create` takes. */
export interface CredentialInput {
  /** Default: a generated id. */
  id?: string;
  name: string;
  /** Credential type name. */
  type: string;
  data: Record<string, unknown>;
  sharing?: CredentialSharing;
}

/** What `update` takes: fields left out keep their value; secret fields sent as `__redacted__` too. */
export interface CredentialUpdate {
  name?: string;
  data?: Record<string, unknown>;
  sharing?: CredentialSharing;
}

/** Tenant of a call (default: the manager's). */
export interface TenantOption {
  tenantId?: string;
}

const MANAGER_OPTIONS: OptionSpec<CredentialsManagerOptions> = {
  store: true,
  keyProvider: true,
  types: true,
  tenantId: true,
  clock: true,
  generateId: true,
  fetch: true,
  onAudit: true,
  relay: true,
  oauth2States: true,
};
const SHARING: OptionSpec<CredentialSharing> = { workflows: true, tenants: true };
const INPUT: OptionSpec<CredentialInput> = { id: true, name: true, type: true, data: true, sharing: SHARING };
const UPDATE: OptionSpec<CredentialUpdate> = { name: true, data: true, sharing: SHARING };
const TENANT: OptionSpec<TenantOption> = { tenantId: true };
const ROTATE: OptionSpec<TenantOption & { all?: boolean }> = { tenantId: true, all: true };
const AUDIT_QUERY: OptionSpec<CredentialAuditQuery & TenantOption> = { credentialId: true, executionId: true, limit: true, tenantId: true };

/** What a blob holds once decrypted. */
interface Payload {
  data: Record<string, unknown>;
  oauth2?: OAuth2Tokens;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Creates a credentials manager. Engines make one from `createEngine({ keyProvider })` as `engine.credentials`. */
export function createCredentialsManager(options: CredentialsManagerOptions): CredentialsManager {
  return new CredentialsManager(options);
}

/**
 * Creates, reads (masked), updates, deletes, tests and shares credentials,
 * whose data is encrypted per write with the host's key provider; signs
 * requests for running nodes; rotates keys; keeps the audit trail.
 */
export class CredentialsManager {
  /** The credential types this manager accepts. */
  readonly types: CredentialTypeRegistry;
  /** OAuth2: connecting accounts (authorization code) and tokens. */
  readonly oauth2: OAuth2Flows;
  /** Where runs' credential use goes instead of this manager's own keys, when it was made with one. */
  readonly relay: CredentialRelay | undefined;
  readonly #store: CredentialStore;
  readonly #keys: KeyProvider;
  readonly #tenant: string;
  readonly #clock: Clock;
  readonly #generateId: IdGenerator;
  readonly #fetch: FetchFunction;
  readonly #onAudit: ((entry: CredentialAuditEntry) => void) | undefined;
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Per using tenant: credential -> its current secret values, as decrypted for runs in this process. */
  readonly #known = new Map<string, Map<string, readonly string[]>>();

  constructor(options: CredentialsManagerOptions) {
    checkOptions('createCredentialsManager', options, MANAGER_OPTIONS);
    this.#store = options.store;
    this.#keys = options.keyProvider;
    this.#tenant = options.tenantId ?? 'default';
    this.#clock = options.clock ?? systemClock;
    this.#generateId = options.generateId ?? randomId;
    this.#fetch = options.fetch ?? platformFetch;
    this.#onAudit = options.onAudit;
    this.relay = options.relay;
    this.types = new CredentialTypeRegistry([...builtinCredentialTypes, ...(options.types ?? [])]);
    this.oauth2 = new OAuth2Flows({
      clock: this.#clock,
      fetch: this.#fetch,
      tenantId: this.#tenant,
      load: (tenantId, id) => this.#load(tenantId, id),
      saveTokens: (tenantId, id, tokens) => this.#saveTokens(tenantId, id, tokens),
      audit: (entry) => this.#audit(entry),
      view: (tenantId, id) => this.#viewOrThrow(tenantId, id),
      ...(options.oauth2States ? { states: options.oauth2States } : {}),
    });
  }

  /** Saves a new credential. Throws a CredentialValidationError with field errors when the data does not fit its type. */
  async create(input: CredentialInput, options: TenantOption = {}): Promise<CredentialView> {
    checkOptions('engine.credentials.create', input, INPUT);
    checkOptions('engine.credentials.create', options, TENANT);
    const tenantId = options.tenantId ?? this.#tenant;
    const subject = `Credential '${typeof input?.name === 'string' ? input.name : '?'}'`;
    const type = await this.types.load(input?.type);
    if (typeof input.name !== 'string' || input.name.trim() === '') {
      throw new CredentialValidationError(subject, [{ path: ['name'], message: 'is required (a non-empty name)' }]);
    }
    const data = validateCredentialData(type, input.data, subject);
    const id = input.id ?? this.#generateId();
    return this.#locked(tenantId, id, async () => {
      if (await this.#store.get(tenantId, id))
        throw new CredentialError('CREDENTIAL_EXISTS', `A credential with id '${id}' already exists.`, { credentialId: id });
      const now = new Date(this.#clock.now()).toISOString();
      const stored: StoredCredential = {
        id,
        name: input.name.trim(),
        type: type.name,
        blob: await this.#seal(tenantId, id, { data }),
        meta: { sharing: normalizeSharing(input.sharing) },
        createdAt: now,
        updatedAt: now,
      };
      await this.#store.put(tenantId, stored);
      return this.#view(stored, { data });
    });
  }

  /** A credential with its secrets masked, or undefined. */
  async get(id: string, options: TenantOption = {}): Promise<CredentialView | undefined> {
    checkOptions('engine.credentials.get', options, TENANT);
    const tenantId = options.tenantId ?? this.#tenant;
    const stored = await this.#store.get(tenantId, id);
    return stored ? this.#view(stored, await this.#open(tenantId, stored)) : undefined;
  }

  /** Every credential of a tenant, secrets masked. */
  async list(options: TenantOption = {}): Promise<CredentialView[]> {
    checkOptions('engine.credentials.list', options, TENANT);
    const tenantId = options.tenantId ?? this.#tenant;
    const all = await this.#store.list(tenantId);
    return Promise.all(all.map(async (stored) => this.#view(stored, await this.#open(tenantId, stored))));
  }

  /** Changes a credential's name, data or sharing; the data is validated again as a whole. */
  async update(id: string, patch: CredentialUpdate, options: TenantOption = {}): Promise<CredentialView> {
    checkOptions('engine.credentials.update', patch, UPDATE);
    checkOptions('engine.credentials.update', options, TENANT);
    const tenantId = options.tenantId ?? this.#tenant;
    return this.#locked(tenantId, id, async () => {
      const stored = await this.#storedOrThrow(tenantId, id);
      const payload = await this.#open(tenantId, stored);
      const type = await this.types.load(stored.type);
      const name = patch.name === undefined ? stored.name : patch.name;
      if (typeof name !== 'string' || name.trim() === '') {
        throw new CredentialValidationError(`Credential '${stored.name}'`, [{ path: ['name'], message: 'is required (a non-empty name)' }]);
      }
      const next: Payload = { ...payload };
      if (patch.data !== undefined) {
        next.data = validateCredentialData(type, mergeCredentialData(payload.data, patch.data), `Credential '${name}'`);
        // New client settings invalidate tokens obtained with the old ones.
        if (authenticationOf(type, next.data).type === 'oauth2' && oauthSettingsChanged(payload.data, next.data)) delete next.oauth2;
      }
      const updated: StoredCredential = {
        ...stored,
        name: name.trim(),
        blob: await this.#seal(tenantId, id, next),
        meta: { ...stored.meta, ...(patch.sharing !== undefined ? { sharing: normalizeSharing(patch.sharing) } : {}) },
        updatedAt: new Date(this.#clock.now()).toISOString(),
      };
      await this.#store.put(tenantId, updated);
      return this.#view(updated, next);
    });
  }

  /** Sets who may use a credential (see CredentialSharing). */
  async share(id: string, sharing: CredentialSharing, options: TenantOption = {}): Promise<CredentialView> {
    checkOptions('engine.credentials.share', sharing, SHARING);
    checkOptions('engine.credentials.share', options, TENANT);
    return this.update(id, { sharing }, options);
  }

  /** Deletes a credential; false when there was none. */
  async delete(id: string, options: TenantOption = {}): Promise<boolean> {
    checkOptions('engine.credentials.delete', options, TENANT);
    const tenantId = options.tenantId ?? this.#tenant;
    return this.#locked(tenantId, id, () => this.#store.delete(tenantId, id));
  }

  /** Sends the type's test request with the credential; `ok` when the answer is 2xx. Never throws for a failing credential. */
  async test(id: string, options: TenantOption = {}): Promise<CredentialTestResult> {
    checkOptions('engine.credentials.test', options, TENANT);
    const use = { tenantId: options.tenantId ?? this.#tenant };
    const credential = await this.resolve(id, use);
    return testResolved(credential, (url, init) => this.send(credential, url, init, use, { action: 'test' }));
  }

  /**
   * Tests a credential form's data before it is saved (see
   * `testCredentialDraft`): with `id`, as an edit of that credential, whose
   * masked secrets and tokens it keeps.
   */
  testDraft(draft: CredentialDraft, options: TenantOption & { id?: string } = {}): Promise<CredentialTestResult> {
    const { tenantId, ...rest } = options;
    return testCredentialDraft(this, draft, { tenantId: tenantId ?? this.#tenant, ...rest }, this.#fetch);
  }

  /**
   * Checks a webhook call with a credential's `verifyWebhook` (a signature
   * made with its signing secret): resolves with why the call is refused, or
   * undefined when it passes. A credential whose type cannot check calls
   * refuses every call.
   */
  async verifyWebhook(id: string, call: WebhookCall, options: TenantOption = {}): Promise<string | undefined> {
    checkOptions('engine.credentials.verifyWebhook', options, TENANT);
    const use = { tenantId: options.tenantId ?? this.#tenant };
    const credential = await this.resolve(id, use);
    const verify = credential.type.verifyWebhook;
    if (!verify) return `credential type '${credential.type.name}' cannot check webhook calls`;
    const signedFetch = (url: string, init?: RequestInit) => this.send(credential, url, { ...init, redirect: 'error' }, use);
    try {
      return await verify(credential.data as never, call, this.#clock.now(), signedFetch);
    } catch (error) {
      return `the call could not be checked: ${(error as Error)?.message ?? String(error)}`;
    }
  }

  /**
   * Re-encrypts every credential of a tenant that is not yet under the key
   * provider's current key (or every one, with `all`). Runs while the engine
   * serves: old blobs stay readable through a `keyRing` until rewritten, and
   * each credential is rewritten under its own lock.
   */
  async rotateKeys(options: TenantOption & { all?: boolean } = {}): Promise<{ total: number; rotated: number }> {
    checkOptions('engine.credentials.rotateKeys', options, ROTATE);
    const tenantId = options.tenantId ?? this.#tenant;
    const current = providerIdOf((await this.#keys.encryptionKey(tenantId)).ref);
    let rotated = 0;
    const all = await this.#store.list(tenantId);
    for (const { id } of all) {
      const done = await this.#locked(tenantId, id, async () => {
        const stored = await this.#store.get(tenantId, id);
        if (!stored) return false;
        const ref = keyRefOf(stored.blob);
        if (!options.all && ref !== undefined && providerIdOf(ref) === current) return false;
        const payload = await this.#open(tenantId, stored);
        await this.#store.put(tenantId, { ...stored, blob: await this.#seal(tenantId, id, payload) });
        return true;
      });
      if (done) rotated++;
    }
    return { total: all.length, rotated };
  }

  /** The audit trail of a tenant's credentials (empty when the store keeps none). */
  async auditTrail(query: CredentialAuditQuery & TenantOption = {}): Promise<CredentialAuditEntry[]> {
    checkOptions('engine.credentials.auditTrail', query, AUDIT_QUERY);
    const { tenantId = this.#tenant, ...rest } = query;
    return (await this.#store.listAudit?.(tenantId, rest)) ?? [];
  }

  /**
   * Loads and decrypts a credential for use by a run. `reference` is a
   * credential id of the running tenant, or `@<owner tenant>/<id>` for one
   * another tenant shares. Checks sharing. For the engine's use: the result
   * holds secrets and must not leave it.
   */
  async resolve(reference: string, use: CredentialUse): Promise<ResolvedCredential> {
    const { ownerTenantId, id } = parseReference(reference, use.tenantId);
    const stored = await this.#store.get(ownerTenantId, id);
    if (!stored) throw new CredentialError('CREDENTIAL_NOT_FOUND', `credential '${reference}' not found`, { credentialId: id });
    const sharing = (stored.meta.sharing ?? {}) as CredentialSharing;
    if (ownerTenantId !== use.tenantId && !sharing.tenants?.includes(use.tenantId) && !sharing.tenants?.includes('*')) {
      throw new CredentialError('CREDENTIAL_NOT_SHARED', `credential '${reference}' is not shared with tenant '${use.tenantId}'`, {
        credentialId: id,
      });
    }
    if (sharing.workflows && use.workflowId !== undefined && !sharing.workflows.includes(use.workflowId)) {
      throw new CredentialError('CREDENTIAL_NOT_SHARED', `credential '${stored.name}' is not shared with workflow '${use.workflowId}'`, {
        credentialId: id,
      });
    }
    const type = await this.types.load(stored.type);
    const payload = await this.#open(ownerTenantId, stored);
    return { id, ownerTenantId, name: stored.name, type, data: payload.data, tokens: payload.oauth2 };
  }

  /** Sends a request signed with a resolved credential (see `sendWithCredential`), recording each use. */
  send(
    credential: ResolvedCredential,
    input: string | URL,
    init: RequestInit | undefined,
    use: CredentialUse,
    options: { action?: 'request' | 'test'; signal?: AbortSignal; fetch?: FetchFunction } = {},
  ): Promise<Response> {
    return sendWithCredential(credential, input, init, {
      fetch: options.fetch ?? this.#fetch,
      signal: options.signal,
      accessToken: (c, force) => this.oauth2.accessToken(c, force, use, options.signal),
      audit: (url) => this.#audit(auditEntry(credential, use, options.action ?? 'request', url.host, this.#clock.now())),
    });
  }

  /**
   * The fields of a resolved credential, for a node that connects with them
   * itself over another protocol than HTTP (`ctx.credentialData`). Only a
   * type that says so (`readableByNodes`) hands them out; the use is
   * recorded in the audit trail (`read`). For the engine's use: the result
   * holds secrets.
   */
  async readFields(credential: ResolvedCredential, use: CredentialUse): Promise<Record<string, unknown>> {
    if (!credential.type.readableByNodes) {
      throw new CredentialError(
        'CREDENTIAL_NOT_READABLE',
        `credential '${credential.name}' is a '${credential.type.name}' credential, whose fields are never handed to a node: nodes use it only to sign requests (ctx.authenticatedFetch)`,
        { credentialId: credential.id },
      );
    }
    await this.#audit(auditEntry(credential, use, 'read', undefined, this.#clock.now()));
    return structuredClone(credential.data) as Record<string, unknown>;
  }

  /**
   * The secret values of every credential this process has decrypted for a
   * tenant's runs. Each run's redactor starts with them, so a secret that
   * one run put into data (and handed to a sub-workflow, or left in a
   * variable) is redacted in the next run's records too.
   */
  knownSecrets(tenantId: string): string[] {
    return [...(this.#known.get(tenantId)?.values() ?? [])].flat();
  }

  /** Records a credential's current secret values for `knownSecrets` (replacing older tokens). */
  rememberSecrets(tenantId: string, credential: ResolvedCredential, values: readonly string[]): void {
    let perTenant = this.#known.get(tenantId);
    if (!perTenant) this.#known.set(tenantId, (perTenant = new Map()));
    perTenant.set(`${credential.ownerTenantId}\u0000${credential.id}`, values);
  }

  async #audit(entry: CredentialAuditEntry): Promise<void> {
    await this.#store.appendAudit?.(entry.tenantId, entry);
    this.#onAudit?.(entry);
  }

  async #seal(tenantId: string, id: string, payload: Payload): Promise<string> {
    return sealBlob(encoder.encode(JSON.stringify(payload)), this.#keys, { tenantId, credentialId: id });
  }

  async #open(tenantId: string, stored: StoredCredential): Promise<Payload> {
    const bytes = await openBlob(stored.blob, this.#keys, { tenantId, credentialId: stored.id });
    return JSON.parse(decoder.decode(bytes)) as Payload;
  }

  async #load(tenantId: string, id: string): Promise<{ stored: StoredCredential; payload: Payload; type: CredentialType }> {
    const stored = await this.#storedOrThrow(tenantId, id);
    return { stored, payload: await this.#open(tenantId, stored), type: await this.types.load(stored.type) };
  }

  #saveTokens(tenantId: string, id: string, tokens: OAuth2Tokens | undefined): Promise<void> {
    return this.#locked(tenantId, id, async () => {
      const stored = await this.#storedOrThrow(tenantId, id);
      const payload = await this.#open(tenantId, stored);
      if (tokens) payload.oauth2 = tokens;
      else delete payload.oauth2;
      await this.#store.put(tenantId, { ...stored, blob: await this.#seal(tenantId, id, payload) });
    });
  }

  async #storedOrThrow(tenantId: string, id: string): Promise<StoredCredential> {
    const stored = await this.#store.get(tenantId, id);
    if (!stored) throw new CredentialError('CREDENTIAL_NOT_FOUND', `credential '${id}' not found`, { credentialId: id });
    return stored;
  }

  async #viewOrThrow(tenantId: string, id: string): Promise<CredentialView> {
    const stored = await this.#storedOrThrow(tenantId, id);
    return this.#view(stored, await this.#open(tenantId, stored));
  }

  async #view(stored: StoredCredential, payload: Payload): Promise<CredentialView> {
    const type = await this.types.load(stored.type);
    const view: CredentialView = {
      id: stored.id,
      name: stored.name,
      type: stored.type,
      data: maskCredentialData(type, payload.data),
      sharing: structuredClone((stored.meta.sharing ?? {}) as CredentialSharing),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
    if (authenticationOf(type, payload.data).type === 'oauth2') {
      const t = payload.oauth2;
      view.oauth2 = { connected: t !== undefined };
      if (t?.expiresAt !== undefined) view.oauth2.expiresAt = new Date(t.expiresAt).toISOString();
      if (t?.scope !== undefined) view.oauth2.scope = t.scope;
    }
    return view;
  }

  /** Runs `fn` after every earlier locked call for the same credential has settled. */
  #locked<T>(tenantId: string, id: string, fn: () => Promise<T>): Promise<T> {
    const key = `${tenantId}\u0000${id}`;
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.#locks.set(key, settled);
    // `settled` never rejects: dropping the lock once it is the last one needs no error handling.
    void settled.then(() => {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    });
    return next;
  }
}

function oauthSettingsChanged(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  for (const k of ['authorizationUrl', 'tokenUrl', 'clientId', 'clientSecret', 'scope', 'grantType'])
    if (before[k] !== after[k]) return true;
  return false;
}
