// Requests the kit's descriptions cannot carry: a body of raw bytes (Drive's multipart/related and resumable uploads) or
// an answer kept as bytes whatever its type (a downloaded text file stays a file). Signed, slowed down and read for
// Google's errors the way the kit's own requests are.
import type { NodeContext } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import { waitFor } from '../../kit/http.js';
import type { HttpMethod } from '../../kit/request-spec.js';
import type { ServiceDefinition, VendorError } from '../../kit/service-types.js';

export interface RawRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;
const decoder = new TextDecoder();

/** `Google Drive file.upload`: how errors name the operation, as the kit names it. */
export function operationLabel(service: ServiceDefinition, ctx: NodeContext): string {
  const { resource, operation } = ctx.node.parameters as { resource?: unknown; operation?: unknown };
  return `${service.displayName} ${String(resource)}.${String(operation)}`;
}

/**
 * Sends one request with the node's credential (the service's first filled
 * slot, as the kit chooses it), waiting as a 429 (or a 503 with
 * `Retry-After`) asks, on the engine's clock, unless `retry` is false. An
 * answer whose status `accept` refuses (by default any of 400 or more)
 * becomes a node error naming the operation, Google's code and message.
 */
export async function sendRaw(
  ctx: NodeContext,
  service: ServiceDefinition,
  request: RawRequest,
  accept: (status: number) => boolean = (status) => status < 400,
  retry = true,
): Promise<RawResponse> {
  const slot = service.credentials.map((c) => c.name).find((name) => ctx.node.credentials?.[name]);
  const label = operationLabel(service, ctx);
  if (!slot) throw nodeError(ctx, `${label} needs a credential.`, 'CREDENTIAL_MISSING');
  for (let attempt = 0; ; attempt++) {
    const response = await ctx.authenticatedFetch(slot, request.url, {
      method: request.method,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
    });
    const answer: RawResponse = { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
    const limited = answer.status === 429 || (answer.status === 503 && answer.headers.has('retry-after'));
    if (retry && limited && attempt < MAX_RETRIES) {
      const waitMs = waitFor({ ...answer, body: undefined }, service.rateLimit ?? {}, ctx.now(), attempt);
      if (waitMs <= MAX_WAIT_MS) {
        ctx.logger.info(`${label}: rate limited (HTTP ${answer.status}); trying again in ${waitMs} ms.`);
        await ctx.sleep(waitMs);
        continue;
      }
    }
    if (accept(answer.status)) return answer;
    throw failure(ctx, service, label, answer);
  }
}

/** The answer's body as JSON (or its text, when it is not JSON). */
export function bodyOf(answer: RawResponse): unknown {
  const text = decoder.decode(answer.bytes);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function vendorErrorOf(service: ServiceDefinition, answer: RawResponse): VendorError {
  return service.error?.({ status: answer.status, headers: answer.headers, body: bodyOf(answer) }) ?? { message: `HTTP ${answer.status}` };
}

/** What an error answer says, as the kit words it: `HTTP 404 notFound: File not found: f1. (parameter 'fileId')`. */
export function summary(service: ServiceDefinition, answer: RawResponse): string {
  const vendor = vendorErrorOf(service, answer);
  const code = vendor.code ? ` ${vendor.code}` : '';
  const at = vendor.parameter ? ` (parameter '${vendor.parameter}')` : '';
  return `HTTP ${answer.status}${code}: ${vendor.message}${at}`;
}

/** A Google error answer as a node error, worded as the kit words the service's other failures. */
export function failure(ctx: NodeContext, service: ServiceDefinition, label: string, answer: RawResponse) {
  const body = bodyOf(answer);
  const vendor = vendorErrorOf(service, answer);
  return nodeError(
    ctx,
    `${label} failed: ${summary(service, answer)}`,
    'SERVICE_ERROR',
    undefined,
    answer.status === 429 || answer.status >= 500,
    { service: service.id, status: answer.status, vendorCode: vendor.code, parameter: vendor.parameter, body },
  );
}
