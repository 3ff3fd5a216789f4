import {
  CredentialError,
  CredentialValidationError,
  openOAuth2Popup,
  REDACTED,
  type CredentialInput,
  type CredentialsManager,
  type CredentialUpdate,
  type CredentialView,
  type Engine,
  type OAuth2PopupOptions,
} from '@flowloom/engine';
import type { CredentialAdmin, CredentialCheck, CredentialDraft, WorkflowCredentialUse } from './credential-admin.js';
import type { CredentialTypeForm } from './credential-source.js';

/** A credential as the engine holds it while it signs a request. */
type Resolved = Awaited<ReturnType<CredentialsManager['resolve']>>;

/** What `EngineCredentialSource` takes besides the engine. */
export interface EngineCredentialSourceOptions {
  /** Where the OAuth2 provider sends the user back: a page of this origin, registered with the provider. */
  redirectUri: () => string;
  /** The tenant to work in (default: the engine's own; give it when the engine's is not `'default'`, for tests and used-by). */
  tenantId?: string;
}

const POPUP_FEATURES = 'popup,width=520,height=680';

/**
 * The credentials of an engine running in the page (`engine.credentials`),
 * for the node inspector and the "Connected accounts" panel. Secrets go into
 * the engine and stay there: lists and forms get masked views, and tests and
 * OAuth2 connections run inside the engine's credentials manager.
 */
export class EngineCredentialSource implements CredentialAdmin {
  readonly tracksUse = true;
  #revision = 0;
  readonly #engine: Engine;
  /** Calls that take a tenant name it only when one was given: the manager's default is the engine's. */
  readonly #tenant: { tenantId?: string };
  /** Where a call must name a tenant (resolving a credential, the workflow store). */
  readonly #tenantId: string;
  readonly #redirectUri: () => string;

  constructor(engine: Engine, options: EngineCredentialSourceOptions) {
    this.#engine = engine;
    this.#tenant = options.tenantId ? { tenantId: options.tenantId } : {};
    this.#tenantId = options.tenantId ?? 'default';
    this.#redirectUri = options.redirectUri;
  }

  get revision(): number {
    return this.#revision;
  }

