// AWS S3 as the catalog lists it: a stand-in for its node type and one for its credential type, whose code (the
// operations, the SigV4 signer) loads the first time a workflow uses them.
import { defineLazyCredentialType, defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { s3Info } from './aws-s3-info.js';

/** The AWS S3 access key's stand-in. */
export const awsS3AccessKey = defineLazyCredentialType({
  name: 'awsS3Api',
  displayName: 'AWS S3 access key',
  load: async () => (await import('./aws-s3-credentials.js')).s3AccessKey,
});

/** The AWS S3 node's stand-in: what the palette lists, and where the service loads from. */
export const awsS3 = defineLazyNode({
  type: `integrations.${s3Info.id}`,
  version: 1,
  displayName: s3Info.displayName,
  description: s3Info.description,
  group: 'integration',
  icon: s3Info.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: awsS3AccessKey.name, type: awsS3AccessKey.name, required: false }],
  load: async () => (await import('./aws-s3.js')).s3.node,
});

/** AWS S3's node types, for the catalog. */
export const awsS3NodeTypes: readonly NodeType[] = [awsS3];
/** AWS S3's credential types, as stand-ins, for the catalog. */
export const awsS3CredentialTypes: readonly LazyCredentialType[] = [awsS3AccessKey];
