// S3's answers as the AWS SDK reads them: fields taken from headers and from XML, named and typed as the SDK's
// command outputs name them (`ETag`, `LastModified` as an ISO time, `Size` as a number), so an item holds what a
// program using the SDK would see.
import { child, childrenNamed, parseXml, type XmlElement } from './aws-s3-xml.js';

type Kind = 'string' | 'number' | 'boolean' | 'date';
/** How an element's children become fields: a kind, a list of texts, or a nested shape. */
interface Shape {
  readonly [field: string]: Kind | 'list' | Shape;
}

/** The headers S3 answers with, by the field the SDK gives each. */
const HEADERS: Readonly<Record<string, readonly [string, Kind]>> = {
  AcceptRanges: ['accept-ranges', 'string'],
  BucketKeyEnabled: ['x-amz-server-side-encryption-bucket-key-enabled', 'boolean'],
  CacheControl: ['cache-control', 'string'],
  ChecksumCRC32: ['x-amz-checksum-crc32', 'string'],
  ChecksumCRC32C: ['x-amz-checksum-crc32c', 'string'],
  ChecksumCRC64NVME: ['x-amz-checksum-crc64nvme', 'string'],
  ChecksumSHA1: ['x-amz-checksum-sha1', 'string'],
  ChecksumSHA256: ['x-amz-checksum-sha256', 'string'],
  ChecksumType: ['x-amz-checksum-type', 'string'],
  ContentDisposition: ['content-disposition', 'string'],
  ContentEncoding: ['content-encoding', 'string'],
  ContentLanguage: ['content-language', 'string'],
  ContentLength: ['content-length', 'number'],
  ContentRange: ['content-range', 'string'],
  ContentType: ['content-type', 'string'],
  CopySourceVersionId: ['x-amz-copy-source-version-id', 'string'],
  DeleteMarker: ['x-amz-delete-marker', 'boolean'],
  ETag: ['etag', 'string'],
  Expiration: ['x-amz-expiration', 'string'],
  LastModified: ['last-modified', 'date'],
  MissingMeta: ['x-amz-missing-meta', 'number'],
  ObjectLockLegalHoldStatus: ['x-amz-object-lock-legal-hold', 'string'],
  ObjectLockMode: ['x-amz-object-lock-mode', 'string'],
  ObjectLockRetainUntilDate: ['x-amz-object-lock-retain-until-date', 'date'],
  PartsCount: ['x-amz-mp-parts-count', 'number'],
  ReplicationStatus: ['x-amz-replication-status', 'string'],
  RequestCharged: ['x-amz-request-charged', 'string'],
  Restore: ['x-amz-restore', 'string'],
  ServerSideEncryption: ['x-amz-server-side-encryption', 'string'],
  Size: ['x-amz-object-size', 'number'],
  SSEKMSKeyId: ['x-amz-server-side-encryption-aws-kms-key-id', 'string'],
  StorageClass: ['x-amz-storage-class', 'string'],
  TagCount: ['x-amz-tagging-count', 'number'],
  VersionId: ['x-amz-version-id', 'string'],
  WebsiteRedirectLocation: ['x-amz-website-redirect-location', 'string'],
};

const CHECKSUMS = ['ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumSHA1', 'ChecksumSHA256', 'ChecksumType'];
const ENCRYPTION = ['ServerSideEncryption', 'SSEKMSKeyId', 'BucketKeyEnabled'];

