import { checkOptions } from '../../options/check-options.js';
import type { Clock } from '../../ports/clock.js';
import type { CredentialAuditEntry, StoredCredential } from '../../storage/credential-store.js';
import { auditEntry, type CredentialUse } from '../credential-audit.js';
import { authenticationOf, type CredentialType } from '../credential-type.js';
import { CredentialError } from '../credential.error.js';
import type { CredentialView } from '../credential-view.js';
import type { FetchFunction } from '../fetch-function.js';
import type { ResolvedCredential } from '../resolved-credential.js';
import { buildAuthorizationUrl, createPkcePair, createState, requestTokens, TokenRequestError } from './oauth2-client.js';
import type { OAuth2Config, OAuth2Tokens } from './oauth2-config.js';
import { createMemoryOAuth2StateStore, type OAuth2StateStore } from './oauth2-state-store.js';

/** Access tokens are refreshed this long before they expire. */
export const REFRESH_MARGIN_MS = 60_000;
/** How long a started authorization waits for its callback. */
export const AUTHORIZATION_TTL_MS = 10 * 60_000;

/** What the OAuth2 flows need from the manager. */
export interface OAuth2FlowDeps {
  clock: Clock;
  fetch: FetchFunction;
  tenantId: string;
  load(
    tenantId: string,
    id: string,
  ): Promise<{ stored: StoredCredential; payload: { data: Record<string, unknown>; oauth2?: OAuth2Tokens }; type: CredentialType }>;
  saveTokens(tenantId: string, id: string, tokens: OAuth2Tokens | undefined): Promise<void>;
  audit(entry: CredentialAuditEntry): Promise<void>;
  view(tenantId: string, id: string): Promise<CredentialView>;
  /** Where started connections wait for their callback (default: memory). */
  states?: OAuth2StateStore;
}

/** What the provider sent back to the redirect URL. */
export interface OAuth2Callback {
  state: string;
  code?: string;
  /** Set when the user refused or the provider failed (`access_denied`...). */
  error?: string;
  errorDescription?: string;
}

/**
 * OAuth2 for credentials: connecting an account with the authorization code
 * flow (PKCE + state), client credentials, and keeping access tokens fresh
 * (refreshed before expiry and after a 401, once at a time per credential).
 */
export class OAuth2Flows {
  readonly #deps: OAuth2FlowDeps;
  readonly #pending: OAuth2StateStore;
  readonly #inflight = new Map<string, Promise<OAuth2Tokens>>();

  constructor(deps: OAuth2FlowDeps) {
    this.#deps = deps;
    this.#pending = deps.states ?? createMemoryOAuth2StateStore();
  }

  /**
   * Starts connecting an account: returns the provider URL to open (popup or
   * redirect) and the `state` that the callback must bring back. `redirectUri`
   * is the host's callback URL, registered with the provider.
   */
  async startAuthorization(
    credentialId: string,
    options: { redirectUri: string; tenantId?: string },
  ): Promise<{ url: string; state: string }> {
    checkOptions('engine.credentials.oauth2.startAuthorization', options, { redirectUri: true, tenantId: true });
    const tenantId = options.tenantId ?? this.#deps.tenantId;
    const { stored, payload, type } = await this.#deps.load(tenantId, credentialId);
    const config = oauthConfig(type, payload.data, stored.name);
    if (config.grantType !== 'authorizationCode') {
      throw new CredentialError(
        'OAUTH2_FAILED',
        `Credential '${stored.name}' uses the client credentials grant; it needs no account connection.`,
        { credentialId },
      );
    }
    const state = createState();
    const pkce = config.pkce === false ? undefined : await createPkcePair();
    const now = this.#deps.clock.now();
    const pending = {
      tenantId,
      credentialId,
      verifier: pkce?.verifier,
      redirectUri: options.redirectUri,
      expiresAt: now + AUTHORIZATION_TTL_MS,
    };
    await this.#pending.put(state, pending, now);
    return { url: buildAuthorizationUrl(config, { redirectUri: options.redirectUri, state, codeChallenge: pkce?.challenge }), state };
  }

