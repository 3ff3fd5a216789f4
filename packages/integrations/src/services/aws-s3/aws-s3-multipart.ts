// A large upload in parts (CreateMultipartUpload, UploadPart for each part, CompleteMultipartUpload), as the AWS SDK
// sends it. An upload that fails on the way is aborted (AbortMultipartUpload), so its parts are not kept (and
// billed) and the object never appears; the node fails with the error that stopped it.
import { nodeError } from '../../kit/call.js';
import { COMPLETE_RESULT, fromHeaders, fromXml, OUTPUT_HEADERS } from './aws-s3-answers.js';
import { s3Send, type S3Caller } from './aws-s3-transport.js';
import { escapeXml, parseXml, textOf } from './aws-s3-xml.js';

/** The object an upload makes: where, and the headers it is created with (type, metadata, storage class). */
export interface UploadTarget {
  bucket: string;
  key: string;
  headers: Readonly<Record<string, string | undefined>>;
}

/** Uploads `bytes` in parts of `partSize` bytes; returns the completed upload's fields, as the SDK reads them. */
export async function uploadInParts(
  caller: S3Caller,
  target: UploadTarget,
  bytes: Uint8Array<ArrayBuffer>,
  partSize: number,
): Promise<Record<string, unknown>> {
  const { bucket, key } = target;
  const created = await s3Send(caller, { method: 'POST', bucket, key, query: [['uploads', '']], headers: target.headers });
  const uploadId = textOf(parseXml(created.text), 'UploadId');
  if (!uploadId) {
    throw nodeError(
      caller.op.ctx,
      `${caller.label}: S3 started a multipart upload but named no UploadId.`,
      'SERVICE_ERROR',
      undefined,
      true,
      {
        service: 's3',
        body: created.text,
      },
    );
  }
  const parts: { etag: string; number: number }[] = [];
  try {
    for (let offset = 0, number = 1; offset < bytes.length; offset += partSize, number++) {
      const answer = await s3Send(caller, {
        method: 'PUT',
        bucket,
        key,
        query: [
          ['partNumber', String(number)],
          ['uploadId', uploadId],
          ['x-id', 'UploadPart'],
        ],
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes.subarray(offset, offset + partSize),
      });
      const etag = answer.headers.get('etag');
      if (!etag) {
        throw nodeError(
          caller.op.ctx,
          `${caller.label}: S3 took part ${number} but gave no ETag for it.`,
          'SERVICE_ERROR',
          undefined,
          true,
          {
            service: 's3',
          },
        );
      }
      parts.push({ etag, number });
    }
    const listed = parts.map((p) => `<Part><ETag>${escapeXml(p.etag)}</ETag><PartNumber>${p.number}</PartNumber></Part>`).join('');
    const done = await s3Send(caller, {
      method: 'POST',
      bucket,
      key,
      query: [['uploadId', uploadId]],
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${listed}</CompleteMultipartUpload>`,
      errorIn200: true,
    });
    return {
      ...fromXml(parseXml(done.text), COMPLETE_RESULT),
      ...fromHeaders(done.headers, OUTPUT_HEADERS.complete),
      PartsCount: parts.length,
    };
  } catch (error) {
    await abort(caller, target, uploadId, error);
    throw error;
  }
}

/** Why a request failed: its message without the node's name and the operation, which the message it goes into has. */
const reason = (error: unknown, label: string) => (error as Error).message.replace(/^Node '[^']*': /, '').replace(`${label} failed: `, '');

/** Aborts the upload; when even that fails, says so, since the parts stay stored until a lifecycle rule removes them. */
async function abort(caller: S3Caller, { bucket, key }: UploadTarget, uploadId: string, cause: unknown): Promise<void> {
  try {
    await s3Send(caller, {
      method: 'DELETE',
      bucket,
      key,
      query: [
        ['uploadId', uploadId],
        ['x-id', 'AbortMultipartUpload'],
      ],
    });
    caller.op.ctx.logger.info(`${caller.label}: aborted multipart upload ${uploadId} of ${bucket}/${key}.`);
  } catch (failed) {
    throw nodeError(
      caller.op.ctx,
      `${caller.label} failed (${reason(cause, caller.label)}), and its multipart upload ${uploadId} could not be aborted (${reason(failed, caller.label)}): its parts stay stored until it is aborted or a lifecycle rule removes them.`,
      'SERVICE_ERROR',
      cause,
      false,
      { service: 's3', uploadId },
    );
  }
}
