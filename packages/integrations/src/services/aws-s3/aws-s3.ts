import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { OperationContext, OperationDefinition, VendorResponse } from '../../kit/service-types.js';
import { COPY_RESULT, errorOf, fromHeaders, fromXml, listPage, OUTPUT_HEADERS } from './aws-s3-answers.js';
import { keysOf, s3AccessKey, s3Properties } from './aws-s3-credentials.js';
import { BASE_URL, escapeUri, placeholderUrl } from './aws-s3-endpoint.js';
import { s3Info } from './aws-s3-info.js';
import { uploadInParts } from './aws-s3-multipart.js';
import {
  binaryProperty,
  bucket,
  contentType,
  expiresIn,
  fileItem,
  fileOf,
  key,
  listParams,
  metadata,
  objectHeaders,
  storageClass,
  versionId,
} from './aws-s3-params.js';
import { presignS3Url } from './aws-s3-signer.js';
import { s3Send, SLOT, type S3Caller } from './aws-s3-transport.js';
import { parseXml } from './aws-s3-xml.js';

export { s3AccessKey };

type Params = Record<string, unknown>;
type Run = (caller: S3Caller, p: Params) => Promise<Item[]>;

const MIB = 1024 * 1024;
/** The most keys S3 lists in one page. */
const MAX_KEYS = 1000;

/** An S3 operation: its parameters and its code, which sends through the S3 transport. */
function op(name: string, displayName: string, params: z.ZodObject<z.ZodRawShape>, run: Run, description?: string): OperationDefinition {
  return {
    displayName,
    ...(description ? { description } : {}),
    params,
    execute: (o) => run({ op: o as OperationContext<Params>, label: `AWS S3 object.${name}` }, o.params as Params),
  };
}

/** S3's error document, for the custom API call (the operations read it in their transport). */
function s3Error({ status, body }: VendorResponse) {
  if (status < 300) return undefined;
  const error = typeof body === 'string' ? errorOf(body) : undefined;
  return error ? { code: error.code, message: error.message } : { message: `HTTP ${status}` };
}

const versionQuery = (p: Params): [string, string][] => (p['versionId'] ? [['versionId', String(p['versionId'])]] : []);
const where = (p: Params) => ({ Bucket: p['bucket'], Key: p['key'] });

const put: Run = async (caller, p) => {
  const { bytes, file } = fileOf(caller.op, caller.label);
  const target = { bucket: String(p['bucket']), key: String(p['key']) };
  const headers = objectHeaders(p, (p['contentType'] as string | undefined) ?? file.mimeType);
  const partSize = Number(p['partSize']) * MIB;
  if (bytes.length > partSize) {
    return [{ json: { ...where(p), ...(await uploadInParts(caller, { ...target, headers }, bytes, partSize)) } }];
  }
  const answer = await s3Send(caller, { method: 'PUT', ...target, query: [['x-id', 'PutObject']], headers, body: bytes });
  return [{ json: { ...where(p), ...fromHeaders(answer.headers, OUTPUT_HEADERS.put) } }];
};

const get: Run = async (caller, p) => {
  const answer = await s3Send(caller, {
    method: 'GET',
    bucket: String(p['bucket']),
    key: String(p['key']),
    query: [...versionQuery(p), ['x-id', 'GetObject']],
  });
  const json = { ...where(p), ...fromHeaders(answer.headers, OUTPUT_HEADERS.object) };
  const type = answer.headers.get('content-type') ?? 'application/octet-stream';
  return [fileItem(json, String(p['binaryProperty']), answer.bytes, type, String(p['key']))];
};

const list: Run = async (caller, p) => {
  const limit = p['returnAll'] === true ? Infinity : Number(p['limit']);
  const out: Item[] = [];
  for (let token: string | undefined; ;) {
    const query: [string, string][] = [];
    if (token) query.push(['continuation-token', token]);
    if (p['delimiter']) query.push(['delimiter', String(p['delimiter'])]);
    query.push(['list-type', '2'], ['max-keys', String(Math.min(MAX_KEYS, limit - out.length))]);
    if (p['prefix']) query.push(['prefix', String(p['prefix'])]);
    if (p['startAfter']) query.push(['start-after', String(p['startAfter'])]);
    const page = listPage((await s3Send(caller, { method: 'GET', bucket: String(p['bucket']), query })).text);
    for (const json of [...page.objects, ...page.prefixes]) if (out.length < limit) out.push({ json });
    if (!page.next || out.length >= limit) return out;
    token = page.next;
  }
};

const remove: Run = async (caller, p) => {
  const answer = await s3Send(caller, {
    method: 'DELETE',
    bucket: String(p['bucket']),
    key: String(p['key']),
    query: [...versionQuery(p), ['x-id', 'DeleteObject']],
  });
  return [{ json: { ...where(p), ...fromHeaders(answer.headers, OUTPUT_HEADERS.delete) } }];
};

