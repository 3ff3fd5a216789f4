// Requests as the kit sends them: built from an operation's description, signed with the node's credential,
// tried again when the service says to slow down, and read (JSON, text or a file) with vendor errors turned into node errors.
import type { BinaryRef as ItemBinary, NodeExecutionError } from '@flowloom/engine';
import { nodeError, type Call } from './call.js';
import { binaryParamName, isBinaryRef, isParamRef, paramName, type RequestSpec, type ValueSpec } from './request-spec.js';
import type { VendorError, VendorResponse } from './service-types.js';

/** A request value with its parameter markers replaced; undefined when it names an unset parameter. */
export function resolve(call: Call, spec: ValueSpec): unknown {
  if (isParamRef(spec)) {
    const value = call.params[paramName(spec)];
    return value === undefined ? undefined : spec.map ? spec.map(value) : value;
  }
  if (isBinaryRef(spec)) return fileOf(call, binaryParamName(spec));
  if (Array.isArray(spec)) return spec.map((entry: ValueSpec) => resolve(call, entry)).filter((v) => v !== undefined);
  if (typeof spec === 'object' && spec !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec as Record<string, ValueSpec>)) {
      const resolved = resolve(call, value);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  }
  return spec;
}

/** The item's file named by a parameter, as a Blob with its name. */
function fileOf(call: Call, propertyParam: string): { blob: Blob; fileName: string } {
  const property = String(call.params[propertyParam] ?? 'data');
  const file = call.item.binary?.[property];
  if (!file?.data) {
    throw nodeError(
      call.ctx,
      `${call.label}: parameter '${propertyParam}': the item has no binary '${property}' with data.`,
      'PARAMETER_INVALID',
    );
  }
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  return { blob: new Blob([bytes], { type: file.mimeType }), fileName: file.fileName ?? property };
}

function isFile(value: unknown): value is { blob: Blob; fileName: string } {
  return typeof value === 'object' && value !== null && (value as { blob?: unknown }).blob instanceof Blob;
}

/** The URL and fetch options for a request description. */
export function build(call: Call, spec: RequestSpec, url?: string): { url: string; init: RequestInit } {
  const target = new URL(
    url ??
      joinUrl(
        call.service.baseUrl,
        spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValue(call, name))),
      ),
  );
  if (!url) {
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      const resolved = resolve(call, value);
      if (resolved === undefined) continue;
      if (Array.isArray(resolved)) for (const v of resolved) target.searchParams.append(key, String(v));
      else target.searchParams.set(key, typeof resolved === 'object' ? JSON.stringify(resolved) : String(resolved as string | number));
    }
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(spec.headers ?? {})) {
    const resolved = resolve(call, value);
    if (resolved !== undefined) headers.set(key, String(resolved as string));
  }
  const init: RequestInit = { method: spec.method, headers };
  if (spec.body === undefined || spec.method === 'GET' || spec.method === 'HEAD') return { url: target.href, init };
  const body = resolve(call, spec.body);
  switch (spec.bodyType ?? 'json') {
    case 'json':
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        headers.set('content-type', 'application/json; charset=utf-8');
      }
      break;
    case 'form': {
      const form = new URLSearchParams();
      // A list of plain values repeats its key (`MediaUrl=a&MediaUrl=b`); objects, and lists of them, go as JSON text.
      for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
        if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
          for (const v of value) form.append(key, String(v));
        else form.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value as string));
      }
      init.body = form.toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
      break;
    }
    case 'multipart': {
      const form = new FormData();
      for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
        if (isFile(value)) form.append(key, value.blob, value.fileName);
        else form.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value as string));
      }
      init.body = form;
      break;
    }
    case 'binary': {
      if (!isFile(body)) throw nodeError(call.ctx, `${call.label}: the body must be a file.`, 'PARAMETER_INVALID');
      init.body = body.blob;
      if (body.blob.type) headers.set('content-type', body.blob.type);
      break;
    }
  }
  return { url: target.href, init };
}

function pathValue(call: Call, name: string): string {
  const value = call.params[name];
  if (value === undefined || value === '')
    throw nodeError(call.ctx, `${call.label}: parameter '${name}' is required.`, 'PARAMETER_INVALID');
  return String(value as string);
}

/**
 * Sends one request signed with the node's credential. Waits and tries again
 * when the service says to slow down (429, or 503 with `Retry-After`), and
 * turns a vendor error into a node error naming the service and, when the
 * vendor says, the parameter.
 */
