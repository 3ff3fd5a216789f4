// Dropbox's content endpoints (content.dropboxapi.com): the call's arguments travel as JSON in the `Dropbox-API-Arg`
// header, the file as the body, and a downloaded file comes back as the body with its metadata in
// `Dropbox-API-Result`. The kit's request layer carries JSON and whole files, not chunks of bytes, so these calls are
// sent through the node's credential directly, with the kit's rules kept: signed (the engine refreshes the token),
// a 429 waited out as Retry-After says on the engine's clock, and Dropbox's error as a node error.
import type { BinaryRef, Item } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import { waitFor } from '../../kit/http.js';
import type { OperationContext } from '../../kit/service-types.js';
import { CONTENT_HOST } from './dropbox-credentials.js';
import { dropboxError } from './dropbox-errors.js';

/** The credential slot of the Dropbox node (its credential type's name). */
export const SLOT = 'dropboxOAuth2Api';
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;
const MIB = 1024 * 1024;

type Op = OperationContext<Record<string, unknown>>;

/** JSON safe in an HTTP header: every character past ASCII escaped (`\u00e9`), as Dropbox reads `Dropbox-API-Arg`. */
export function headerJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x00-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Sends one content call (`files/upload`, `files/download`...) and returns Dropbox's answer. */
export async function contentCall(
  op: Op,
  label: string,
  route: string,
  arg: unknown,
  body?: Uint8Array<ArrayBuffer>,
): Promise<{ headers: Headers; bytes: Uint8Array<ArrayBuffer> }> {
  const { ctx } = op;
  const headers: Record<string, string> = { 'dropbox-api-arg': headerJson(arg) };
  if (body) headers['content-type'] = 'application/octet-stream';
  for (let attempt = 0; ; attempt++) {
    const response = await ctx.authenticatedFetch(SLOT, `https://${CONTENT_HOST}/2/${route}`, {
      method: 'POST',
      headers,
      ...(body ? { body } : {}),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.ok) return { headers: response.headers, bytes };
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // Dropbox answers a malformed call in plain text.
    }
    const read = { status: response.status, headers: response.headers, body: parsed };
    const limited = response.status === 429 || (response.status === 503 && response.headers.has('retry-after'));
    if (limited && attempt < MAX_RETRIES) {
      const waitMs = waitFor(read, {}, ctx.now(), attempt);
      if (waitMs > MAX_WAIT_MS) {
        throw nodeError(
          ctx,
          `${label}: Dropbox asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the 60 s allowed.`,
          'RATE_LIMITED',
          undefined,
          true,
        );
      }
      ctx.logger.info(`${label}: rate limited (HTTP ${response.status}); trying again in ${waitMs} ms.`);
      await ctx.sleep(waitMs);
      continue;
    }
    const vendor = dropboxError(read) ?? { message: `HTTP ${response.status}` };
    const at = vendor.parameter ? ` (parameter '${vendor.parameter}')` : '';
    throw nodeError(
      ctx,
      `${label} failed: HTTP ${response.status}${vendor.code ? ` ${vendor.code}` : ''}: ${vendor.message}${at}`,
      'SERVICE_ERROR',
      undefined,
      response.status === 429 || response.status >= 500,
      { service: 'dropbox', status: response.status, vendorCode: vendor.code, parameter: vendor.parameter, body: parsed },
    );
  }
}

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

/**
 * Uploads the item's file to `path`: in one call up to the chunk size, else in an upload session (start with the
 * first chunk, append the middle ones, finish with the last and the commit), as Dropbox asks for files over 150 MB.
 */
export async function upload(op: Op, label: string): Promise<Item[]> {
  const p = op.params;
  const property = String(p['binaryProperty']);
  const file = op.item.binary?.[property];
  if (!file?.data) {
    throw nodeError(op.ctx, `${label}: parameter 'binaryProperty': the item has no binary '${property}' with data.`, 'PARAMETER_INVALID');
  }
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  const commit = { path: p['path'], mode: p['mode'], autorename: p['autorename'], mute: p['mute'] };
  const chunk = Number(p['chunkSize']) * MIB;
  if (bytes.length <= chunk) return [{ json: json((await contentCall(op, label, 'files/upload', commit, bytes)).bytes) }];
  const started = json((await contentCall(op, label, 'files/upload_session/start', { close: false }, bytes.subarray(0, chunk))).bytes);
  const session = String(started['session_id']);
  let offset = chunk;
  for (; bytes.length - offset > chunk; offset += chunk) {
    await contentCall(
      op,
      label,
      'files/upload_session/append_v2',
      { cursor: { session_id: session, offset }, close: false },
      bytes.subarray(offset, offset + chunk),
    );
  }
  const finished = await contentCall(
    op,
    label,
    'files/upload_session/finish',
    { cursor: { session_id: session, offset }, commit },
    bytes.subarray(offset),
  );
  return [{ json: json(finished.bytes) }];
}

/** Downloads the file at `path` into the item's binary, with its metadata as the item's JSON. */
export async function download(op: Op, label: string): Promise<Item[]> {
  const answer = await contentCall(op, label, 'files/download', { path: op.params['path'] });
  const metadata = JSON.parse(answer.headers.get('dropbox-api-result') ?? '{}') as Record<string, unknown>;
  let text = '';
  for (let i = 0; i < answer.bytes.length; i += 0x8000) text += String.fromCharCode(...answer.bytes.subarray(i, i + 0x8000));
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
  const file: BinaryRef = {
    data: btoa(text),
    mimeType: answer.headers.get('content-type') ?? 'application/octet-stream',
    fileSize: answer.bytes.length,
    ...(name ? { fileName: name } : {}),
  };
  return [{ json: metadata, binary: { [String(op.params['binaryProperty'])]: file } }];
}
