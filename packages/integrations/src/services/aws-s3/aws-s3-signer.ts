// AWS Signature Version 4 for S3, with aws4fetch: requests signed in the `Authorization` header, and presigned URLs
// (the signature in the query). Signed as the AWS SDK signs them, so each signature equals the SDK's for the same
// request and time: every header but the hop-by-hop and client-identifying ones, the payload's SHA-256 from
// `x-amz-content-sha256`, and presigned queries written in the SDK's order.
import { AwsV4Signer } from 'aws4fetch';
import { escapeUri, toEndpoint, type S3Endpoint } from './aws-s3-endpoint.js';

/** What signs: the keys, and where the requests go. */
export interface S3Keys extends S3Endpoint {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials' session token (`x-amz-security-token`). */
  sessionToken?: string | undefined;
}

/** A request as a credential signs it (the engine's `SignableRequest`). */
export interface S3SignableRequest {
  url: URL;
  method: string;
  headers: Headers;
}

/** Headers the AWS SDK leaves out of a signature, and the length, which the HTTP client writes after signing. */
const UNSIGNED = new Set([
  'authorization',
  'cache-control',
  'connection',
  'content-length',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** A time as SigV4 writes it: `20260102T030405Z`. */
export function amzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/**
 * Signs a request in place: moves it from the placeholder host to the credential's endpoint, then sets
 * `Authorization`, `x-amz-date` and, with temporary credentials, `x-amz-security-token`. The time is the request's
 * `x-amz-date` (the node writes the engine's clock there), else `now`. A request without `x-amz-content-sha256`
 * (a custom API call) is sent with an unsigned payload, which S3 accepts.
 */
export async function signS3Request(request: S3SignableRequest, keys: S3Keys, now: number): Promise<void> {
  toEndpoint(request.url, keys);
  const stamped = request.headers.get('x-amz-date');
  const signable = new Headers();
  request.headers.forEach((value, name) => {
    if (!UNSIGNED.has(name) && name !== 'x-amz-date' && name !== 'x-amz-security-token') signable.set(name, value);
  });
  const signer = new AwsV4Signer({
    method: request.method,
    url: request.url.href,
    headers: signable,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    service: 's3',
    region: keys.region,
    datetime: stamped && AMZ_DATE.test(stamped) ? stamped : amzDate(now),
    allHeaders: true,
  });
  const signed = await signer.sign();
  signed.headers.forEach((value, name) => request.headers.set(name, value));
}

/**
 * A presigned URL: anyone holding it may send `method` to the object until it expires, without keys. The URL is
 * on the credential's endpoint; its query is sorted and RFC 3986-encoded, as the AWS SDK's presigner writes it.
 */
export async function presignS3Url(
  keys: S3Keys,
  request: { method: 'GET' | 'PUT'; url: URL; expiresIn: number; now: number },
): Promise<string> {
  const url = new URL(request.url.href);
  toEndpoint(url, keys);
  url.searchParams.set('X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD');
  url.searchParams.set('X-Amz-Expires', String(request.expiresIn));
  const signer = new AwsV4Signer({
    method: request.method,
    url: url.href,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    service: 's3',
    region: keys.region,
    datetime: amzDate(request.now),
    signQuery: true,
  });
  const signed = (await signer.sign()).url;
  const pairs = [...signed.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${signed.origin}${signed.pathname}?${pairs.map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`).join('&')}`;
}
