// AWS S3, checked against the AWS SDK (@aws-sdk/client-s3, @aws-sdk/s3-request-presigner): the SDK and the node make
// the same call to one recording server, the SDK through a request handler that relays it as the engine's fetch
// relays the node's, so both address the real hosts (`<bucket>.s3.<region>.amazonaws.com`, a MinIO or R2 endpoint).
// They must agree on method, path, query, body and every x-amz-* header but the time; each signature the node sends
// must be, byte for byte, the one the SDK's own signer makes of the same request at the same time; presigned URLs
// made at the engine clock's time must equal the presigner's; and the items must hold what the SDK reads of the
// same answers. The SDK is asked for no flexible checksums (`WHEN_REQUIRED`): the node signs each payload's SHA-256,
// which S3 checks, and sends no CRC. The answers are shaped like S3's documented ones.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createTestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, relayFetch, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { s3 } from './aws-s3.js';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REVOKED = 'AKIAREVOKEDEXAMPLE00';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/+token==';
const REGION = 'eu-west-1';
const BUCKET = 'flowloom-reports';
const BUCKET_HOST = `${BUCKET}.s3.${REGION}.amazonaws.com`;
/** A bucket whose name has dots: addressed path-style, on the region's host. */
const DOTTED = 'flowloom.archive';
const REGION_HOST = `s3.${REGION}.amazonaws.com`;
const MINIO = 'minio.example.com:9000';
const MINIO_BUCKET = 'backups';
const R2 = 'acct.r2.cloudflarestorage.com';
const R2_BUCKET = 'media';
const PATH_BUCKETS = [DOTTED, MINIO_BUCKET];
const LAST_MODIFIED = 'Thu, 01 Jan 2026 10:00:00 GMT';
const MIB = 1024 * 1024;

// --- The vendor: S3's answers, as its API reference documents them ---------------------------------------------------

const xml = (body: string, status = 200, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/xml', ...headers },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const s3Error = (status: number, code: string, message: string, extra = '') =>
  xml(`<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>4442587FB7D0A2F9</RequestId></Error>`, status);
const md5 = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;

/** A PDF's first bytes and some that are not UTF-8: a download must keep them all. */
const REPORT = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0x80, 0xfe, 0xc3, 0x28]);
const stored = new Map<string, { body: Buffer; type: string; meta: Record<string, string> }>([
  ['reports/june.pdf', { body: REPORT, type: 'application/pdf', meta: { author: 'ada' } }],
]);
/** 2,500 log keys (three pages of 1,000), one with a character XML escapes, and a few keys at the root. */
const LOGS = Array.from({ length: 2500 }, (_, i) => `logs/${String(i).padStart(4, '0')}${i === 7 ? '&raw' : ''}.json`);
const ROOT = ['readme.txt'];

function objectHeaders(object: { body: Buffer; type: string; meta: Record<string, string> }): Record<string, string> {
  return {
    'content-type': object.type,
    'content-length': String(object.body.length),
    etag: md5(object.body),
    'last-modified': LAST_MODIFIED,
    'accept-ranges': 'bytes',
    'x-amz-version-id': 'v1',
    'x-amz-server-side-encryption': 'AES256',
    ...Object.fromEntries(Object.entries(object.meta).map(([k, v]) => [`x-amz-meta-${k}`, v])),
  };
}

