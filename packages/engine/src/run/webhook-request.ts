import { toBase64 } from '../binary/bytes.js';
import type { BinaryRef, Item } from '../model/item.js';
import { WebhookBodyError } from './webhook-body.error.js';

async function binaryOf(data: Blob | ArrayBuffer, mimeType: string, fileName?: string): Promise<BinaryRef> {
  const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : await data.arrayBuffer());
  return {
    mimeType: mimeType || 'application/octet-stream',
    ...(fileName ? { fileName } : {}),
    fileSize: bytes.length,
    data: toBase64(bytes),
  };
}

/** Query parameters as an object; a repeated key becomes a list. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  params.forEach((value, key) => {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  });
  return out;
}

/** Request headers whose values executions do not keep, unless the host says otherwise (`webhooks.redactHeaders`). */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = ['authorization', 'cookie', 'proxy-authorization', 'x-api-key'];

/**
 * The values of the named headers in a request item, to be redacted from what
 * the run stores and emits: the workflow still reads them while it runs.
 */
export function sensitiveHeaderValues(item: Item, names: readonly string[]): string[] {
  const headers = item.json.headers as Record<string, unknown> | undefined;
  if (!headers || typeof headers !== 'object') return [];
  const values: string[] = [];
  for (const name of names) {
    const value = headers[name.toLowerCase()];
    if (typeof value !== 'string' || value === '') continue;
    values.push(value);
    // `Basic dXNlcjpwYXNz` / `Bearer t0ken`: the credential alone is a secret too.
    const space = value.indexOf(' ');
    if (space > 0 && space < value.length - 1) values.push(value.slice(space + 1).trim());
  }
  return values;
}

/**
 * Turns an incoming HTTP request into the item a webhook-started run begins
 * with: `{ method, path, params, query, headers, body }`. JSON bodies are
 * parsed, forms become objects (uploaded files go to `binary`), text stays a
 * string, and anything else becomes `binary.data`. With `rawBody`, the body
 * as sent is also `binary.data` (of the request's content type), whatever
 * that type.
 */
export async function requestToItem(
  request: Request,
  extra: { path: string; params: Record<string, string>; rawBody?: boolean },
): Promise<Item> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const json: Record<string, unknown> = {
    method: request.method,
    path: extra.path,
    params: extra.params,
    query: queryObject(url.searchParams),
    headers,
    body: {},
  };
  const item: Item = { json };
  if (request.method === 'GET' || request.method === 'HEAD') return item;
  const raw = await request.arrayBuffer();
  if (raw.byteLength === 0) return item;
  if (extra.rawBody) {
    const parsed = await parseBody(raw, contentType, headers['content-type'] ?? '', json, item);
    item.binary = { ...item.binary, data: await binaryOf(raw, contentType) };
    return parsed;
  }
  return parseBody(raw, contentType, headers['content-type'] ?? '', json, item);
}

/** Reads the body into the item: `json.body`, or files in `binary`. */
async function parseBody(
  raw: ArrayBuffer,
  contentType: string,
  contentTypeHeader: string,
  json: Record<string, unknown>,
  item: Item,
): Promise<Item> {
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    const text = new TextDecoder().decode(raw);
    try {
      json.body = JSON.parse(text) as unknown;
    } catch (error) {
      throw new WebhookBodyError(
        `The request body is not valid JSON (${(error as Error).message}); send valid JSON, or the content type the body really has.`,
        { cause: error },
      );
    }
  } else if (contentType === 'application/x-www-form-urlencoded') {
    json.body = queryObject(new URLSearchParams(new TextDecoder().decode(raw)));
  } else if (contentType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': contentTypeHeader } }).formData();
    } catch (error) {
      throw new WebhookBodyError(`The multipart form body could not be read: ${(error as Error).message}`, { cause: error });
    }
    const fields: Record<string, string | string[]> = {};
    const files: [string, Blob & { name?: string }][] = [];
    form.forEach((value, key) => {
      if (typeof value === 'string') {
        // A repeated field (checkboxes, a multiple select) becomes a list, as in a URL-encoded body.
        const prev = fields[key];
        fields[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      } else files.push([key, value as Blob & { name?: string }]);
    });
    json.body = fields;
    if (files.length > 0) {
      item.binary = {};
      for (const [key, file] of files) item.binary[key] = await binaryOf(file, file.type, file.name);
    }
  } else if (contentType.startsWith('text/') || contentType === 'application/xml') {
    json.body = new TextDecoder().decode(raw);
  } else {
    item.binary = { data: await binaryOf(raw, contentType) };
  }
  return item;
}
