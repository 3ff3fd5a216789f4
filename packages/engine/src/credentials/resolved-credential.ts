import { basicAuthorization } from './base64url.js';
import { authenticationOf, type CredentialType } from './credential-type.js';
import type { OAuth2Tokens } from './oauth2/oauth2-config.js';

/** A decrypted credential, as the engine holds it while a node runs. Never leaves the engine. */
export interface ResolvedCredential {
  readonly id: string;
  /** The tenant the credential belongs to (another tenant's when shared). */
  readonly ownerTenantId: string;
  readonly name: string;
  readonly type: CredentialType;
  readonly data: Readonly<Record<string, unknown>>;
  /** OAuth2 tokens, for OAuth2 credentials that have them. */
  tokens?: OAuth2Tokens | undefined;
}

/** Every secret string a credential holds, in the forms it is sent in, for redaction. */
export function secretValuesOf(credential: ResolvedCredential): string[] {
  const out: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const field of credential.type.secretFields) collect(credential.data[field]);
  if (credential.tokens) {
    out.push(credential.tokens.accessToken);
    if (credential.tokens.refreshToken) out.push(credential.tokens.refreshToken);
  }
  try {
    const auth = authenticationOf(credential.type, credential.data as Record<string, unknown>);
    if (auth.type === 'basic') out.push(basicAuthorization(auth.username, auth.password).slice('Basic '.length));
    else if (auth.type === 'oauth2' && auth.config.clientSecret) {
      out.push(
        auth.config.clientSecret,
        basicAuthorization(encodeURIComponent(auth.config.clientId), encodeURIComponent(auth.config.clientSecret)).slice(6),
      );
    }
  } catch {
    // A type whose authenticate throws for this data fails later, when used.
  }
  return out;
}