function listing(query: URLSearchParams): Answer {
  const prefix = query.get('prefix') ?? '';
  const max = Math.min(1000, Number(query.get('max-keys') ?? 1000));
  const token = query.get('continuation-token');
  const after = query.get('start-after');
  const delimiter = query.get('delimiter');
  let keys = [...LOGS, ...ROOT].filter((k) => k.startsWith(prefix) && (!after || k > after));
  const prefixes: string[] = [];
  if (delimiter) {
    for (const k of keys) {
      const cut = k.indexOf(delimiter, prefix.length);
      if (cut >= 0 && !prefixes.includes(k.slice(0, cut + 1))) prefixes.push(k.slice(0, cut + 1));
    }
    keys = keys.filter((k) => k.indexOf(delimiter, prefix.length) < 0);
  }
  const start = token ? Number(token.slice('token-'.length)) : 0;
  const page = keys.slice(start, start + max);
  const truncated = start + max < keys.length;
  const contents = page.map(
    (k, i) =>
      `<Contents><Key>${escape(k)}</Key><LastModified>2026-01-01T10:00:00.000Z</LastModified><ETag>&quot;${i}e1b1c0&quot;</ETag>` +
      `<ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>${100 + i}</Size>` +
      `<StorageClass>STANDARD</StorageClass></Contents>`,
  );
  return xml(
    `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${BUCKET}</Name><Prefix>${prefix}</Prefix>` +
      `<KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}` +
      `<IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${token}</ContinuationToken>` : ''}` +
      `${truncated ? `<NextContinuationToken>token-${start + max}</NextContinuationToken>` : ''}${contents.join('')}` +
      `${prefixes.map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join('')}</ListBucketResult>`,
  );
}

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const query = url.searchParams;
  const auth = String(request.headers.authorization ?? '');
  if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=')) return s3Error(403, 'AccessDenied', 'Access Denied');
  if (auth.includes(REVOKED))
    return s3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const [, first = '', ...rest] = url.pathname.split('/');
  const bucket = PATH_BUCKETS.includes(decodeURIComponent(first)) ? decodeURIComponent(first) : BUCKET;
  const key = decodeURIComponent((bucket === BUCKET ? [first, ...rest] : rest).join('/'));
  if (url.pathname === '/' && query.get('x-id') === 'ListBuckets') {
    return xml(
      `<ListAllMyBucketsResult><Buckets><Bucket><CreationDate>2025-06-01T00:00:00.000Z</CreationDate><Name>${BUCKET}</Name></Bucket></Buckets>` +
        `<Owner><ID>owner-1</ID></Owner></ListAllMyBucketsResult>`,
    );
  }
  if (request.method === 'GET' && query.get('list-type') === '2') return listing(query);
  if (request.method === 'POST' && query.has('uploads')) {
    return xml(
      `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escape(key)}</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>`,
    );
  }
  if (request.method === 'POST' && query.has('uploadId')) {
    return xml(
      `<CompleteMultipartUploadResult><Location>https://${BUCKET_HOST}/${escape(key)}</Location><Bucket>${bucket}</Bucket>` +
        `<Key>${escape(key)}</Key><ETag>&quot;c0ffee-3&quot;</ETag></CompleteMultipartUploadResult>`,
      200,
      { 'x-amz-version-id': 'v9', 'x-amz-server-side-encryption': 'AES256' },
    );
  }
  if (request.method === 'PUT' && query.has('partNumber')) return { headers: { etag: `"part-${query.get('partNumber')}"` } };
  if (request.method === 'DELETE' && query.has('uploadId')) return { status: 204 };
  const copySource = request.headers['x-amz-copy-source'] as string | undefined;
  if (request.method === 'PUT' && copySource) {
    const source = stored.get(decodeURIComponent(copySource.replace(/\?.*$/, '').split('/').slice(1).join('/')));
    if (!source) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    return xml(
      `<CopyObjectResult><LastModified>2026-01-02T08:30:00.000Z</LastModified><ETag>${escape(md5(source.body))}</ETag></CopyObjectResult>`,
      200,
      { 'x-amz-copy-source-version-id': 'v1', 'x-amz-version-id': 'v2' },
    );
  }
  if (request.method === 'PUT') {
    const meta = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([k]) => k.startsWith('x-amz-meta-'))
        .map(([k, v]) => [k.slice('x-amz-meta-'.length), String(v)]),
    );
    stored.set(key, { body: request.body, type: String(request.headers['content-type']), meta });
    return { headers: { etag: md5(request.body), 'x-amz-version-id': 'v2', 'x-amz-server-side-encryption': 'AES256' } };
  }
  const object = stored.get(key);
  if (request.method === 'DELETE') return { status: 204, headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': 'v3' } };
  if (request.method === 'HEAD') return object ? { headers: objectHeaders(object) } : { status: 404 };
  if (request.method === 'GET') {
    if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${escape(key)}</Key>`);
    return { headers: objectHeaders(object), body: new Uint8Array(object.body) };
  }
  return undefined;
}

// --- What the SDK and the node must agree on ---------------------------------------------------------------------

/** A request as compared: its scope instead of its signature (times differ), and its x-amz-* headers but the time. */
type S3Request = NormalizedRequest & { amz: Record<string, string> };

function read(request: NormalizedRequest, raw: SeenRequest): S3Request {
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(String(raw.headers.authorization ?? ''));
  const amz = Object.fromEntries(
    Object.entries(raw.headers)
      .filter(([name]) => name.startsWith('x-amz-') && name !== 'x-amz-date' && name !== 'x-amz-user-agent')
      .map(([name, value]) => [name, String(value)]),
  );
  return { ...request, auth: scope ? `${scope[1]}/${scope[2]}` : undefined, amz };
}

const credential = (data: Record<string, unknown> = {}) => ({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: REGION, ...data });
const bed = serviceTestbed(s3, {
  name: 'Storage',
  answers: vendor,
  hosts: [BUCKET_HOST, REGION_HOST, MINIO, `${R2_BUCKET}.${R2}`],
  credentials: [
    { id: 'aws', type: 'awsS3Api', data: credential() },
    { id: 'revoked', type: 'awsS3Api', data: credential({ accessKeyId: REVOKED }) },
    { id: 'minio', type: 'awsS3Api', data: credential({ region: 'us-east-1', endpoint: `https://${MINIO}`, forcePathStyle: true }) },
    { id: 'r2', type: 'awsS3Api', data: credential({ region: 'auto', endpoint: `https://${R2}` }) },
    { id: 'session', type: 'awsS3Api', data: credential({ sessionToken: SESSION_TOKEN }) },
  ],
  read,
});
const { take, node } = bed;