const copy: Run = async (caller, p) => {
  const source = `${escapeUri(String(p['sourceBucket']))}/${String(p['sourceKey']).split('/').map(escapeUri).join('/')}`;
  const replace = p['contentType'] !== undefined || p['metadata'] !== undefined;
  const answer = await s3Send(
    { ...caller, parameters: { NoSuchKey: 'sourceKey', NoSuchVersion: 'sourceVersionId' } },
    {
      method: 'PUT',
      bucket: String(p['bucket']),
      key: String(p['key']),
      query: [['x-id', 'CopyObject']],
      headers: {
        ...objectHeaders(p, p['contentType'] as string | undefined),
        'x-amz-copy-source': p['sourceVersionId'] ? `${source}?versionId=${escapeUri(String(p['sourceVersionId']))}` : source,
        'x-amz-metadata-directive': replace ? 'REPLACE' : undefined,
      },
      errorIn200: true,
    },
  );
  return [
    {
      json: {
        ...where(p),
        CopyObjectResult: fromXml(parseXml(answer.text), COPY_RESULT),
        ...fromHeaders(answer.headers, OUTPUT_HEADERS.copy),
      },
    },
  ];
};

const head: Run = async (caller, p) => {
  const answer = await s3Send(caller, { method: 'HEAD', bucket: String(p['bucket']), key: String(p['key']), query: versionQuery(p) });
  return [{ json: { ...where(p), ...fromHeaders(answer.headers, OUTPUT_HEADERS.object) } }];
};

/** A presigned URL, signed with the credential's keys (read for it: a presigned URL is a signature nobody sends). */
const presign =
  (method: 'GET' | 'PUT'): Run =>
  async (caller, p) => {
    const { ctx } = caller.op;
    const keys = keysOf(s3Properties.parse(await ctx.credentialData(SLOT)));
    const now = ctx.now();
    const expires = Number(p['expiresIn']);
    const url = await presignS3Url(keys, {
      method,
      url: placeholderUrl(String(p['bucket']), String(p['key']), [['x-id', method === 'GET' ? 'GetObject' : 'PutObject']]),
      expiresIn: expires,
      now,
    });
    return [{ json: { ...where(p), url, method, expiresAt: new Date(now + expires * 1000).toISOString() } }];
  };

const object = { bucket, key };

/** AWS S3 (and S3-compatible stores): objects uploaded, downloaded, listed, copied, deleted and presigned, signed with SigV4. */
export const s3 = defineService({
  ...s3Info,
  baseUrl: BASE_URL,
  credentials: [s3AccessKey],
  error: s3Error,
  resources: {
    object: {
      displayName: 'Object',
      operations: {
        put: op(
          'put',
          'Upload',
          z.object({
            ...object,
            binaryProperty,
            contentType: contentType.optional(),
            metadata: metadata.optional(),
            storageClass: storageClass.optional(),
            partSize: z.number().int().min(5).max(5120).default(8).meta({
              label: 'Part size (MiB)',
              description: 'A larger file is uploaded in parts of this size; an upload that fails on the way is aborted.',
            }),
          }),
          put,
          'The item\u2019s file, as an object.',
        ),
        get: op(
          'get',
          'Download',
          z.object({ ...object, versionId: versionId.optional(), binaryProperty }),
          get,
          'The object as the item\u2019s file, with its metadata.',
        ),
        list: op(
          'list',
          'List',
          z.object({
            bucket,
            prefix: z.string().optional().meta({ label: 'Prefix', placeholder: 'reports/', description: 'Only keys that start with it.' }),
            delimiter: z
              .string()
              .optional()
              .meta({ label: 'Delimiter', placeholder: '/', description: 'Group keys by what follows the prefix up to it (folders).' }),
            startAfter: z.string().optional().meta({ label: 'Start after', description: 'Only keys after this one.' }),
            ...listParams,
          }),
          list,
          'Objects (and, with a delimiter, common prefixes), every page followed.',
        ),
        delete: op('delete', 'Delete', z.object({ ...object, versionId: versionId.optional() }), remove),
        copy: op(
          'copy',
          'Copy',
          z.object({
            sourceBucket: bucket.meta({ label: 'Source bucket' }),
            sourceKey: key.meta({ label: 'Source key' }),
            sourceVersionId: versionId.optional().meta({ label: 'Source version ID' }),
            ...object,
            contentType: contentType.optional(),
            metadata: metadata.optional(),
            storageClass: storageClass.optional(),
          }),
          copy,
          'To the bucket and key given, within S3; up to 5 GB. A content type or metadata given replaces both of the source\u2019s: give both.',
        ),
        head: op(
          'head',
          'Get metadata',
          z.object({ ...object, versionId: versionId.optional() }),
          head,
          'Its size, type, ETag and metadata.',
        ),
        presignGet: op(
          'presignGet',
          'Create download URL',
          z.object({ ...object, expiresIn }),
          presign('GET'),
          'A presigned URL anyone may download the object with until it expires.',
        ),
        presignPut: op(
          'presignPut',
          'Create upload URL',
          z.object({ ...object, expiresIn }),
          presign('PUT'),
          'A presigned URL anyone may upload the object with (HTTP PUT) until it expires.',
        ),
      },
    },
  },
});
