// What the palette needs of AWS S3, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** AWS S3 as the palette lists it. */
export const s3Info = {
  id: 's3',
  displayName: 'AWS S3',
  description:
    'Upload, download, list, copy and delete objects in Amazon S3 or an S3-compatible store (MinIO, Cloudflare R2), and make presigned URLs.',
  icon: monogram('S3', '7AA116'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html',
};