/** A request handler for the SDK that relays its requests to the recording server, as the engine's fetch does. */
function relayHandler() {
  const send = relayFetch(bed.routes);
  const escapeUri = (t: string) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: {
      method: string;
      protocol: string;
      hostname: string;
      port?: number;
      path: string;
      query?: Record<string, string | null>;
      headers: Record<string, string>;
      body?: Uint8Array<ArrayBuffer> | string;
    }) {
      const query = Object.keys(request.query ?? {})
        .sort()
        .map((k) => (request.query![k] === null ? escapeUri(k) : `${escapeUri(k)}=${escapeUri(request.query![k]!)}`))
        .join('&');
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`;
      // What fetch writes itself (the host, the length) or refuses (expect) is left to it.
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'content-length', 'expect', 'connection'].includes(name.toLowerCase()),
        ),
      );
      const response = await send(url, { method: request.method, headers, ...(request.body ? { body: request.body } : {}) });
      const body = Buffer.from(await response.arrayBuffer());
      const answerHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (answerHeaders[name] = value));
      return {
        response: { statusCode: response.status, reason: response.statusText, headers: answerHeaders, body: Readable.from([body]) },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

/** The SDK's client for one of the file's credentials, reaching the recording server through the relay. */
function sdk(config: Partial<S3ClientConfig> = {}, sessionToken?: string): S3Client {
  return new S3Client({
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, ...(sessionToken ? { sessionToken } : {}) },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: relayHandler(),
    ...config,
  });
}

/**
 * Requires each request's signature to be the one the SDK's own signer makes of it: the same method, path, query and
 * signed headers, for `host`, at the request's own time.
 */
async function expectSignedAsSdk(requests: SeenRequest[], host: string, client = sdk()) {
  expect(requests.length).toBeGreaterThan(0);
  const signer = await client.config.signer({ name: 'sigv4', properties: {} } as never);
  for (const raw of requests) {
    const authorization = String(raw.headers.authorization);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)![1]!.split(';');
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = name === 'host' ? host : String(raw.headers[name]);
    const url = new URL(raw.url, 'http://x');
    const date = headers['x-amz-date']!;
    const signed = await signer.sign(
      {
        method: raw.method,
        protocol: 'https:',
        hostname: host,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: raw.body,
      } as never,
      {
        signingDate: new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13)}`),
        signingRegion: /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)![1]!,
        signingService: 's3',
      },
    );
    expect(authorization).toBe((signed as { headers: Record<string, string> }).headers['authorization']);
  }
}

/** The SDK's output as data: without its response metadata and body, dates as ISO text. */
const asData = (output: object): Record<string, unknown> => {
  const { $metadata, Body, ...rest } = output as Record<string, unknown>;
  void $metadata;
  void Body;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
};

/** The raw requests received since `start`. */
const rawSince = (start: number) => bed.server.requests.slice(start);

/**
 * Runs the SDK's command, then the node's operation: the requests must agree, the node's signatures must be the SDK
 * signer's for `host`, and the node's first item must hold `Bucket`, `Key` and what the SDK read of the same answer.
 */
async function sameAsSdk(
  command: () => Promise<object>,
  operation: string,
  parameters: Record<string, unknown>,
  options: { host?: string; credentials?: Record<string, string>; client?: S3Client } = {},
) {
  await take();
  const fromSdk = await command();
  const expected = await take();
  const start = bed.server.requests.length;
  const run = await node('object', operation, parameters, options.credentials ? { credentials: options.credentials } : {});
  expect(run.execution.error?.message).toBeUndefined();
  expect(run.requests).toEqual(expected);
  await expectSignedAsSdk(rawSince(start), options.host ?? BUCKET_HOST, options.client);
  return { ...run, fromSdk: asData(fromSdk) };
}

const file = (text: string | Buffer, mimeType = 'text/plain', fileName = 'notes.txt') => {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName, fileSize: bytes.length } } }];
};

// --- The operations ----------------------------------------------------------------------------------------------

