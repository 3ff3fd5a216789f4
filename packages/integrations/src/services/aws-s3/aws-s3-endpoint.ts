// Where an S3 request goes. Operations address `https://s3.invalid/<bucket>/<key>`; the credential, which knows the
// region or the S3-compatible endpoint and whether it wants path-style addresses, moves each request to its real
// host as it signs it (`<bucket>.s3.<region>.amazonaws.com/<key>`, or `<endpoint>/<bucket>/<key>`), the way the AWS
// SDK addresses buckets. The node never holds where the account lives, and a credential reaches only its endpoint.

/** The host operations address: reserved (RFC 2606), so a request that was not moved goes nowhere. */
export const PLACEHOLDER_HOST = 's3.invalid';
export const BASE_URL = `https://${PLACEHOLDER_HOST}`;

/** Where a credential's requests go. */
export interface S3Endpoint {
  region: string;
  /** An S3-compatible service's origin (`https://<account>.r2.cloudflarestorage.com`); default: AWS in `region`. */
  endpoint?: string | undefined;
  /** `https://<endpoint>/<bucket>/<key>` rather than `https://<bucket>.<endpoint>/<key>`. */
  forcePathStyle?: boolean | undefined;
}

/** RFC 3986 percent-encoding, as SigV4 and the AWS SDK write paths and queries. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A query as the AWS SDK writes it: each pair encoded, in the order given. */
export function queryString(query: readonly (readonly [string, string])[]): string {
  return query.map(([key, value]) => `${escapeUri(key)}=${escapeUri(value)}`).join('&');
}

/**
 * The placeholder URL of a bucket (and key): `/<bucket>/<key>`, each key segment encoded, slashes kept.
 * Without a bucket, the service itself (`/`).
 */
export function placeholderUrl(bucket: string | undefined, key = '', query: readonly (readonly [string, string])[] = []): URL {
  const path = bucket === undefined ? '/' : `/${escapeUri(bucket)}/${key.split('/').map(escapeUri).join('/')}`;
  return new URL(`${BASE_URL}${path}${query.length > 0 ? `?${queryString(query)}` : ''}`);
}

/** The origin of a credential's service: its endpoint, or AWS's regional host. */
export function serviceOrigin(e: S3Endpoint): URL {
  if (e.endpoint) return new URL(e.endpoint);
  return new URL(`https://s3.${e.region}.${e.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`);
}

/** Whether an endpoint given by a user is an http(s) origin (no path, query or user). */
export function isEndpoint(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * Whether a bucket is addressed as a subdomain, as the AWS SDK decides: a DNS label of 3 to 63 lower-case letters,
 * digits and hyphens (no dots, whose names a TLS certificate cannot cover), on a host that is not an IP address.
 */
function virtualHosted(bucket: string, e: S3Endpoint, origin: URL): boolean {
  if (e.forcePathStyle) return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(origin.hostname) || origin.hostname.startsWith('[')) return false;
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
}

/** Moves a placeholder URL to the credential's real host, in place; any other URL is left as it is. */
export function toEndpoint(url: URL, e: S3Endpoint): void {
  if (url.hostname !== PLACEHOLDER_HOST) return;
  const origin = serviceOrigin(e);
  const [, rawBucket = '', ...rest] = url.pathname.split('/');
  url.protocol = origin.protocol;
  if (rawBucket === '') {
    url.host = origin.host;
    url.pathname = `/${rest.join('/')}`;
  } else if (virtualHosted(decodeURIComponent(rawBucket), e, origin)) {
    url.host = `${decodeURIComponent(rawBucket)}.${origin.host}`;
    url.pathname = `/${rest.join('/')}`;
  } else {
    url.host = origin.host;
  }
}

/** The hosts a credential may be sent to: the placeholder (always moved before sending), its service and its buckets. */
export function s3Hosts(e: S3Endpoint): string[] {
  const origin = serviceOrigin(e);
  return [PLACEHOLDER_HOST, origin.host, `*.${origin.hostname}`];
}
