// @ts-check
// Reading requests and writing JSON answers with nothing but node:http, and
// converting between node:http and the Fetch API types the engine's webhook
// handling speaks.

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
 * Reads a JSON request body. An empty body is `undefined`; anything that does
 * not parse is a 400 naming where parsing stopped.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limitBytes
 * @returns {Promise<unknown>}
 */
export async function readJson(req, limitBytes) {
  const text = (await readBody(req, limitBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'BAD_JSON', `The request body is not valid JSON: ${/** @type {Error} */ (error).message}.`);
  }
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

/**
 * Builds a Fetch API `Request` from a node:http request, with its body read
 * (up to `limitBytes`) and its URL rewritten to `path`.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} path the path and query the engine should see
 * @param {number} limitBytes
 * @returns {Promise<Request>}
 */
export async function toFetchRequest(req, path, limitBytes) {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req, limitBytes));
  return new Request(new URL(path, `http://${req.headers.host ?? 'localhost'}`), { method, headers, body });
}

/**
 * Writes a Fetch API `Response` to a node:http response.
 * @param {import('node:http').ServerResponse} res
 * @param {Response} response
 */
export async function sendFetchResponse(res, response) {
  const body = Buffer.from(await response.arrayBuffer());
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers).end(body);
}