describe('AWS S3 objects, against the AWS SDK', () => {
  it('uploads a file with its type and metadata, signed as the SDK signs it, and reads the answer as the SDK does', async () => {
    const bytes = Buffer.from('Quarterly numbers: 42 \u2713');
    const command = () =>
      sdk().send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'reports/q2 (draft)+final.txt',
          Body: bytes,
          ContentType: 'text/plain',
          Metadata: { author: 'ada' },
          StorageClass: 'STANDARD_IA',
        }),
      );
    await take();
    const fromSdk = asData(await command());
    const expected = await take();
    const start = bed.server.requests.length;
    const run = await bed.node(
      'object',
      'put',
      { bucket: BUCKET, key: 'reports/q2 (draft)+final.txt', metadata: { author: 'ada' }, storageClass: 'STANDARD_IA' },
      { input: file(bytes) },
    );
    expect(run.requests).toEqual(expected);
    expect(run.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/reports/q2%20%28draft%29%2Bfinal.txt',
      query: { 'x-id': 'PutObject' },
      auth: `${ACCESS_KEY}/${REGION}`,
      contentType: 'text/plain',
      amz: {
        'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
        'x-amz-meta-author': 'ada',
        'x-amz-storage-class': 'STANDARD_IA',
      },
    });
    expect(rawSince(start)[0]!.body.equals(bytes)).toBe(true);
    await expectSignedAsSdk(rawSince(start), BUCKET_HOST);
    expect(run.items[0]!.json).toEqual({ Bucket: BUCKET, Key: 'reports/q2 (draft)+final.txt', ...fromSdk });
  });

  it('downloads an object as the item\u2019s file, every byte kept, with the metadata the SDK reads', async () => {
    const { items, fromSdk } = await sameAsSdk(() => sdk().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/june.pdf' })), 'get', {
      bucket: BUCKET,
      key: 'reports/june.pdf',
      binaryProperty: 'report',
    });
    const sdkBody = await (
      await sdk().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/june.pdf' }))
    ).Body!.transformToByteArray();
    await take();
    expect(items[0]!.json).toEqual({ Bucket: BUCKET, Key: 'reports/june.pdf', ...fromSdk });
    expect(fromSdk).toMatchObject({ ContentType: 'application/pdf', ContentLength: REPORT.length, Metadata: { author: 'ada' } });
    const got = items[0]!.binary!['report']!;
    expect(Buffer.from(got.data!, 'base64').equals(Buffer.from(sdkBody))).toBe(true);
    expect(Buffer.from(got.data!, 'base64').equals(REPORT)).toBe(true);
    expect(got).toMatchObject({ mimeType: 'application/pdf', fileName: 'june.pdf', fileSize: REPORT.length });
  });

  it('downloads a given version', async () => {
    const { requests } = await sameAsSdk(
      () => sdk().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/june.pdf', VersionId: 'v1' })),
      'get',
      { bucket: BUCKET, key: 'reports/june.pdf', versionId: 'v1' },
    );
    expect(requests[0]!.query).toEqual({ versionId: 'v1', 'x-id': 'GetObject' });
  });

  it('reads an object\u2019s metadata (HEAD) as the SDK does', async () => {
    const { items, fromSdk } = await sameAsSdk(
      () => sdk().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/june.pdf' })),
      'head',
      {
        bucket: BUCKET,
        key: 'reports/june.pdf',
      },
    );
    expect(items[0]!.json).toEqual({ Bucket: BUCKET, Key: 'reports/june.pdf', ...fromSdk });
    expect(fromSdk).toMatchObject({ ETag: md5(REPORT), LastModified: '2026-01-01T10:00:00.000Z', ServerSideEncryption: 'AES256' });
  });

  it('deletes an object (a version, when given) as the SDK does', async () => {
    const { items, fromSdk } = await sameAsSdk(
      () => sdk().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'tmp/old.txt', VersionId: 'v0' })),
      'delete',
      { bucket: BUCKET, key: 'tmp/old.txt', versionId: 'v0' },
    );
    expect(items[0]!.json).toEqual({ Bucket: BUCKET, Key: 'tmp/old.txt', ...fromSdk });
    expect(fromSdk).toEqual({ DeleteMarker: true, VersionId: 'v3' });
  });

  it('copies an object, source encoded as S3 asks, and reads the copy result as the SDK does', async () => {
    const { items, fromSdk, requests } = await sameAsSdk(
      () =>
        sdk().send(
          new CopyObjectCommand({ Bucket: BUCKET, Key: 'archive/june 2026.pdf', CopySource: `${BUCKET}/reports/june.pdf?versionId=v1` }),
        ),
      'copy',
      { sourceBucket: BUCKET, sourceKey: 'reports/june.pdf', sourceVersionId: 'v1', bucket: BUCKET, key: 'archive/june 2026.pdf' },
    );
    expect(requests[0]!.amz['x-amz-copy-source']).toBe(`${BUCKET}/reports/june.pdf?versionId=v1`);
    expect(items[0]!.json).toEqual({ Bucket: BUCKET, Key: 'archive/june 2026.pdf', ...fromSdk });
    expect(fromSdk).toMatchObject({ CopyObjectResult: { ETag: md5(REPORT), LastModified: '2026-01-02T08:30:00.000Z' }, VersionId: 'v2' });
  });

  it('copies with a new type and metadata, replacing the source\u2019s, as the SDK does', async () => {
    const { requests } = await sameAsSdk(
      () =>
        sdk().send(
          new CopyObjectCommand({
            Bucket: BUCKET,
            Key: 'public/june.pdf',
            CopySource: `${BUCKET}/reports/june.pdf`,
            ContentType: 'application/octet-stream',
            Metadata: { reviewed: 'yes' },
            MetadataDirective: 'REPLACE',
          }),
        ),
      'copy',
      {
        sourceBucket: BUCKET,
        sourceKey: 'reports/june.pdf',
        bucket: BUCKET,
        key: 'public/june.pdf',
        contentType: 'application/octet-stream',
        metadata: { reviewed: 'yes' },
      },
    );
    expect(requests[0]!.amz).toMatchObject({ 'x-amz-metadata-directive': 'REPLACE', 'x-amz-meta-reviewed': 'yes' });
  });
});

describe('AWS S3 listing, against the AWS SDK', () => {
  it('lists three pages with continuation tokens, as the SDK\u2019s paginator pages, and makes an item of each object', async () => {
    await take();
    const fromSdk: Record<string, unknown>[] = [];
    for await (const page of paginateListObjectsV2({ client: sdk(), pageSize: 1000 }, { Bucket: BUCKET, Prefix: 'logs/' })) {
      fromSdk.push(...(page.Contents ?? []).map(asData));
    }
    const expected = await take();
    const start = bed.server.requests.length;
    const { items, requests } = await node('object', 'list', { bucket: BUCKET, prefix: 'logs/', returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query)).toEqual([
      { 'list-type': '2', 'max-keys': '1000', prefix: 'logs/' },
      { 'continuation-token': 'token-1000', 'list-type': '2', 'max-keys': '1000', prefix: 'logs/' },
      { 'continuation-token': 'token-2000', 'list-type': '2', 'max-keys': '1000', prefix: 'logs/' },
    ]);
    await expectSignedAsSdk(rawSince(start), BUCKET_HOST);
    expect(items.map((i) => i.json)).toEqual(fromSdk);
    expect(items).toHaveLength(2500);
    expect(items[7]!.json).toEqual({
      Key: 'logs/0007&raw.json',
      LastModified: '2026-01-01T10:00:00.000Z',
      ETag: '"7e1b1c0"',
      ChecksumAlgorithm: ['CRC64NVME'],
      ChecksumType: 'FULL_OBJECT',
      Size: 107,
      StorageClass: 'STANDARD',
    });
  });

  it('asks for no more keys than the limit, and stops there', async () => {
    const { items, requests } = await node('object', 'list', { bucket: BUCKET, prefix: 'logs/', limit: 1200 });
    expect(items).toHaveLength(1200);
    expect(requests.map((r) => r.query['max-keys'])).toEqual(['1000', '200']);
  });

  it('lists common prefixes after the objects when a delimiter groups keys, as the SDK reads them', async () => {
    const { fromSdk, items } = await sameAsSdk(
      () => sdk().send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/', StartAfter: 'a', MaxKeys: 50 })),
      'list',
      { bucket: BUCKET, delimiter: '/', startAfter: 'a' },
    );
    expect(items.map((i) => i.json)).toEqual([...(fromSdk['Contents'] as unknown[]), ...(fromSdk['CommonPrefixes'] as unknown[])]);
    expect(items.map((i) => i.json['Key'] ?? i.json['Prefix'])).toEqual(['readme.txt', 'logs/']);
  });
});

