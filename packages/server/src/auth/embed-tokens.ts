import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ApiError } from '../errors/api.error.js';

/**
 * How the host signs embed tokens. Give `secret` (HMAC, HS256 by default) or
 * `jwksUrl` (the host's public keys; RS256, ES256 and EdDSA by default).
 */
export interface EmbedTokenOptions {
  secret?: string | Uint8Array;
  jwksUrl?: string | URL;
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must carry: this server's name for itself. */
  audience: string;
  /** Accepted `alg` values (never `none`). */
  algorithms?: string[];
  /** Leeway for `exp`, `nbf` and `iat` between the host's clock and this one (default 30 s). */
  clockToleranceSeconds?: number;
  /** The longest life a token may have, `exp - iat` (default 3,600 s): embed tokens are short-lived. */
  maxLifetimeSeconds?: number;
  /** Claim names of the tenant and the role (default `tenant` and `role`); the user is `sub`. */
  claims?: { tenant?: string; role?: string };
}

/** What a verified embed token says. */
export interface EmbedClaims {
  tenantId: string;
  userId: string;
  role: string;
}

/** Turns a token into its claims, or throws a 401 `ApiError` saying why it was refused. */
export type EmbedTokenVerifier = (token: string, now: number) => Promise<EmbedClaims>;

const TENANT = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the verifier `createServer` uses for `auth.embedTokens`. */
export function embedTokenVerifier(options: EmbedTokenOptions): EmbedTokenVerifier {
  if ((options.secret === undefined) === (options.jwksUrl === undefined)) {
    throw new TypeError('createServer: auth.embedTokens needs exactly one of secret or jwksUrl.');
  }
  if (!options.issuer || !options.audience) throw new TypeError('createServer: auth.embedTokens needs issuer and audience.');
  const key =
    options.secret !== undefined
      ? typeof options.secret === 'string'
        ? new TextEncoder().encode(options.secret)
        : options.secret
      : createRemoteJWKSet(new URL(options.jwksUrl!));
  const algorithms = options.algorithms ?? (options.secret !== undefined ? ['HS256'] : ['RS256', 'ES256', 'EdDSA']);
  if (algorithms.some((a) => a.toLowerCase() === 'none'))
    throw new TypeError("createServer: auth.embedTokens.algorithms must not include 'none'.");
  const tolerance = options.clockToleranceSeconds ?? 30;
  const maxLifetime = options.maxLifetimeSeconds ?? 3600;
  const tenantClaim = options.claims?.tenant ?? 'tenant';
  const roleClaim = options.claims?.role ?? 'role';

  return async (token, now) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance: tolerance,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw refused(reasonOf(error), error);
    }
    const { exp = 0, iat = 0, sub = '' } = payload;
    if (exp - iat > maxLifetime) {
      throw refused(`it lives ${exp - iat} s (exp - iat), longer than the ${maxLifetime} s this server accepts; sign shorter-lived tokens`);
    }
    const tenant = payload[tenantClaim];
    if (typeof tenant !== 'string' || !TENANT.test(tenant)) {
      throw refused(`its '${tenantClaim}' claim must be a tenant id (1 to 64 letters, digits, '.', '_' or '-')`);
    }
    const role = payload[roleClaim];
    if (typeof role !== 'string' || role === '') throw refused(`its '${roleClaim}' claim must name a role`);
    return { tenantId: tenant, userId: sub, role };
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `its '${error.claim}' claim is not accepted (${error.reason})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'it is signed with an algorithm this server does not accept';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the host's key set matches it";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'it is not a well-formed signed JWT';
  if (error instanceof errors.JOSEError) return `it could not be verified (${error.code})`;
  return 'it could not be verified';
}

function refused(reason: string, cause?: unknown): ApiError {
  return new ApiError(401, 'TOKEN_INVALID', `The embed token was refused: ${reason}.`, {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    cause,
  });
}

/** What `signEmbedToken` takes. */
export interface SignEmbedTokenInput {
  secret: string | Uint8Array;
  issuer: string;
  audience: string;
  tenantId: string;
  userId: string;
  role: string;
  /** Lifetime in seconds (default 600). */
  expiresInSeconds?: number;
  /** The signing time in ms (default now). */
  now?: number;
}

/**
 * Signs an embed token with a shared secret (HS256), as a host's back end
 * does before handing the page a token for its user.
 *
 * @example
 * const token = await signEmbedToken({ secret, issuer: 'https://app.example.com', audience: 'flowloom',
 *   tenantId: 'acme', userId: 'u-42', role: 'editor' });
 */
export async function signEmbedToken(input: SignEmbedTokenInput): Promise<string> {
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const secret = typeof input.secret === 'string' ? new TextEncoder().encode(input.secret) : input.secret;
  return new SignJWT({ tenant: input.tenantId, role: input.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(input.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.expiresInSeconds ?? 600))
    .sign(secret);
}
