// Drive's file transfers, which are not one described request: uploads (multipart/related, or resumable in chunks for
// large files) and downloads (the bytes kept as a file whatever their type, Google Docs exported).
import { FlowloomError, type BinaryRef, type Item, type NodeContext } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import type { OperationContext, ServiceDefinition } from '../../kit/service-types.js';
import { concatBytes, fromBase64, pathSegment, toBase64 } from '../google/google-bytes.js';
import { bodyOf, operationLabel, sendRaw, summary, type RawResponse } from '../google/google-http.js';

export const DRIVE_API = 'https://www.googleapis.com/drive/v3';
const UPLOAD_API = 'https://www.googleapis.com/upload/drive/v3/files';
/** Google's advice: multipart up to 5 MB, resumable above. */
export const MULTIPART_MAX_BYTES = 5 * 1024 * 1024;
/** Chunks of a resumable upload are multiples of 256 KiB (all but the last). */
const CHUNK_UNIT = 256 * 1024;
/** Interruptions a resumable upload survives (a 5xx, a lost connection) before it gives up. */
const MAX_INTERRUPTIONS = 4;

export type UploadParams = {
  binaryProperty: string;
  fileName?: string | undefined;
  folderId?: string | undefined;
  description?: string | undefined;
  chunkSizeMiB: number;
  fields: string;
};

/** The item's file named by `binaryProperty`, or an error naming the parameter. */
function fileOf(op: OperationContext<{ binaryProperty: string }>, drive: ServiceDefinition): BinaryRef & { data: string } {
  const file = op.item.binary?.[op.params.binaryProperty];
  if (!file?.data) {
    throw nodeError(
      op.ctx,
      `${operationLabel(drive, op.ctx)}: parameter 'binaryProperty': the item has no binary '${op.params.binaryProperty}' with data.`,
      'PARAMETER_INVALID',
    );
  }
  return file as BinaryRef & { data: string };
}

/**
 * Uploads the item's file: in one multipart/related request up to 5 MB,
 * else as a resumable upload in chunks. A resumable upload that is
 * interrupted asks Drive how much it kept and goes on from there; it is
 * done only when Drive answers with the file, and fails otherwise.
 */
export function uploadFile(drive: () => ServiceDefinition) {
  return (op: OperationContext<UploadParams>) => upload(op, drive());
}

async function upload(op: OperationContext<UploadParams>, drive: ServiceDefinition): Promise<Item[]> {
  const { params } = op;
  const file = fileOf(op, drive);
  const bytes = fromBase64(file.data);
  const mimeType = file.mimeType || 'application/octet-stream';
  const metadata = {
    name: params.fileName ?? file.fileName ?? params.binaryProperty,
    ...(params.folderId ? { parents: [params.folderId] } : {}),
    ...(params.description ? { description: params.description } : {}),
  };
  const query = `fields=${encodeURIComponent(params.fields)}&supportsAllDrives=true`;
  if (bytes.length <= MULTIPART_MAX_BYTES) {
    const boundary = crypto.randomUUID();
    const body = concatBytes(
      `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n`,
      `--${boundary}\r\ncontent-type: ${mimeType}\r\n\r\n`,
      bytes,
      `\r\n--${boundary}--`,
    );
    const answer = await sendRaw(op.ctx, drive, {
      method: 'POST',
      url: `${UPLOAD_API}?${query}&uploadType=multipart`,
      headers: { 'content-type': `multipart/related; boundary=${boundary}` },
      body,
    });
    return [{ json: bodyOf(answer) as Record<string, unknown> }];
  }
  const session = await op.request(
    {
      method: 'POST',
      path: '',
      headers: { 'X-Upload-Content-Type': mimeType, 'X-Upload-Content-Length': String(bytes.length) },
      body: metadata,
    },
    `${UPLOAD_API}?${query}&uploadType=resumable`,
  );
  const location = session.headers.get('location');
  if (!location) {
    throw nodeError(op.ctx, `${operationLabel(drive, op.ctx)}: Drive started no upload session (no Location header).`, 'SERVICE_ERROR');
  }
  return [{ json: await sendChunks(op.ctx, drive, location, bytes, params.chunkSizeMiB * 1024 * 1024) }];
}

/**
 * Sends the bytes to a resumable session, chunk by chunk, until Drive
 * answers with the file. Drive answers a chunk it kept with 308 and the
 * range it has; after a 5xx, a 429 or a lost connection the upload waits,
 * asks Drive how much it has (an empty PUT whose `Content-Range` is `bytes`,
 * `*` and the total) and goes on from there. A session Drive no longer
 * knows, or too many interruptions, fail the item: an upload is never
 * reported done without Drive's file.
 */