// --- Large uploads ------------------------------------------------------------------------------------------------

/** 10.5 MiB: two parts of 5 MiB and a last one of half a MiB. */
const LARGE = Buffer.alloc(10.5 * MIB, 0);
for (let i = 0; i < LARGE.length; i += 4096) LARGE.writeUInt32BE(i, i);
const partOf = (n: number) => LARGE.subarray((n - 1) * 5 * MIB, n * 5 * MIB);

describe('AWS S3 multipart uploads, against the AWS SDK', () => {
  it('uploads a file larger than the part size in parts, each request as the SDK\u2019s multipart commands send it', async () => {
    await take();
    const client = sdk();
    const target = { Bucket: BUCKET, Key: 'video/launch.mp4' };
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ ...target, ContentType: 'video/mp4', Metadata: { take: '3' } }),
    );
    const etags: string[] = [];
    for (const n of [1, 2, 3])
      etags.push((await client.send(new UploadPartCommand({ ...target, UploadId, PartNumber: n, Body: partOf(n) }))).ETag!);
    const completed = await client.send(
      new CompleteMultipartUploadCommand({
        ...target,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const expected = await take();
    const start = bed.server.requests.length;
    const { items, requests, execution } = await node(
      'object',
      'put',
      { bucket: BUCKET, key: 'video/launch.mp4', metadata: { take: '3' }, partSize: 5 },
      { input: file(LARGE, 'video/mp4', 'launch.mp4') },
    );
    expect(execution.status).toBe('success');
    expect(requests).toEqual(expected);
    expect(requests.map((r) => `${r.method} ${Object.keys(r.query).join('&')}`)).toEqual([
      'POST uploads',
      'PUT partNumber&uploadId&x-id',
      'PUT partNumber&uploadId&x-id',
      'PUT partNumber&uploadId&x-id',
      'POST uploadId',
    ]);
    expect(
      Buffer.concat(
        rawSince(start)
          .slice(1, 4)
          .map((r) => r.body),
      ).equals(LARGE),
    ).toBe(true);
    await expectSignedAsSdk(rawSince(start), BUCKET_HOST);
    expect(items[0]!.json).toEqual({ ...target, ...asData(completed), PartsCount: 3 });
  });

  it('aborts an upload whose part fails, as the SDK aborts it, and never reports it done', async () => {
    await take();
    const client = sdk();
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'video/cut.mp4', UploadId: 'upload-1' }));
    const [abortFromSdk] = await take();
    const withdraw = bed.server.answerOnce(
      (request) => request.url.includes('partNumber=2&'),
      s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'),
    );
    const { items, requests, execution } = await node(
      'object',
      'put',
      { bucket: BUCKET, key: 'video/cut.mp4', partSize: 5 },
      { input: file(LARGE.subarray(0, 6 * MIB), 'video/mp4', 'cut.mp4') },
    );
    withdraw();
    expect(execution.status).toBe('error');
    expect(items).toEqual([]);
    expect(execution.error?.message).toBe(
      "Node 'Storage': AWS S3 object.put failed: HTTP 500 InternalError: We encountered an internal error. Please try again.",
    );
    expect(requests.map((r) => `${r.method} ${r.query['partNumber'] ?? Object.keys(r.query).join('&')}`)).toEqual([
      'POST uploads',
      'PUT 1',
      'PUT 2',
      'DELETE uploadId&x-id',
    ]);
    expect(requests.at(-1)).toEqual(abortFromSdk);
    expect(requests.some((r) => r.method === 'POST' && 'uploadId' in r.query)).toBe(false);
  });

  it('says so when even the abort fails, since the parts then stay stored', async () => {
    const withdrawPart = bed.server.answerOnce(
      (request) => request.url.includes('partNumber=2&'),
      s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'),
    );
    const withdrawAbort = bed.server.answerOnce(
      (request) => request.method === 'DELETE' && request.url.includes('uploadId='),
      s3Error(403, 'AccessDenied', 'Access Denied'),
    );
    const { execution, items } = await node(
      'object',
      'put',
      { bucket: BUCKET, key: 'video/cut.mp4', partSize: 5 },
      { input: file(LARGE.subarray(0, 6 * MIB), 'video/mp4', 'cut.mp4') },
    );
    withdrawPart();
    withdrawAbort();
    expect(items).toEqual([]);
    expect(execution.error?.message).toBe(
      "Node 'Storage': AWS S3 object.put failed (HTTP 500 InternalError: We encountered an internal error. Please try again.), and its multipart upload upload-1 could not be aborted (HTTP 403 AccessDenied: Access Denied): its parts stay stored until it is aborted or a lifecycle rule removes them.",
    );
  });

  it('aborts an upload whose completion S3 refuses inside a 200 answer, as the SDK reads it', async () => {
    const refusal = s3Error(200, 'InternalError', 'We encountered an internal error. Please try again.');
    const isComplete = (request: SeenRequest) => request.method === 'POST' && request.url.includes('uploadId=');
    const withdrawSdk = bed.server.answerOnce(isComplete, refusal);
    const sdkError = await sdk()
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: 'video/cut.mp4',
          UploadId: 'upload-1',
          MultipartUpload: { Parts: [{ ETag: '"part-1"', PartNumber: 1 }] },
        }),
      )
      .catch((e: Error) => e.name);
    withdrawSdk();
    expect(sdkError).toBe('InternalError');
    await take();
    const withdraw = bed.server.answerOnce(isComplete, refusal);
    const { execution, requests } = await node(
      'object',
      'put',
      { bucket: BUCKET, key: 'video/cut.mp4', partSize: 5 },
      { input: file(LARGE.subarray(0, 6 * MIB), 'video/mp4', 'cut.mp4') },
    );
    withdraw();
    expect(execution.error?.message).toMatch(/AWS S3 object\.put failed: HTTP 200 InternalError: We encountered an internal error/);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'PUT', 'POST', 'DELETE']);
  });
});

