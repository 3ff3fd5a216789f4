import { ApiError } from '../errors/api.error.js';
import { API_KEY_PREFIX, type ApiKeys } from './api-keys.js';
import { embedTokenVerifier, type EmbedTokenOptions } from './embed-tokens.js';
import { permissionsOf, type Principal, type RoleTable } from './permissions.js';

/** How callers prove who they are. Give either or both. */
export interface AuthOptions {
  /** API keys (`Authorization: Bearer flk_...`), for the host's back end and its customers' scripts. */
  apiKeys?: ApiKeys;
  /** Host-signed JWTs (`Authorization: Bearer eyJ...`), for pages that embed the editor. */
  embedTokens?: EmbedTokenOptions;
}

/** Finds the principal of a request, or throws a 401 `ApiError`. */
export type Authenticator = (request: Request) => Promise<Principal>;

const CHALLENGE = { 'www-authenticate': 'Bearer' };

/** Builds the authenticator of a server from its `auth` options and role table. */
export function createAuthenticator(auth: AuthOptions, roles: RoleTable, now: () => number): Authenticator {
  if (!auth.apiKeys && !auth.embedTokens) {
    throw new TypeError('createServer: auth needs apiKeys, embedTokens or both; the API does not answer anonymous callers.');
  }
  const verifyToken = auth.embedTokens ? embedTokenVerifier(auth.embedTokens) : undefined;
  const unknownRole = (role: string, what: string) =>
    new ApiError(401, 'ROLE_UNKNOWN', `The ${what} names the role '${role}', which this server does not define.`, { headers: CHALLENGE });

  return async (request) => {
    const header = request.headers.get('authorization');
    if (!header) {
      throw new ApiError(401, 'AUTH_REQUIRED', 'Send an API key or an embed token as `Authorization: Bearer <key or token>`.', {
        headers: CHALLENGE,
      });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new ApiError(401, 'AUTH_INVALID', 'The Authorization header must be `Bearer <key or token>`.', { headers: CHALLENGE });
    }
    const credential = match[1]!;
    if (credential.startsWith(API_KEY_PREFIX)) {
      const record = auth.apiKeys ? await auth.apiKeys.verify(credential) : undefined;
      if (!record) throw new ApiError(401, 'API_KEY_INVALID', 'The API key is unknown or has been revoked.', { headers: CHALLENGE });
      const granted = permissionsOf(roles, record.role);
      if (!granted) throw unknownRole(record.role, `API key '${record.id}'`);
      const permissions = record.permissions ? new Set(record.permissions.filter((p) => granted.has(p))) : granted;
      return { tenantId: record.tenantId, role: record.role, permissions, via: 'apiKey', apiKeyId: record.id };
    }
    if (!verifyToken) {
      throw new ApiError(401, 'API_KEY_INVALID', `This server accepts API keys only; they start with '${API_KEY_PREFIX}'.`, {
        headers: CHALLENGE,
      });
    }
    const claims = await verifyToken(credential, now());
    const permissions = permissionsOf(roles, claims.role);
    if (!permissions) throw unknownRole(claims.role, 'embed token');
    return { tenantId: claims.tenantId, role: claims.role, permissions, via: 'embedToken', userId: claims.userId };
  };
}
