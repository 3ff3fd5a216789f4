import { abortError } from '../../errors/canceled.error.js';
import { FlowloomError } from '../../errors/flowloom.error.js';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { fromBase64, toBase64 } from '../../binary/bytes.js';
import type { BinaryRef, Item } from '../../model/item.js';
import { NetworkError } from '../../ports/network.error.js';
import type { NodeContext } from '../node-context.js';
import type { HttpRequestParams } from './http-request-properties.js';

/** A response read into plain data. */
export interface HttpResult {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string>;
  /** Every `set-cookie` header, in order (`headers` holds the last one). */
  cookies: string[];
  /** Parsed JSON, text, or undefined for binary. */
  body: unknown;
  binary?: BinaryRef;
}

const fail = (
  ctx: NodeContext,
  message: string,
  options: { code?: string; retryable?: boolean; details?: unknown; cause?: unknown } = {},
) => new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, { code: 'HTTP_REQUEST_FAILED', retryable: false, ...options });

function binaryBlob(ctx: NodeContext, item: Item | undefined, property: string, parameter: string): { blob: Blob; ref: BinaryRef } {
  const ref = item?.binary?.[property];
  if (!ref?.data)
    throw fail(ctx, `parameter '${parameter}': the item has no binary '${property}' with data.`, { code: 'PARAMETER_INVALID' });
  return { blob: new Blob([fromBase64(ref.data)], { type: ref.mimeType }), ref };
}

/**
 * The node's URL, checked once more as the request is built: the parameters'
 * schema refuses any other, so this stops a call only if a node built on this
 * function skips that schema.
 */
function requestUrl(ctx: NodeContext, url: string): string {
  if (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)) return url;
  throw fail(ctx, `parameter 'url' must be an http:// or https:// URL, got ${JSON.stringify(url)}.`, { code: 'PARAMETER_INVALID' });
}

/** The URL and fetch options for one request: query, headers and body from the parameters. */
export function buildRequest(
  ctx: NodeContext,
  p: HttpRequestParams,
  item: Item | undefined,
  extraQuery: Record<string, string> = {},
  urlOverride?: string,
): { url: string; init: RequestInit } {
  const url = new URL(urlOverride ?? requestUrl(ctx, p.url));
  if (urlOverride === undefined) for (const q of p.query) url.searchParams.append(q.name, q.value);
  for (const [k, v] of Object.entries(extraQuery)) url.searchParams.set(k, v);
  const headers = new Headers();
  for (const h of p.headers) headers.append(h.name, h.value);
  const init: RequestInit = { method: p.method, headers };
  if (p.method === 'GET' || p.method === 'HEAD' || p.bodyType === 'none') return { url: url.href, init };
  switch (p.bodyType) {
    case 'json': {
      let body = p.jsonBody;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body) as unknown;
        } catch (error) {
          throw fail(ctx, `parameter 'jsonBody' is not valid JSON: ${(error as Error).message}`, { code: 'PARAMETER_INVALID' });
        }
      }
      if (body === undefined) throw fail(ctx, "parameter 'jsonBody' is required when the body is JSON.", { code: 'PARAMETER_INVALID' });
      init.body = JSON.stringify(body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      break;
    }
    case 'form': {
      const form = new URLSearchParams();
      for (const f of p.formFields) form.append(f.name, f.value);
      init.body = form;
      break;
    }
    case 'multipart': {
      const form = new FormData();
      p.multipartFields.forEach((f, i) => {
        if (f.binaryProperty) {
          const { blob, ref } = binaryBlob(ctx, item, f.binaryProperty, `multipartFields.${i}.binaryProperty`);
          form.append(f.name, blob, ref.fileName ?? f.name);
        } else form.append(f.name, f.value ?? '');
      });
      init.body = form;
      break;
    }
    case 'raw':
      if (p.rawBody === undefined) throw fail(ctx, "parameter 'rawBody' is required when the body is raw.", { code: 'PARAMETER_INVALID' });
      init.body = p.rawBody;
      if (!headers.has('content-type')) headers.set('content-type', p.rawContentType);
      break;
    case 'binary': {
      const { blob, ref } = binaryBlob(ctx, item, p.binaryProperty, 'binaryProperty');
      init.body = blob;
      if (!headers.has('content-type')) headers.set('content-type', ref.mimeType);
      break;
    }
  }
  return { url: url.href, init };
}

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), if it says. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