// --- Presigned URLs, endpoints and keys --------------------------------------------------------------------------

describe('AWS S3 presigned URLs, against the SDK\u2019s presigner', () => {
  /** Presigns with the node on an engine whose clock is fixed, and with the presigner at the same time. */
  async function presigned(credential: string, config: Partial<S3ClientConfig>, bucket: string, sessionToken?: string) {
    const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12, 30, 15) });
    const engine = await bed.startEngine({ clock });
    const client = sdk(config, sessionToken);
    const at = { signingDate: new Date(clock.now()), expiresIn: 900 };
    const expected = {
      get: await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'shared/plan (v2).pdf' }), at),
      put: await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: 'shared/plan (v2).pdf' }), at),
    };
    const urls: Record<string, unknown> = {};
    for (const [name, operation] of [
      ['get', 'presignGet'],
      ['put', 'presignPut'],
    ] as const) {
      const run = await node(
        'object',
        operation,
        { bucket, key: 'shared/plan (v2).pdf', expiresIn: 900 },
        { engine, credentials: { awsS3Api: credential } },
      );
      expect(run.requests).toEqual([]);
      expect(run.items[0]!.json).toMatchObject({ method: name.toUpperCase(), expiresAt: '2026-06-01T12:45:15.000Z' });
      urls[name] = run.items[0]!.json['url'];
    }
    return { urls, expected };
  }

  it('makes the presigner\u2019s GET and PUT URLs, byte for byte, at the engine clock\u2019s time', async () => {
    const { urls, expected } = await presigned('aws', {}, BUCKET);
    expect(urls).toEqual(expected);
    expect(String(urls['get'])).toMatch(
      new RegExp(`^https://${BUCKET_HOST.replace(/\./g, '\\.')}/shared/plan%20%28v2%29\\.pdf\\?X-Amz-Algorithm`),
    );
  });

  it('presigns on a bucket whose name has dots path-style, on MinIO path-style and on R2 as a subdomain, as the presigner does', async () => {
    expect((await presigned('aws', {}, DOTTED)).urls).toEqual((await presigned('aws', {}, DOTTED)).expected);
    const minio = await presigned('minio', { region: 'us-east-1', endpoint: `https://${MINIO}`, forcePathStyle: true }, MINIO_BUCKET);
    expect(minio.urls).toEqual(minio.expected);
    expect(String(minio.urls['get'])).toMatch(new RegExp(`^https://${MINIO}/${MINIO_BUCKET}/shared/`));
    const r2 = await presigned('r2', { region: 'auto', endpoint: `https://${R2}` }, R2_BUCKET);
    expect(r2.urls).toEqual(r2.expected);
    expect(String(r2.urls['get'])).toMatch(new RegExp(`^https://${R2_BUCKET}\\.${R2}/shared/`));
  });

  it('puts a session token in the URL, as the presigner does; the run\u2019s record shows it redacted', async () => {
    const { urls, expected } = await presigned('session', {}, BUCKET, SESSION_TOKEN);
    const redact = (url: string) => url.replace(encodeURIComponent(SESSION_TOKEN), '__redacted__');
    expect(expected.get).toContain(`X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}`);
    expect(urls).toEqual({ get: redact(expected.get), put: redact(expected.put) });
  });
});