  /**
   * Finishes connecting an account with what the provider sent to the
   * redirect URL (the callback's full URL, or its parsed parameters): checks
   * `state`, exchanges the code for tokens and stores them encrypted.
   */
  async completeAuthorization(callback: string | OAuth2Callback): Promise<CredentialView> {
    const params = typeof callback === 'string' ? parseCallbackUrl(callback) : callback;
    // Taken in one step, so a callback replayed (or raced to another process) is refused.
    const pending =
      typeof params.state === 'string' && params.state !== '' ? await this.#pending.take(params.state, this.#deps.clock.now()) : undefined;
    if (!pending) {
      throw new CredentialError(
        'OAUTH2_STATE_INVALID',
        'This OAuth2 callback does not match a connection in progress (unknown or expired state). Start connecting the account again.',
      );
    }
    const { tenantId, credentialId } = pending;
    if (params.error) {
      throw new CredentialError(
        'OAUTH2_FAILED',
        `The provider did not grant access (${params.error}${params.errorDescription ? `: ${params.errorDescription}` : ''}).`,
        { credentialId },
      );
    }
    if (!params.code) throw new CredentialError('OAUTH2_FAILED', 'The OAuth2 callback carries no authorization code.', { credentialId });
    const { stored, payload, type } = await this.#deps.load(tenantId, credentialId);
    const config = oauthConfig(type, payload.data, stored.name);
    const grant: Record<string, string> = { grant_type: 'authorization_code', code: params.code, redirect_uri: pending.redirectUri };
    if (pending.verifier) grant.code_verifier = pending.verifier;
    let tokens: OAuth2Tokens;
    try {
      tokens = await requestTokens(this.#deps.fetch, config, grant, this.#deps.clock.now());
    } catch (error) {
      throw connectFailed(error, stored.name, credentialId);
    }
    await this.#deps.saveTokens(tenantId, credentialId, tokens);
    await this.#deps.audit(
      auditEntry(
        { id: credentialId, ownerTenantId: tenantId },
        { tenantId },
        'token',
        new URL(config.tokenUrl).host,
        this.#deps.clock.now(),
      ),
    );
    return this.#deps.view(tenantId, credentialId);
  }

  /**
   * Connects an account with tokens obtained elsewhere (moved from another
   * system, or given to one command-line run): stores them encrypted, as a
   * completed authorization would. The access token is refreshed with the
   * refresh token when it expires, as usual.
   */
  async importTokens(credentialId: string, tokens: OAuth2Tokens, options: { tenantId?: string } = {}): Promise<CredentialView> {
    checkOptions('engine.credentials.oauth2.importTokens', options, { tenantId: true });
    const problems: string[] = [];
    if (typeof tokens !== 'object' || tokens === null) problems.push('tokens must be an object');
    else {
      if (typeof tokens.accessToken !== 'string' || tokens.accessToken === '') problems.push('accessToken must be a non-empty string');
      if (tokens.refreshToken !== undefined && typeof tokens.refreshToken !== 'string') problems.push('refreshToken must be a string');
      if (tokens.expiresAt !== undefined && !Number.isFinite(tokens.expiresAt)) problems.push('expiresAt must be epoch milliseconds');
      if (tokens.scope !== undefined && typeof tokens.scope !== 'string') problems.push('scope must be a string');
      if (tokens.tokenType !== undefined && typeof tokens.tokenType !== 'string') problems.push('tokenType must be a string');
      if (
        tokens.extra !== undefined &&
        (typeof tokens.extra !== 'object' || tokens.extra === null || Object.values(tokens.extra).some((v) => typeof v !== 'string'))
      ) {
        problems.push('extra must be an object of text fields');
      }
      const known = new Set(['accessToken', 'tokenType', 'refreshToken', 'expiresAt', 'scope', 'extra']);
      for (const key of Object.keys(tokens)) if (!known.has(key)) problems.push(`unknown field '${key}'`);
    }
    if (problems.length > 0) {
      throw new CredentialError('OAUTH2_FAILED', `The tokens for credential '${credentialId}' are not valid: ${problems.join('; ')}.`, {
        credentialId,
      });
    }
    const tenantId = options.tenantId ?? this.#deps.tenantId;
    const { stored, payload, type } = await this.#deps.load(tenantId, credentialId);
    oauthConfig(type, payload.data, stored.name);
    await this.#deps.saveTokens(tenantId, credentialId, { ...tokens, tokenType: tokens.tokenType ?? 'Bearer' });
    return this.#deps.view(tenantId, credentialId);
  }

  /** Forgets a credential's tokens; it must be connected again. */
  async disconnect(credentialId: string, options: { tenantId?: string } = {}): Promise<void> {
    checkOptions('engine.credentials.oauth2.disconnect', options, { tenantId: true });
    await this.#deps.saveTokens(options.tenantId ?? this.#deps.tenantId, credentialId, undefined);
  }

