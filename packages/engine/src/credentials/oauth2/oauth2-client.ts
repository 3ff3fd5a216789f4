import { basicAuthorization, toBase64Url } from '../base64url.js';
import { CredentialError } from '../credential.error.js';
import type { FetchFunction } from '../fetch-function.js';
import type { OAuth2Config, OAuth2Tokens } from './oauth2-config.js';

const encoder = new TextEncoder();

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export async function createPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return { verifier, challenge: toBase64Url(sha256(encoder.encode(verifier))) };
}

/** A random `state` value for the authorization request. */
export function createState(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
}

/** The provider URL a user is sent to to grant access. */
export function buildAuthorizationUrl(
  config: OAuth2Config,
  params: { redirectUri: string; state: string; codeChallenge?: string | undefined },
): string {
  if (!config.authorizationUrl) {
    throw new CredentialError('OAUTH2_CONFIG_INVALID', 'This OAuth2 credential has no authorization URL; set one to connect an account.');
  }
  const url = new URL(config.authorizationUrl);
  const q = url.searchParams;
  q.set('response_type', 'code');
  q.set('client_id', config.clientId);
  q.set('redirect_uri', params.redirectUri);
  q.set('state', params.state);
  if (config.scope) q.set('scope', config.scope);
  if (params.codeChallenge) {
    q.set('code_challenge', params.codeChallenge);
    q.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(config.authorizationParams ?? {})) q.set(k, v);
  return url.href;
}

/** Why a token request failed, as the provider said (`error`, `error_description`). */
export interface TokenErrorInfo {
  status: number;
  error?: string;
  description?: string;
}

/**
 * Posts a grant to the token endpoint and returns the tokens. Throws a
 * CredentialError `OAUTH2_FAILED` with `details` describing the provider's
 * answer; callers turn `invalid_grant` into a "reconnect" error.
 */
export async function requestTokens(
  fetchFn: FetchFunction,
  config: OAuth2Config,
  grant: Record<string, string>,
  now: number,
  signal?: AbortSignal,
): Promise<OAuth2Tokens> {
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (config.clientSecret !== undefined && config.clientAuthentication !== 'body') {
    headers.authorization = basicAuthorization(encodeURIComponent(config.clientId), encodeURIComponent(config.clientSecret));
  } else {
    form.set('client_id', config.clientId);
    if (config.clientSecret !== undefined) form.set('client_secret', config.clientSecret);
  }
  let response: Response;
  try {
    response = await fetchFn(config.tokenUrl, {
      method: 'POST',
      headers,
      body: form.toString(),
      redirect: 'error',
      signal: signal ?? null,
    });
  } catch (cause) {
    throw new TokenRequestError(
      `the token endpoint ${new URL(config.tokenUrl).host} could not be reached (${(cause as Error)?.message ?? cause})`,
      { status: 0 },
      cause,
    );
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Some providers answer errors in plain text; handled below.
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const info: TokenErrorInfo = { status: response.status };
    if (typeof body.error === 'string') info.error = body.error;
    if (typeof body.error_description === 'string') info.description = body.error_description;
    const said = info.error ? `${info.error}${info.description ? `: ${info.description}` : ''}` : `HTTP ${response.status}`;
    throw new TokenRequestError(`the token endpoint refused the request (${said})`, info);
  }
  const tokens: OAuth2Tokens = {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
  };
  if (typeof body.refresh_token === 'string') tokens.refreshToken = body.refresh_token;
  const expiresIn = Number(body.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) tokens.expiresAt = now + expiresIn * 1000;
  if (typeof body.scope === 'string') tokens.scope = body.scope;
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && !STANDARD_FIELDS.has(key) && value.length <= 2048) extra[key] = value;
  }
  if (Object.keys(extra).length > 0) tokens.extra = extra;
  return tokens;
}

/** Token answer fields kept as such, or never kept (an ID token is a credential of its own). */
const STANDARD_FIELDS = new Set(['access_token', 'token_type', 'refresh_token', 'expires_in', 'scope', 'id_token', 'signature']);

/** A token endpoint call failed; `info` says how. */
export class TokenRequestError extends CredentialError {
  static override readonly kind: string = 'TokenRequestError';
  readonly info: TokenErrorInfo;

  constructor(reason: string, info: TokenErrorInfo, cause?: unknown) {
    super('OAUTH2_FAILED', reason, { cause });
    this.name = 'TokenRequestError';
    this.info = info;
  }
}
