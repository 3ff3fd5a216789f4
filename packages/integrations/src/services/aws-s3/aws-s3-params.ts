// The S3 operations' parameters, and the files they move between items and bytes.
import type { BinaryRef, Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import type { OperationContext } from '../../kit/service-types.js';

const dotSegment = (key: string) => key.split('/').some((segment) => segment === '.' || segment === '..');

export const bucket = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/, 'must be a bucket name such as my-bucket')
  .meta({ label: 'Bucket', placeholder: 'my-bucket' });
export const key = z
  .string()
  .min(1)
  .max(1024)
  .refine((k) => !dotSegment(k), 'must not have . or .. as a path segment, which URLs cannot address')
  .meta({ label: 'Key', placeholder: 'reports/2026/june.pdf', description: 'The object\u2019s name in the bucket, folders included.' });
export const versionId = z.string().min(1).meta({ label: 'Version ID', description: 'A version of the object; default: the current one.' });
export const binaryProperty = z
  .string()
  .min(1)
  .default('data')
  .meta({ label: 'Binary property', description: 'The item\u2019s file to upload, or where to put the downloaded one.' });
export const contentType = z
  .string()
  .min(1)
  .meta({ label: 'Content type', placeholder: 'application/pdf', description: 'Default: the file\u2019s type.' });
export const metadata = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]+$/, 'names letters, digits, "-", "_" and "." only'),
    z.string().regex(/^[\x20-\x7e]*$/, 'must be plain ASCII text (S3 sends metadata in headers)'),
  )
  .meta({ label: 'Metadata', editor: 'json', description: 'Sent as x-amz-meta-<name> headers and kept with the object.' });
export const storageClass = z
  .enum(['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR'])
  .meta({ label: 'Storage class' });
export const expiresIn = z
  .number()
  .int()
  .min(1)
  .max(604_800)
  .default(3600)
  .meta({ label: 'Expires in (seconds)', description: 'At most 7 days (604800); a URL made with temporary credentials ends with them.' });
export const listParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

/** The headers an upload or a copy sets on the object: its type, its metadata, its storage class. */
export function objectHeaders(p: Record<string, unknown>, type: string | undefined): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {
    'content-type': type,
    'x-amz-storage-class': p['storageClass'] as string | undefined,
  };
  for (const [name, value] of Object.entries((p['metadata'] ?? {}) as Record<string, string>)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/** The bytes of the item's file named by `binaryProperty`, and its type. */
export function fileOf(op: OperationContext<Record<string, unknown>>, label: string): { bytes: Uint8Array<ArrayBuffer>; file: BinaryRef } {
  const property = String(op.params['binaryProperty']);
  const file = op.item.binary?.[property];
  if (!file?.data) {
    throw nodeError(op.ctx, `${label}: parameter 'binaryProperty': the item has no binary '${property}' with data.`, 'PARAMETER_INVALID');
  }
  return { bytes: Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)), file };
}

/** An item holding a downloaded file under `property`, named after the last segment of `key`. */
export function fileItem(json: Record<string, unknown>, property: string, bytes: Uint8Array, mimeType: string, key: string): Item {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const fileName = key.split('/').pop();
  const file: BinaryRef = { data: btoa(text), mimeType, fileSize: bytes.length, ...(fileName ? { fileName } : {}) };
  return { json, binary: { [property]: file } };
}