  /**
   * A valid access token for a resolved OAuth2 credential: the stored one
   * while it has more than a minute left, else a new one (client credentials)
   * or a refreshed one. `force` refreshes regardless (after a 401).
   */
  async accessToken(credential: ResolvedCredential, force: boolean, use: CredentialUse, signal?: AbortSignal): Promise<string> {
    const current = credential.tokens;
    const now = this.#deps.clock.now();
    if (!force && current && (current.expiresAt === undefined || current.expiresAt - now > REFRESH_MARGIN_MS)) return current.accessToken;
    const key = `${credential.ownerTenantId}\u0000${credential.id}`;
    let flight = this.#inflight.get(key);
    if (!flight) {
      flight = this.#obtain(credential, use, signal).finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, flight);
    }
    credential.tokens = await flight;
    return credential.tokens.accessToken;
  }

  async #obtain(credential: ResolvedCredential, use: CredentialUse, signal?: AbortSignal): Promise<OAuth2Tokens> {
    const config = oauthConfig(credential.type, credential.data as Record<string, unknown>, credential.name);
    const now = this.#deps.clock.now();
    let tokens: OAuth2Tokens;
    if (config.grantType === 'clientCredentials') {
      const grant: Record<string, string> = { grant_type: 'client_credentials' };
      if (config.scope) grant.scope = config.scope;
      try {
        tokens = await requestTokens(this.#deps.fetch, config, grant, now, signal);
      } catch (error) {
        throw connectFailed(error, credential.name, credential.id);
      }
    } else {
      // The stored tokens may be newer than this run's copy (another run refreshed them).
      const { payload } = await this.#deps.load(credential.ownerTenantId, credential.id);
      const stored = payload.oauth2;
      if (!stored) throw reconnect(credential, 'no account is connected yet');
      if (
        stored.accessToken !== credential.tokens?.accessToken &&
        (stored.expiresAt === undefined || stored.expiresAt - now > REFRESH_MARGIN_MS)
      ) {
        return stored;
      }
      if (!stored.refreshToken) throw reconnect(credential, 'the access token expired and the provider gave no refresh token');
      try {
        tokens = await requestTokens(
          this.#deps.fetch,
          config,
          { grant_type: 'refresh_token', refresh_token: stored.refreshToken },
          now,
          signal,
        );
      } catch (error) {
        if (error instanceof TokenRequestError && (error.info.error === 'invalid_grant' || error.info.status === 401)) {
          throw reconnect(
            credential,
            `the provider no longer accepts its refresh token (${error.info.error ?? `HTTP ${error.info.status}`})`,
            error,
          );
        }
        throw connectFailed(error, credential.name, credential.id);
      }
      // Providers that do not rotate refresh tokens send none back: keep the old one.
      tokens.refreshToken ??= stored.refreshToken;
      // And where the account lives, unless the refresh names it anew.
      if (stored.extra) tokens.extra = { ...stored.extra, ...tokens.extra };
    }
    await this.#deps.saveTokens(credential.ownerTenantId, credential.id, tokens);
    await this.#deps.audit(auditEntry(credential, use, 'token', new URL(config.tokenUrl).host, this.#deps.clock.now()));
    return tokens;
  }
}

function oauthConfig(type: CredentialType, data: Record<string, unknown>, name: string): OAuth2Config {
  const auth = authenticationOf(type, data);
  if (auth.type !== 'oauth2') throw new CredentialError('OAUTH2_FAILED', `Credential '${name}' is not an OAuth2 credential.`);
  return auth.config;
}

function reconnect(credential: ResolvedCredential, why: string, cause?: unknown): CredentialError {
  return new CredentialError(
    'OAUTH2_RECONNECT_REQUIRED',
    `Credential '${credential.name}': ${why}. Reconnect this account: open the credential and connect it again.`,
    { credentialId: credential.id, cause },
  );
}

function connectFailed(error: unknown, name: string, credentialId: string): CredentialError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CredentialError('OAUTH2_FAILED', `Credential '${name}' could not get an OAuth2 token: ${reason}.`, {
    credentialId,
    cause: error,
  });
}

function parseCallbackUrl(text: string): OAuth2Callback {
  const q = new URL(text).searchParams;
  const out: OAuth2Callback = { state: q.get('state') ?? '' };
  const code = q.get('code');
  const error = q.get('error');
  const description = q.get('error_description');
  if (code !== null) out.code = code;
  if (error !== null) out.error = error;
  if (description !== null) out.errorDescription = description;
  return out;
}