describe('AWS S3 endpoints and keys, against the AWS SDK', () => {
  it('sends a bucket whose name has dots path-style on the region\u2019s host, as the SDK does', async () => {
    const { requests } = await sameAsSdk(
      () => sdk().send(new HeadObjectCommand({ Bucket: DOTTED, Key: 'reports/june.pdf' })),
      'head',
      {
        bucket: DOTTED,
        key: 'reports/june.pdf',
      },
      { host: REGION_HOST },
    );
    expect(requests[0]!.path).toBe(`/${DOTTED}/reports/june.pdf`);
  });

  it('uploads to MinIO path-style, signed for its endpoint and region', async () => {
    const minio = { region: 'us-east-1', endpoint: `https://${MINIO}`, forcePathStyle: true };
    const client = sdk(minio);
    await take();
    await client.send(
      new PutObjectCommand({ Bucket: MINIO_BUCKET, Key: 'db/dump.sql', Body: Buffer.from('SELECT 1;'), ContentType: 'application/sql' }),
    );
    const expected = await take();
    const start = bed.server.requests.length;
    const run = await node(
      'object',
      'put',
      { bucket: MINIO_BUCKET, key: 'db/dump.sql' },
      { credentials: { awsS3Api: 'minio' }, input: file('SELECT 1;', 'application/sql', 'dump.sql') },
    );
    expect(run.requests).toEqual(expected);
    expect(run.requests[0]).toMatchObject({ path: `/${MINIO_BUCKET}/db/dump.sql`, auth: `${ACCESS_KEY}/us-east-1` });
    await expectSignedAsSdk(rawSince(start), MINIO, client);
  });

  it('lists an R2 bucket as a subdomain of its endpoint, signed for region auto', async () => {
    const client = sdk({ region: 'auto', endpoint: `https://${R2}` });
    const { requests } = await sameAsSdk(
      () => client.send(new ListObjectsV2Command({ Bucket: R2_BUCKET, Prefix: 'logs/00', MaxKeys: 50 })),
      'list',
      { bucket: R2_BUCKET, prefix: 'logs/00' },
      { host: `${R2_BUCKET}.${R2}`, credentials: { awsS3Api: 'r2' }, client },
    );
    expect(requests[0]).toMatchObject({ path: '/', auth: `${ACCESS_KEY}/auto` });
  });

  it('signs with temporary credentials: the session token in x-amz-security-token, signed, as the SDK sends it', async () => {
    const client = sdk({}, SESSION_TOKEN);
    const { requests } = await sameAsSdk(
      () => client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/june.pdf' })),
      'head',
      { bucket: BUCKET, key: 'reports/june.pdf' },
      { credentials: { awsS3Api: 'session' }, client },
    );
    expect(requests[0]!.amz['x-amz-security-token']).toBe(SESSION_TOKEN);
  });
});

// --- Limits, errors and credentials ------------------------------------------------------------------------------

describe('AWS S3 rate limits and errors', () => {
  itWaitsOutRateLimit(bed, {
    title: 'waits out S3\u2019s SlowDown on the engine clock (1 s, as S3 gives no time), then tries again',
    parameters: { resource: 'object', operation: 'list', bucket: BUCKET, prefix: 'logs/000' },
    limits: (request) => request.url.includes('list-type=2'),
    answer: s3Error(503, 'SlowDown', 'Please reduce your request rate.'),
    waitMs: 1_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([limited.length, retried.length]).toEqual([1, 1]);
      expect(retried[0]).toEqual(limited[0]);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429',
    parameters: { resource: 'object', operation: 'delete', bucket: BUCKET, key: 'tmp/old.txt' },
    limits: (request) => request.method === 'DELETE',
    answer: {
      ...s3Error(429, 'SlowDown', 'Please reduce your request rate.'),
      headers: { 'content-type': 'application/xml', 'retry-after': '3' },
    },
    waitMs: 3_000,
    check: ({ execution }) => expect(execution.status).toBe('success'),
  });

  it('names S3\u2019s code and the parameter at fault, as the SDK names the error', async () => {
    const sdkErrors = [
      await sdk()
        .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing.txt' }))
        .catch((e: Error) => e.name),
      await sdk()
        .send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing.txt' }))
        .catch((e: Error) => e.name),
      await sdk()
        .send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy.txt', CopySource: `${BUCKET}/missing.txt` }))
        .catch((e: Error) => e.name),
    ];
    await take();
    expect(sdkErrors).toEqual(['NoSuchKey', 'NotFound', 'NoSuchKey']);
    const got = await node('object', 'get', { bucket: BUCKET, key: 'missing.txt' });
    expect(got.execution.error?.message).toBe(
      "Node 'Storage': AWS S3 object.get failed: HTTP 404 NoSuchKey: The specified key does not exist. (parameter 'key')",
    );
    expect(got.execution.error?.details).toMatchObject({ service: 's3', status: 404, vendorCode: 'NoSuchKey', parameter: 'key' });
    const headed = await node('object', 'head', { bucket: BUCKET, key: 'missing.txt' });
    expect(headed.execution.error?.message).toBe(
      "Node 'Storage': AWS S3 object.head failed: HTTP 404 NotFound: Not Found (parameter 'key')",
    );
    const copied = await node('object', 'copy', { sourceBucket: BUCKET, sourceKey: 'missing.txt', bucket: BUCKET, key: 'copy.txt' });
    expect(copied.execution.error?.message).toMatch(/HTTP 404 NoSuchKey: The specified key does not exist\. \(parameter 'sourceKey'\)$/);
  });

  it('says the credential\u2019s region must be the bucket\u2019s when S3 answers PermanentRedirect', async () => {
    const withdraw = bed.server.answerOnce(
      () => true,
      s3Error(
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        `<Endpoint>${BUCKET}.s3.us-west-2.amazonaws.com</Endpoint><Bucket>${BUCKET}</Bucket>`,
      ),
    );
    const { execution } = await node('object', 'list', { bucket: BUCKET });
    withdraw();
    expect(execution.error?.message).toMatch(
      /HTTP 301 PermanentRedirect: The bucket you are attempting to access must be addressed .* The credential’s region must be the bucket’s\.$/,
    );
  });

  itTestsCredential(bed, 'tests a credential by listing its buckets, as the SDK lists them: a good key passes, a revoked one fails', [
    { id: 'aws', sdk: () => sdk().send(new ListBucketsCommand({})) },
    {
      id: 'revoked',
      sdk: async () =>
        expect(
          await sdk({ credentials: { accessKeyId: REVOKED, secretAccessKey: SECRET } })
            .send(new ListBucketsCommand({}))
            .catch((e: Error) => e.name),
        ).toBe('InvalidAccessKeyId'),
      outcome: { ok: false, status: 403, message: 'The test request was refused with HTTP 403 Forbidden.' },
    },
  ]);

  it('refuses an endpoint with a path and a region that is not one, naming the field', async () => {
    await expect(
      bed.engine.credentials.create({ name: 'bad', type: 'awsS3Api', data: credential({ endpoint: 'https://minio.example.com/s3' }) }),
    ).rejects.toThrow(/endpoint.*must be an http\(s\) origin without a path/);
    await expect(bed.engine.credentials.create({ name: 'bad', type: 'awsS3Api', data: credential({ region: 'EU West' }) })).rejects.toThrow(
      /region.*must be a region name such as eu-west-1/,
    );
  });

  it('sends a custom API call to the credential\u2019s own endpoint, and refuses a full URL', async () => {
    const sent = await node(
      'custom',
      'apiCall',
      { method: 'GET', path: `/${BUCKET}/reports/june.pdf` },
      { credentials: { awsS3Api: 'minio' } },
    );
    expect(sent.requests[0]).toMatchObject({ path: `/${BUCKET}/reports/june.pdf`, auth: `${ACCESS_KEY}/us-east-1` });
    const away = await node('custom', 'apiCall', { method: 'GET', path: 'https://evil.example.com/x' });
    expect(away.execution.error?.message).toMatch(/parameter 'path' must be a path below https:\/\/s3\.invalid, not a URL/);
    expect(away.requests).toEqual([]);
  });
});