async function readResponse(ctx: NodeContext, p: HttpRequestParams, response: Response, url: string): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
  const result: HttpResult = { statusCode: response.status, statusMessage: response.statusText, headers, cookies, body: undefined };
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = type === 'application/json' || type.endsWith('+json');
  const isText = type.startsWith('text/') || type === 'application/xml' || type.endsWith('+xml') || type === 'application/javascript';
  const format = p.responseFormat === 'auto' ? (isJson ? 'json' : isText || type === '' ? 'text' : 'binary') : p.responseFormat;
  if (p.method === 'HEAD' || response.status === 204) return result;
  if (format === 'binary') {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const fileName = fileNameOf(headers['content-disposition'] ?? null) ?? new URL(url).pathname.split('/').pop();
    result.binary = {
      mimeType: type || 'application/octet-stream',
      ...(fileName ? { fileName } : {}),
      fileSize: bytes.length,
      data: toBase64(bytes),
    };
    return result;
  }
  const text = await response.text();
  if (format === 'text') {
    result.body = text;
    return result;
  }
  if (text === '') return result;
  try {
    result.body = JSON.parse(text) as unknown;
  } catch (error) {
    if (p.responseFormat === 'json' || response.ok) {
      throw fail(ctx, `${p.method} ${url} answered with a body that is not JSON: ${(error as Error).message}`, {
        code: 'HTTP_RESPONSE_INVALID',
        details: { statusCode: response.status, body: text.slice(0, 1000) },
      });
    }
    result.body = text;
  }
  return result;
}

/**
 * Sends one request through the engine's HTTP port (or the credential's
 * authenticated fetch), with the timeout and the retries on 429/5xx and
 * network errors, and reads the answer. Fails naming the node, the method,
 * the URL and the status when the answer is an error.
 */
export async function sendRequest(ctx: NodeContext, p: HttpRequestParams, url: string, init: RequestInit): Promise<HttpResult> {
  const useCredential = ctx.node.credentials?.auth !== undefined;
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const stopTimer = new AbortController();
    ctx
      .sleep(p.timeoutMs, stopTimer.signal)
      .then(() =>
        controller.abort(fail(ctx, `${p.method} ${url} timed out after ${p.timeoutMs} ms.`, { code: 'HTTP_TIMEOUT', retryable: true })),
      )
      .catch(() => {});
    let response: Response;
    let retryable: NodeExecutionError | undefined;
    try {
      const requestInit = { ...init, signal: controller.signal };
      response = useCredential ? await ctx.authenticatedFetch('auth', url, requestInit) : await ctx.fetch(url, requestInit);
      if (response.status === 429 || response.status >= 500) {
        if (attempt < p.maxRetries) {
          const wait = retryAfterMs(response.headers.get('retry-after'), ctx.now()) ?? p.retryDelayMs * 2 ** attempt;
          await response.arrayBuffer().catch(() => undefined);
          stopTimer.abort();
          ctx.logger.debug(`Node '${ctx.node.name}': ${url} answered ${response.status}; retry ${attempt + 1} of ${p.maxRetries}.`);
          await ctx.sleep(Math.min(wait, p.maxRetryDelayMs));
          continue;
        }
      }
      const result = await readResponse(ctx, p, response, url);
      stopTimer.abort();
      if (response.status >= 400 && !p.neverError) {
        const body = typeof result.body === 'string' ? result.body.slice(0, 1000) : result.body;
        throw fail(ctx, `${p.method} ${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, {
          code: 'HTTP_STATUS',
          retryable: response.status === 429 || response.status >= 500,
          details: { statusCode: response.status, body },
        });
      }
      return result;
    } catch (error) {
      stopTimer.abort();
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      if (error instanceof NodeExecutionError && error.code !== 'HTTP_TIMEOUT') throw error;
      // Refusals (a private address, a credential...) are final; network failures are retried below.
      if (error instanceof FlowloomError && !(error instanceof NodeExecutionError) && !(error instanceof NetworkError)) {
        throw fail(ctx, error.message, { code: error.code });
      }
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      retryable =
        reason instanceof NodeExecutionError
          ? reason
          : fail(ctx, `${p.method} ${url} could not be sent: ${describeNetworkError(reason)}`, { code: 'HTTP_NETWORK', retryable: true });
    }
    if (attempt >= p.maxRetries) throw retryable;
    await ctx.sleep(Math.min(p.retryDelayMs * 2 ** attempt, p.maxRetryDelayMs));
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : '';
  return `${error.message}${detail}`;
}
