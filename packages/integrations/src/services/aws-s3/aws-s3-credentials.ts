// AWS S3's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { BASE_URL, isEndpoint, s3Hosts } from './aws-s3-endpoint.js';
import { signS3Request, type S3Keys } from './aws-s3-signer.js';

/** The SHA-256 of an empty payload, as `x-amz-content-sha256` carries it. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** An access key's fields, and where its requests go. */
export const s3Properties = z.object({
  // The key ID names the key in every signature and presigned URL, as AWS intends: it is not secret.
  accessKeyId: z.string().trim().min(1).meta({ label: 'Access key ID', placeholder: 'AKIA...' }),
  secretAccessKey: z.string().trim().min(1).meta({ label: 'Secret access key', secret: true }),
  sessionToken: z
    .string()
    .trim()
    .optional()
    .meta({ label: 'Session token', secret: true, description: 'Only for temporary credentials (AWS STS, an assumed role).' }),
  region: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-west-1 (auto for Cloudflare R2)')
    .default('us-east-1')
    .meta({ label: 'Region', placeholder: 'us-east-1', description: 'The buckets\u2019 region; auto for Cloudflare R2.' }),
  endpoint: z
    .string()
    .trim()
    .refine((v) => v === '' || isEndpoint(v), 'must be an http(s) origin without a path, such as https://minio.example.com:9000')
    .optional()
    .meta({
      label: 'Endpoint',
      placeholder: 'https://<account>.r2.cloudflarestorage.com',
      description: 'An S3-compatible service (MinIO, Cloudflare R2...); leave empty for Amazon S3.',
    }),
  forcePathStyle: z.boolean().default(false).meta({
    label: 'Path-style addresses',
    description: 'Address buckets as <endpoint>/<bucket> rather than <bucket>.<endpoint>; MinIO usually needs it.',
  }),
});
export type S3CredentialData = z.output<typeof s3Properties>;

/** The keys and endpoint of a credential's data, with empty fields as unset. */
export function keysOf(d: S3CredentialData): S3Keys {
  return {
    accessKeyId: d.accessKeyId,
    secretAccessKey: d.secretAccessKey,
    sessionToken: d.sessionToken || undefined,
    region: d.region,
    endpoint: d.endpoint || undefined,
    forcePathStyle: d.forcePathStyle,
  };
}

/**
 * An access key for Amazon S3 or an S3-compatible service, signing requests with AWS Signature Version 4. The S3
 * node reads its fields to presign URLs (a presigned URL is a signature made for someone else to use, so nothing is
 * sent to sign it); every other request is signed here, and the node never holds the keys for those.
 */
export const s3AccessKey = defineCredentialType({
  name: 'awsS3Api',
  displayName: 'AWS S3 access key',
  description: 'An IAM access key (or an S3-compatible service\u2019s key) allowed to use the buckets the workflows name.',
  documentationUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  properties: s3Properties,
  authenticate: (d) => ({
    type: 'custom',
    // Signers get no clock from the engine; the node's requests carry the engine clock's time in x-amz-date.
    sign: (request) => signS3Request(request, keysOf(d), Date.now()),
  }),
  allowedHosts: (d) => s3Hosts(keysOf(d)),
  readableByNodes: true,
  // Listing the buckets answers for any working key (ListBuckets).
  test: () => ({ url: `${BASE_URL}/?x-id=ListBuckets`, headers: { 'x-amz-content-sha256': EMPTY_SHA256 } }),
});