/** The header fields of each answer, as the SDK's outputs list them (`Metadata` stands for the `x-amz-meta-*` headers). */
export const OUTPUT_HEADERS = {
  object: [
    'AcceptRanges',
    'CacheControl',
    'ContentDisposition',
    'ContentEncoding',
    'ContentLanguage',
    'ContentLength',
    'ContentRange',
    'ContentType',
    'DeleteMarker',
    'ETag',
    'Expiration',
    'LastModified',
    'MissingMeta',
    'ObjectLockLegalHoldStatus',
    'ObjectLockMode',
    'ObjectLockRetainUntilDate',
    'PartsCount',
    'ReplicationStatus',
    'Restore',
    'StorageClass',
    'TagCount',
    'VersionId',
    'WebsiteRedirectLocation',
    'Metadata',
    ...CHECKSUMS,
    ...ENCRYPTION,
  ],
  put: ['ETag', 'Expiration', 'Size', 'VersionId', ...CHECKSUMS, ...ENCRYPTION],
  delete: ['DeleteMarker', 'RequestCharged', 'VersionId'],
  copy: ['CopySourceVersionId', 'Expiration', 'VersionId', ...ENCRYPTION],
  complete: ['Expiration', 'VersionId', ...ENCRYPTION],
} as const;

function typed(text: string, kind: Kind): unknown {
  switch (kind) {
    case 'number':
      return Number(text);
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'date': {
      const time = Date.parse(text);
      return Number.isNaN(time) ? text : new Date(time).toISOString();
    }
    default:
      return text;
  }
}

/** The fields an answer's headers give, of those named. */
export function fromHeaders(headers: Headers, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'Metadata') {
      const metadata: Record<string, string> = {};
      headers.forEach((value, name) => {
        if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
      });
      out['Metadata'] = metadata;
      continue;
    }
    const [header, kind] = HEADERS[field]!;
    const value = headers.get(header);
    if (value !== null) out[field] = typed(value, kind);
  }
  return out;
}

/** An element's fields as `shape` names and types them; elements it does not name are left out, as the SDK does. */
export function fromXml(element: XmlElement | undefined, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(shape)) {
    const found = childrenNamed(element, field);
    if (found.length === 0) continue;
    if (kind === 'list') out[field] = found.map((e) => e.text);
    else if (typeof kind === 'object') out[field] = fromXml(found[0], kind);
    else out[field] = typed(found[0]!.text, kind);
  }
  return out;
}

/** An object of a listing (`<Contents>`). */
export const LISTED_OBJECT: Shape = {
  Key: 'string',
  LastModified: 'date',
  ETag: 'string',
  ChecksumAlgorithm: 'list',
  ChecksumType: 'string',
  Size: 'number',
  StorageClass: 'string',
  Owner: { DisplayName: 'string', ID: 'string' },
  RestoreStatus: { IsRestoreInProgress: 'boolean', RestoreExpiryDate: 'date' },
};

const CHECKSUM_FIELDS: Shape = {
  ChecksumCRC32: 'string',
  ChecksumCRC32C: 'string',
  ChecksumCRC64NVME: 'string',
  ChecksumSHA1: 'string',
  ChecksumSHA256: 'string',
  ChecksumType: 'string',
};
export const COPY_RESULT: Shape = { ETag: 'string', LastModified: 'date', ...CHECKSUM_FIELDS };
export const COMPLETE_RESULT: Shape = { Location: 'string', Bucket: 'string', Key: 'string', ETag: 'string', ...CHECKSUM_FIELDS };

/** A page of `ListObjectsV2`: its objects, its common prefixes, and the token of the next page. */
export function listPage(xml: string): { objects: Record<string, unknown>[]; prefixes: { Prefix: string }[]; next: string | undefined } {
  const root = parseXml(xml);
  const truncated = child(root, 'IsTruncated')?.text === 'true';
  return {
    objects: childrenNamed(root, 'Contents').map((c) => fromXml(c, LISTED_OBJECT)),
    prefixes: childrenNamed(root, 'CommonPrefixes').map((c) => ({ Prefix: child(c, 'Prefix')?.text ?? '' })),
    next: truncated ? child(root, 'NextContinuationToken')?.text || undefined : undefined,
  };
}

/** S3's error document: `<Error><Code>NoSuchKey</Code><Message>...</Message>...</Error>`, when the text is one. */
export function errorOf(xml: string): { code: string; message: string } | undefined {
  const root = parseXml(xml);
  if (root?.name !== 'Error') return undefined;
  return { code: child(root, 'Code')?.text ?? '', message: child(root, 'Message')?.text ?? '' };
}
