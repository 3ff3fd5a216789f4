import { ApiError } from '../errors/api.error.js';

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
}

/**
 * Whether reading the request's body cannot pass `maxBytes`: it has none
 * (GET, HEAD) or declares its length, within the limit (the HTTP server
 * reads no more than that). A declared length over the limit is refused now
 * with 413 (`PAYLOAD_TOO_LARGE`), before anything is read. False for a body
 * sent without a length (in chunks): read it with `readRequestBody`.
 */
export function bodyWithinLimit(request: Request, maxBytes: number): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const declared = request.headers.get('content-length');
  if (declared === null || !/^\d+$/.test(declared) || request.headers.has('transfer-encoding')) return false;
  if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
  return true;
}

/**
 * A request's body, read whole: undefined for GET and HEAD, and refused with
 * 413 (`PAYLOAD_TOO_LARGE`) past `maxBytes`. A declared length over the
 * limit is refused before anything is read; a body sent without one (in
 * chunks) is read as it comes and refused as soon as it passes the limit.
 *
 * A body of declared length is read with `arrayBuffer()` and its stream is
 * never touched: @hono/node-server then reads it from the socket without
 * building a web stream and a full `Request` for it.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<ArrayBuffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (bodyWithinLimit(request, maxBytes)) {
    const body = await request.arrayBuffer();
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes);
    return body;
  }
  const stream = request.body;
  if (!stream) return new ArrayBuffer(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}
