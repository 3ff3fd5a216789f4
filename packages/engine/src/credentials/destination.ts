import { CredentialError } from './credential.error.js';

/**
 * Whether a host matches one of a credential's allowed host patterns:
 * `api.example.com` (that host, any port), `api.example.com:8443` (that host
 * and port), `*.example.com` (any subdomain, not the domain itself), `*` (any).
 */
export function hostAllowed(url: URL, patterns: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const host = url.host.toLowerCase();
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) {
      if (hostname.endsWith(pattern.slice(1))) return true;
    } else if (pattern === hostname || pattern === host) {
      return true;
    }
  }
  return false;
}

/** Throws unless a credential may be sent to this URL. */
export function assertDestination(
  url: URL,
  patterns: readonly string[],
  credential: { id: string; name: string },
  redirected: boolean,
): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CredentialError(
      'CREDENTIAL_HOST_REFUSED',
      `Credential '${credential.name}' is only sent over HTTP(S), not to ${url.protocol} URLs.`,
      {
        credentialId: credential.id,
      },
    );
  }
  if (hostAllowed(url, patterns)) return;
  const allowed = patterns.length > 0 ? patterns.join(', ') : 'no host';
  throw new CredentialError(
    'CREDENTIAL_HOST_REFUSED',
    `Credential '${credential.name}' may not be sent to ${url.host}${redirected ? ' (the server redirected there)' : ''}; ` +
      `it is allowed for ${allowed}. Add the host to the credential's allowed domains if it should be.`,
    { credentialId: credential.id },
  );
}
