// n8n's AWS S3 node (versions 1 and 2) and its S3 node for S3-compatible stores (version 1) as Flowloom's AWS S3 node.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { noOperation, slotFor } from './n8n-parameters.js';

const TYPE = 'integrations.s3';

/** n8n's storage class names, as S3 names them (`x-amz-storage-class`). */
const STORAGE_CLASS: Record<string, string> = {
  standard: 'STANDARD',
  reducedRedundancy: 'REDUCED_REDUNDANCY',
  standardIA: 'STANDARD_IA',
  onezoneIA: 'ONEZONE_IA',
  intelligentTiering: 'INTELLIGENT_TIERING',
  glacier: 'GLACIER',
  deepArchive: 'DEEP_ARCHIVE',
};

/** What n8n's upload sets on the object that Flowloom's node does not: access grants, locks, encryption, tags. */
const UPLOAD_ONLY_DEFAULTS = [
  'acl',
  'grantFullControl',
  'grantRead',
  'grantReadAcp',
  'grantWriteAcp',
  'lock',
  'lockLegalHold',
  'lockMode',
  'lockRetainUntilDate',
  'requesterPays',
  'serverSideEncryption',
  'serverSideEncryptionContext',
  'serverSideEncryptionAwsKmsKeyId',
  'serverSideEncryptionCustomerAlgorithm',
  'serverSideEncryptionCustomerKey',
  'serverSideEncryptionCustomerKeyMD5',
];

/** The object's key: n8n puts the file name under `parentFolderKey` when one is given. */
function objectKey(ctx: MapContext, folderPath: string, namePath: string): unknown {
  const name = ctx.value(namePath, undefined, { asText: true });
  const folder = ctx.value(folderPath, undefined, { asText: true });
  if (folder === undefined || folder === '') return name;
  if (typeof folder !== 'string' || typeof name !== 'string') ctx.fail(folderPath, 'expected the folder key as text');
  return `${folder.replace(/\/+$/, '')}/${name}`;
}

function upload(ctx: MapContext): Record<string, unknown> {
  const binary = ctx.literal<boolean>('binaryData', 'boolean', true);
  if (!binary)
    ctx.fail(
      'binaryData',
      "uploading text written in the node (fileContent) has no equivalent: Flowloom's S3 node uploads the item's file",
    );
  const a = 'additionalFields';
  for (const option of UPLOAD_ONLY_DEFAULTS) ctx.onlyDefault(`${a}.${option}`, false, '');
  ctx.onlyDefault('tagsUi', {}, { tagsValues: [] });
  const storage = ctx.literal<string>(`${a}.storageClass`, 'string');
  if (storage !== undefined && !(storage in STORAGE_CLASS))
    ctx.fail(`${a}.storageClass`, `the storage class '${storage}' is not one S3 has`);
  return compact({
    resource: 'object',
    operation: 'put',
    bucket: ctx.value('bucketName', undefined, { asText: true }),
    key: objectKey(ctx, `${a}.parentFolderKey`, 'fileName'),
    binaryProperty: ctx.literal<string>('binaryPropertyName', 'string', 'data'),
    storageClass: storage === undefined ? undefined : STORAGE_CLASS[storage],
  });
}

function download(ctx: MapContext): Record<string, unknown> {
  return {
    resource: 'object',
    operation: 'get',
    bucket: ctx.value('bucketName', undefined, { asText: true }),
    key: ctx.value('fileKey', undefined, { asText: true }),
    binaryProperty: ctx.literal<string>('binaryPropertyName', 'string', 'data'),
  };
}

function list(ctx: MapContext): Record<string, unknown> {
  ctx.onlyDefault('options.fetchOwner', false);
  const returnAll = ctx.literal<boolean>('returnAll', 'boolean', false);
  const limit = returnAll ? (ctx.ignore('limit'), undefined) : ctx.literal<number>('limit', 'number', 100);
  return compact({
    resource: 'object',
    operation: 'list',
    bucket: ctx.value('bucketName', undefined, { asText: true }),
    prefix: ctx.value('options.folderKey', undefined, { asText: true }),
    returnAll: returnAll || undefined,
    limit,
  });
}

function mapper(n8nCredential: string) {
  return (ctx: MapContext): MappedNode => {
    const resource = ctx.literal<string>('resource', 'string', 'file');
    const operation = ctx.literal<string>('operation', 'string', 'download');
    let parameters: Record<string, unknown>;
    if (resource === 'file' && operation === 'upload') parameters = upload(ctx);
    else if (resource === 'file' && operation === 'download') parameters = download(ctx);
    else if (resource === 'file' && operation === 'getAll') parameters = list(ctx);
    else noOperation(ctx, 'S3', resource, operation);
    return { type: TYPE, parameters, credential: slotFor('awsS3Api', n8nCredential) };
  };
}

/** n8n's AWS S3 node: files uploaded, downloaded and listed. Its `aws` credential fills the access key slot. */
export const awsS3Mapping: NodeMapping = { versions: [1, 2], map: mapper('aws') };

/** n8n's S3 node (S3-compatible stores): the same operations; its `s3` credential holds the endpoint Flowloom's takes too. */
export const s3Mapping: NodeMapping = { versions: [1], map: mapper('s3') };
