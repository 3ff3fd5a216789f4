// @ts-check
// Reading request bodies and writing JSON errors with node:http, for the relay
// (the Flowloom API and the host's routes answer through Hono).

/** An error the API answers with: an HTTP status and `{ error: { code, message, ...details } }`. */
export class HttpError extends Error {
  /**
   * @param {number} status HTTP status code
   * @param {string} code stable, machine-readable code
   * @param {string} message a sentence saying what was wrong and where
   * @param {Record<string, unknown>} [details] more fields for the error object (validation issues...)
   */
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Reads a request body, refusing more than `limitBytes` (413).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limitBytes
 * @returns {Promise<Buffer>}
 */
export async function readBody(req, limitBytes) {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** @param {number} limitBytes */
function tooLarge(limitBytes) {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
}

/**
 * Writes a JSON answer.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body `undefined` sends no body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
    .end(text);
}

/**
 * Writes an error as `{ error: { code, message, ...details } }`.
 * @param {import('node:http').ServerResponse} res
 * @param {HttpError} error
 */
export function sendError(res, error) {
  const headers = /** @type {Record<string, string>} */ (error.details.headers ?? {});
  const { headers: _omit, ...details } = error.details;
  sendJson(res, error.status, { error: { code: error.code, message: error.message, ...details } }, headers);
}