describe('AWS S3 node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Storage',
    parameters: { resource: 'object', operation: 'head', bucket: BUCKET, key: 'a.txt' },
    message: "Node 'Storage': AWS S3 object.head needs a credential: choose a AWS S3 access key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter that is wrong, missing or unknown', {
    name: 'Storage',
    cases: [
      {
        parameters: { resource: 'object', operation: 'get', bucket: BUCKET, key: 'a/../../other-bucket/secret' },
        throws: "node 'Storage' (AWS S3): parameter 'key' must not have . or .. as a path segment, which URLs cannot address",
      },
      {
        parameters: { resource: 'object', operation: 'get', bucket: 'no/slashes', key: 'a.txt' },
        throws: "node 'Storage' (AWS S3): parameter 'bucket' must be a bucket name such as my-bucket",
      },
      {
        parameters: { resource: 'object', operation: 'head', bucket: BUCKET },
        fails: "Node 'Storage': AWS S3 object.head: parameter 'key' is required.",
      },
      {
        parameters: { resource: 'object', operation: 'put', bucket: BUCKET, key: 'a.txt' },
        fails: "Node 'Storage': AWS S3 object.put: parameter 'binaryProperty': the item has no binary 'data' with data.",
      },
      {
        parameters: { resource: 'object', operation: 'put', bucket: BUCKET, key: 'a.txt', partSize: 1 },
        input: file('x'),
        throws: "node 'Storage' (AWS S3): parameter 'partSize' expected a number at least 5, got 1",
      },
      {
        parameters: { resource: 'object', operation: 'put', bucket: BUCKET, key: 'a.txt', metadata: { note: 'caf\u00e9' } },
        input: file('x'),
        throws: /node 'Storage' \(AWS S3\): parameter 'metadata.*' must be plain ASCII text \(S3 sends metadata in headers\)/,
      },
      {
        parameters: { resource: 'object', operation: 'presignGet', bucket: BUCKET, key: 'a.txt', expiresIn: 604_801 },
        throws: "node 'Storage' (AWS S3): parameter 'expiresIn' expected a number at most 604800, got 604801",
      },
    ],
    unknown: { service: 'AWS S3', resources: ['object', 'custom'], operation: ['object', 'put'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the credential\u2019s endpoint, moved to the bucket\u2019s host and signed', {
    parameters: { method: 'GET', path: `/${BUCKET}/`, query: { 'list-type': '2', prefix: 'logs/000', 'max-keys': '2' } },
    request: {
      method: 'GET',
      path: '/',
      query: { 'list-type': '2', prefix: 'logs/000', 'max-keys': '2' },
      auth: `${ACCESS_KEY}/${REGION}`,
    },
    item: { statusCode: 200 },
  });
});

describe('AWS S3 in a workflow', () => {
  it('archives the June reports: Manual Trigger \u2192 S3 list \u2192 S3 copy of each, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'list',
        name: 'June reports',
        type: s3.node.type,
        parameters: { resource: 'object', operation: 'list', bucket: BUCKET, prefix: 'logs/000', limit: 3 },
        credentials: { awsS3Api: 'aws' },
      },
      {
        id: 'copy',
        name: 'Archive',
        type: s3.node.type,
        parameters: {
          resource: 'object',
          operation: 'copy',
          sourceBucket: BUCKET,
          sourceKey: 'reports/june.pdf',
          bucket: BUCKET,
          key: 'archive/{{ $json.Key }}',
          contentType: 'application/json',
        },
        credentials: { awsS3Api: 'aws' },
      },
    ]);
    const { requests, execution } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'aws', type: 'awsS3Api', data: credential() }],
      compare: 'copy',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /',
      'PUT /archive/logs/0000.json',
      'PUT /archive/logs/0001.json',
      'PUT /archive/logs/0002.json',
    ]);
    expect(requests[1]).toMatchObject({ contentType: 'application/json', amz: { 'x-amz-metadata-directive': 'REPLACE' } });
    expect(outputOf({ ...execution, nodes: { service: execution.nodes['copy']! } })).toHaveLength(3);
  });
});
