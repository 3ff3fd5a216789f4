/** How a credential obtains OAuth2 tokens. */
export interface OAuth2Config {
  /** `authorizationCode` (a user signs in, with PKCE) or `clientCredentials` (server to server). */
  grantType: 'authorizationCode' | 'clientCredentials';
  /** The provider's authorization endpoint (authorization code only). */
  authorizationUrl?: string;
  /** The provider's token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  /** Space-separated scopes. */
  scope?: string;
  /** Send the client id and secret as HTTP Basic (`header`, the default) or in the form body (`body`). */
  clientAuthentication?: 'header' | 'body';
  /** Extra query parameters for the authorization URL (`access_type=offline`, `prompt=consent`...). */
  authorizationParams?: Record<string, string>;
  /** Use PKCE (S256) in the authorization code flow (default true). */
  pkce?: boolean;
}

/** The tokens an OAuth2 credential holds; kept inside its encrypted blob. */
export interface OAuth2Tokens {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  /** Epoch milliseconds when the access token expires, when the provider said. */
  expiresAt?: number;
  scope?: string;
  /**
   * Other text fields of the token answer that name where the account lives
   * (Salesforce's `instance_url`, Pipedrive's `api_domain`), for the
   * authentication's `sign` hook.
   */
  extra?: Record<string, string>;
}
