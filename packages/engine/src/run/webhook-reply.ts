import type { WebhookReply } from '../nodes/node-services.js';

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** A JSON error response: `{ error: { code, message } }`. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/** Builds the HTTP response a Respond to Webhook node asked for. */
export function replyToResponse(reply: WebhookReply): Response {
  const headers = new Headers(reply.headers);
  const { body } = reply;
  const noBody = reply.status === 204 || reply.status === 304;
  if (body === undefined || body === null || noBody) return new Response(null, { status: reply.status, headers });
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
    return new Response(body, { status: reply.status, headers });
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/octet-stream');
    // A copy over a plain ArrayBuffer: the only byte view every platform's Response accepts.
    return new Response(body instanceof ArrayBuffer ? body : new Uint8Array(body), { status: reply.status, headers });
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status: reply.status, headers });
}