  get #credentials(): CredentialsManager {
    return this.#engine.credentials;
  }

  list(): Promise<readonly CredentialView[]> {
    return this.#credentials.list(this.#tenant);
  }

  async types(): Promise<readonly CredentialTypeForm[]> {
    const registry = this.#credentials.types;
    // Types that load on first use are loaded here: a form needs every field.
    const loaded = await Promise.all(registry.list().map((t) => registry.load(t.name)));
    return loaded.map((t) => ({
      name: t.name,
      displayName: t.displayName,
      ...(t.description ? { description: t.description } : {}),
      properties: t.properties.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      testable: t.test !== undefined,
      signsRequests: t.readableByNodes !== true,
    }));
  }

  async create(input: CredentialInput): Promise<CredentialView> {
    const created = await this.#credentials.create(input, this.#tenant).catch(withFieldPaths);
    this.#revision++;
    return created;
  }

  async update(id: string, patch: CredentialUpdate): Promise<CredentialView> {
    const updated = await this.#credentials.update(id, patch, this.#tenant).catch(withFieldPaths);
    this.#revision++;
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.#credentials.delete(id, this.#tenant);
    this.#revision++;
  }

  async test(id: string): Promise<CredentialCheck> {
    return this.#check(await this.#credentials.resolve(id, { tenantId: this.#tenantId }));
  }

  readonly testDraft = async (draft: CredentialDraft, id?: string): Promise<CredentialCheck> => {
    const credentials = this.#credentials;
    const type = await credentials.types.load(draft.type);
    const saved = id === undefined ? undefined : await credentials.resolve(id, { tenantId: this.#tenantId });
    // Secret fields left blank (or masked) in an edited form keep their saved values, as `update` would.
    const data: Record<string, unknown> = { ...draft.data };
    for (const field of type.secretFields) {
      if ((data[field] === undefined || data[field] === REDACTED) && saved?.data[field] !== undefined) data[field] = saved.data[field];
    }
    const parsed = type.properties.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      throw withFieldPaths(new CredentialValidationError(`Credential '${draft.name || draft.type}'`, issues));
    }
    const auth = typeof type.authenticate === 'function' ? type.authenticate(parsed.data) : type.authenticate;
    // Tokens belong to a saved credential: an OAuth2 client gets one once it is saved (and connected).
    if (auth.type === 'oauth2' && !saved?.tokens) return { ok: false, connectFirst: true, message: 'Save the credential first.' };
    return this.#check({
      id: saved?.id ?? 'unsaved',
      ownerTenantId: this.#tenantId,
      name: draft.name || type.displayName,
      type,
      data: parsed.data as Record<string, unknown>,
      tokens: saved?.tokens,
    });
  };

  /** Sends the type's test request, signed by the engine's credentials manager (its network policy, token refresh and audit). */
  async #check(credential: Resolved): Promise<CredentialCheck> {
    const test = credential.type.test;
    if (!test) return { ok: false, message: `Credential type '${credential.type.displayName}' has no test.` };
    try {
      const request = test(credential.data as never);
      const response = await this.#credentials.send(
        credential,
        request.url,
        { method: request.method ?? 'GET', headers: request.headers ?? {}, body: request.body ?? null },
        { tenantId: this.#tenantId },
        { action: 'test' },
      );
      const text = await response.text().catch(() => '');
      const problem = response.ok && request.verify ? request.verify({ status: response.status, body: parsedBody(text) }) : undefined;
      if (problem !== undefined) return { ok: false, status: response.status, message: problem };
      if (response.ok) return { ok: true, status: response.status, message: `The service accepted it (HTTP ${response.status}).` };
      return {
        ok: false,
        status: response.status,
        message: `The service refused it with HTTP ${`${response.status} ${response.statusText}`.trim()}.`,
      };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        ...(code === 'OAUTH2_RECONNECT_REQUIRED' ? { reconnect: true } : {}),
      };
    }
  }

  connect(credentialId: string): Promise<CredentialView> {
    // Opened in the click itself, before anything is awaited (popup blockers allow that only);
    // it is sent to the provider once the engine has made the authorization URL.
    const popup = window.open('', 'flowloom-oauth2', POPUP_FEATURES);
    if (!popup) {
      return Promise.reject(
        new CredentialError('OAUTH2_FAILED', 'The sign-in window was blocked. Allow popups for this page and try again.'),
      );
    }
    const redirectUri = this.#redirectUri();
    const oauth2 = this.#credentials.oauth2;
    return (async () => {
      let url: string;
      try {
        ({ url } = await oauth2.startAuthorization(credentialId, { redirectUri, ...this.#tenant }));
      } catch (error) {
        popup.close();
        throw error;
      }
      const host: NonNullable<OAuth2PopupOptions['window']> = {
        open: (target) => {
          popup.location.href = target;
          return popup;
        },
        addEventListener: (type, listener) => window.addEventListener(type, listener as (e: MessageEvent) => void),
        removeEventListener: (type, listener) => window.removeEventListener(type, listener as (e: MessageEvent) => void),
        location: window.location,
      };
      // The helper reads the callback's address once the provider has sent the popup back, then closes it.
      const callback = await openOAuth2Popup({ url, redirectUri, window: host });
      const connected = await oauth2.completeAuthorization(callback);
      this.#revision++;
      return connected;
    })();
  }

  async lastUsed(id: string): Promise<string | undefined> {
    const [latest] = await this.#credentials.auditTrail({ credentialId: id, limit: 1, ...this.#tenant });
    return latest?.at;
  }

  /** The latest token fetch of the trail when there was one before it (the connection's own): a refresh, or a reconnection. */
  async lastRefreshed(id: string): Promise<string | undefined> {
    const tokens = (await this.#credentials.auditTrail({ credentialId: id, ...this.#tenant })).filter((e) => e.action === 'token');
    return tokens.length > 1 ? tokens.at(-1)?.at : undefined;
  }

  async workflows(): Promise<readonly WorkflowCredentialUse[]> {
    const store = this.#engine.storage.workflows;
    const summaries = await store.list(this.#tenantId);
    const documents = await Promise.all(summaries.map((s) => store.get(this.#tenantId, s.id)));
    return documents.flatMap((w) => (w ? [{ id: w.id, name: w.name, nodes: w.nodes }] : []));
  }
}

/** Field refusals named as the REST API names them (`data.key`), which the forms place under their fields. */
function withFieldPaths(error: unknown): never {
  if (!(error instanceof CredentialValidationError)) throw error;
  const issues = error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
  throw Object.assign(new CredentialError(error.code, error.message), { issues });
}

/** A test answer's body: its JSON, or its text when it is not JSON. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