export async function send(call: Call, spec: RequestSpec, url?: string, binary = false): Promise<VendorResponse> {
  const { ctx, service } = call;
  const rules = service.rateLimit ?? {};
  const maxRetries = rules.maxRetries ?? 3;
  const maxWaitMs = rules.maxWaitMs ?? 60_000;
  for (let attempt = 0; ; attempt++) {
    const request = build(call, spec, url);
    const response =
      call.slot === undefined
        ? await ctx.fetch(assertServiceHost(call, request.url), { ...request.init, redirect: 'error' })
        : await ctx.authenticatedFetch(call.slot, request.url, request.init);
    const read: VendorResponse = {
      status: response.status,
      headers: response.headers,
      body: await readBody(response, binary && isBinaryAnswer(response)),
    };
    const limited = response.status === 429 || (response.status === 503 && response.headers.has('retry-after'));
    if (limited && attempt < maxRetries) {
      const waitMs = waitFor(read, rules, ctx.now(), attempt);
      if (waitMs > maxWaitMs) {
        throw nodeError(
          ctx,
          `${call.label}: ${service.displayName} is rate limiting these requests and asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s allowed.`,
          'RATE_LIMITED',
          undefined,
          true,
        );
      }
      ctx.logger.info(`${call.label}: rate limited (HTTP ${response.status}); trying again in ${waitMs} ms.`);
      await ctx.sleep(waitMs);
      continue;
    }
    const vendor = (service.error ?? defaultError)(read);
    if (vendor || limited) throw vendorFailure(call, read, vendor ?? { message: 'rate limited' });
    return read;
  }
}

function isBinaryAnswer(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type !== '' && !/json|text|xml|x-www-form-urlencoded/.test(type);
}

async function readBody(response: Response, binary: boolean): Promise<unknown> {
  if (binary && response.ok) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const file: ItemBinary = {
      data: btoa(text),
      mimeType: response.headers.get('content-type') ?? 'application/octet-stream',
      fileSize: bytes.length,
    };
    if (fileName) file.fileName = decodeURIComponent(fileName);
    return file;
  }
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (/json/.test(type) || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** How long to wait before trying again: `Retry-After`, the vendor's headers, else 1 s, 2 s, 4 s... */
export function waitFor(
  response: VendorResponse,
  rules: { retryAfterHeaders?: readonly string[]; resetHeaders?: readonly string[] },
  now: number,
  attempt: number,
): number {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  for (const name of rules.retryAfterHeaders ?? []) {
    const seconds = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  }
  for (const name of rules.resetHeaders ?? []) {
    const epoch = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(epoch)) return Math.max(0, epoch * 1000 - now);
  }
  return 1000 * 2 ** attempt;
}

function defaultError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = response.body as Record<string, unknown> | string | undefined;
  const message =
    typeof body === 'string'
      ? body.slice(0, 300)
      : typeof body?.['message'] === 'string'
        ? body['message']
        : typeof body?.['error'] === 'string'
          ? body['error']
          : `HTTP ${response.status}`;
  return { message };
}

function vendorFailure(call: Call, response: VendorResponse, vendor: VendorError): NodeExecutionError {
  const code = vendor.code ? ` ${vendor.code}` : '';
  const at = vendor.parameter ? ` (parameter '${vendor.parameter}')` : '';
  const retryable = response.status === 429 || response.status >= 500;
  return nodeError(
    call.ctx,
    `${call.label} failed: HTTP ${response.status}${code}: ${vendor.message}${at}`,
    'SERVICE_ERROR',
    undefined,
    retryable,
    { service: call.service.id, status: response.status, vendorCode: vendor.code, parameter: vendor.parameter, body: response.body },
  );
}

/** A path below a base URL, with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * An unsigned request still goes only to the service's own hosts: its base
 * URL's, and the fixed ones its credential types may be sent to. It follows
 * no redirect (a redirect could leave them).
 */
function assertServiceHost(call: Call, url: string): string {
  const host = new URL(url).hostname.toLowerCase();
  const patterns = [
    new URL(call.service.baseUrl).hostname,
    ...call.service.credentials.flatMap((type) => (Array.isArray(type.allowedHosts) ? (type.allowedHosts as readonly string[]) : [])),
  ].map((p) => p.toLowerCase());
  if (patterns.some((p) => p === host || (p.startsWith('*.') && host.endsWith(p.slice(1))))) return url;
  throw nodeError(
    call.ctx,
    `${call.label}: ${host} is not one of ${call.service.displayName}'s hosts; nothing was sent.`,
    'HOST_NOT_ALLOWED',
  );
}