async function sendChunks(
  ctx: NodeContext,
  drive: ServiceDefinition,
  session: string,
  bytes: Uint8Array,
  chunkSize: number,
): Promise<Record<string, unknown>> {
  const total = bytes.length;
  const size = Math.max(CHUNK_UNIT, Math.floor(chunkSize / CHUNK_UNIT) * CHUNK_UNIT);
  const label = operationLabel(drive, ctx);
  // Every answer is read here: 308 is Drive's "Resume Incomplete", not a redirect.
  const put = (headers: Record<string, string>, body?: Uint8Array): Promise<RawResponse | undefined> =>
    sendRaw(ctx, drive, { method: 'PUT', url: session, headers, ...(body ? { body } : {}) }, () => true, false).catch((error: unknown) => {
      // A lost connection is an interruption; the engine's own refusals (a host, a credential) and a cancelled run are not.
      if (error instanceof FlowloomError || ctx.signal.aborted) throw error;
      return undefined;
    });
  const unfinished = (answer: RawResponse | undefined, offset: number) =>
    nodeError(
      ctx,
      `${label}: the upload stopped after ${offset} of ${total} bytes and was not completed (${answer ? summary(drive, answer) : 'the connection kept failing'}).`,
      'UPLOAD_INCOMPLETE',
      undefined,
      true,
      { uploaded: offset, total, status: answer?.status },
    );
  let offset = 0;
  let interruptions = 0;
  for (;;) {
    const answer =
      offset < total
        ? await put(
            { 'content-range': `bytes ${offset}-${Math.min(offset + size, total) - 1}/${total}` },
            bytes.subarray(offset, offset + size),
          )
        : await put({ 'content-range': `bytes */${total}` });
    if (answer && (answer.status === 200 || answer.status === 201)) return fileIn(ctx, label, answer);
    if (answer?.status === 308 && keptBytes(answer) > offset) {
      offset = keptBytes(answer);
      continue;
    }
    if (answer && answer.status !== 308 && answer.status !== 429 && answer.status < 500) throw unfinished(answer, offset);
    // Interrupted, or no progress: wait, then ask Drive how many bytes it has.
    if (++interruptions > MAX_INTERRUPTIONS) throw unfinished(answer, offset);
    await ctx.sleep(1000 * 2 ** (interruptions - 1));
    const status = await put({ 'content-range': `bytes */${total}` });
    if (status && (status.status === 200 || status.status === 201)) return fileIn(ctx, label, status);
    if (status?.status === 308) offset = keptBytes(status);
    else if (status && status.status !== 429 && status.status < 500) throw unfinished(status, offset);
  }
}

/** How many bytes Drive has kept, from a 308's `Range: bytes=0-<last>` (none without the header). */
function keptBytes(answer: RawResponse): number {
  const range = /^bytes=0-(\d+)$/.exec(answer.headers.get('range') ?? '');
  return range ? Number(range[1]) + 1 : 0;
}

/** The file Drive made, from the answer that ends an upload. */
function fileIn(ctx: NodeContext, label: string, answer: RawResponse): Record<string, unknown> {
  const file = bodyOf(answer);
  if (typeof file !== 'object' || file === null || typeof (file as { id?: unknown }).id !== 'string') {
    throw nodeError(ctx, `${label}: Drive ended the upload without naming the file it made.`, 'UPLOAD_INCOMPLETE', undefined, true, {
      body: file,
    });
  }
  return file as Record<string, unknown>;
}

export type DownloadParams = {
  fileId: string;
  binaryProperty: string;
  exportMimeType?: string | undefined;
};

/** File name extensions of the formats Google Docs files export to. */
const EXPORT_EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/html': 'html',
  'application/zip': 'zip',
  'application/rtf': 'rtf',
  'application/epub+zip': 'epub',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
};

/**
 * Downloads a file into the item's binary: its bytes as Drive stores them,
 * or, for a Google Docs, Sheets or Slides file (which has no bytes of its
 * own), an export in the format asked for.
 */
export function downloadFile(drive: () => ServiceDefinition) {
  return (op: OperationContext<DownloadParams>) => download(op, drive());
}

async function download(op: OperationContext<DownloadParams>, drive: ServiceDefinition): Promise<Item[]> {
  const { params, ctx } = op;
  const meta = (
    await op.request({
      method: 'GET',
      path: '/files/{fileId}',
      query: { fields: 'id,name,mimeType,size,modifiedTime', supportsAllDrives: true },
    })
  ).body as { id: string; name: string; mimeType: string };
  const googleFile = meta.mimeType.startsWith('application/vnd.google-apps.');
  if (googleFile && !params.exportMimeType) {
    throw nodeError(
      ctx,
      `${operationLabel(drive, ctx)}: parameter 'exportMimeType' is required: '${meta.name}' is a Google file (${meta.mimeType}), which downloads only as an export, such as application/pdf.`,
      'PARAMETER_INVALID',
    );
  }
  const id = pathSegment(params.fileId);
  const url = googleFile
    ? `${DRIVE_API}/files/${id}/export?mimeType=${encodeURIComponent(params.exportMimeType!)}`
    : `${DRIVE_API}/files/${id}?alt=media&supportsAllDrives=true`;
  const answer = await sendRaw(ctx, drive, { method: 'GET', url });
  const extension = googleFile ? EXPORT_EXTENSIONS[params.exportMimeType!] : undefined;
  const file: BinaryRef = {
    data: toBase64(answer.bytes),
    mimeType: googleFile ? params.exportMimeType! : (answer.headers.get('content-type')?.split(';')[0] ?? meta.mimeType),
    fileName: extension && !meta.name.endsWith(`.${extension}`) ? `${meta.name}.${extension}` : meta.name,
    fileSize: answer.bytes.length,
  };
  return [{ json: meta as unknown as Record<string, unknown>, binary: { [params.binaryProperty]: file } }];
}
