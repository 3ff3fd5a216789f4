import type { MapContext } from '../map-context.js';
import { authentication, computedPairs, requestUrl, text } from './http-request-values.js';
import { compact, type MappedNode } from './mapping.js';

type Pair = { name: unknown; value: unknown };

/** HTTP Request v1's authentication choices and the n8n credential type each one reads (GraphQL offers the same). */
export const V1_CREDENTIALS = {
  basicAuth: 'httpBasicAuth',
  digestAuth: 'httpDigestAuth',
  headerAuth: 'httpHeaderAuth',
  queryAuth: 'httpQueryAuth',
  oAuth1: 'oAuth1Api',
  oAuth2: 'oAuth2Api',
} as const;

/** The Accept header versions 1 and 2 send for each response format unless the node sets one. */
const ACCEPT = {
  json: 'application/json,text/*;q=0.99',
  string: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1',
  file: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
} as const;

/** Versions 1 and 2 wait up to an hour for an answer when no timeout is set. */
const DEFAULT_TIMEOUT_MS = 3_600_000;

function credential(ctx: MapContext): MappedNode['credential'] {
  const raw = ctx.raw('authentication');
  if (ctx.version >= 2 && typeof raw === 'string' && Object.hasOwn(V1_CREDENTIALS, raw)) {
    // Written for version 1 (`authentication: 'oAuth2'`): version 2 offers none of these, and sends no request then.
    const type = V1_CREDENTIALS[raw as keyof typeof V1_CREDENTIALS];
    ctx.warn(
      'authentication',
      'authentication',
      `'${raw}' is an authentication of n8n's HTTP Request version 1, which version 2 does not offer (n8n sends no request and fails); Flowloom signs the request with a ${type} credential, as version 1 does`,
    );
    return { slot: 'auth', n8nType: type };
  }
  if (ctx.version >= 2) return authentication(ctx);
  const mode = ctx.choice('authentication', ['none', ...(Object.keys(V1_CREDENTIALS) as (keyof typeof V1_CREDENTIALS)[])], 'none');
  return mode === 'none' ? undefined : { slot: 'auth', n8nType: V1_CREDENTIALS[mode] };
}

/** A `{ parameter: [{ name, value }] }` list of the form the old versions use. */
function uiPairs(ctx: MapContext, path: string): Pair[] {
  return ctx
    .rows(`${path}.parameter`, ['name', 'value'])
    .map((i) => ({ name: ctx.value(`${path}.parameter[${i}].name`, ''), value: text(ctx, `${path}.parameter[${i}].value`) }));
}

/**
 * The JSON text of `queryParametersJson` or `headerParametersJson`: n8n parses
 * it into an object whose entries are sent: literal text becomes Flowloom's
 * list of pairs, an expression one that gives the list.
 */
function jsonPairs(ctx: MapContext, path: string, computed: 'list' | 'fail'): Pair[] | string {
  let raw = ctx.raw(path);
  if (raw === undefined || raw === '') return [];
  if (typeof raw === 'string' && raw.startsWith('=')) {
    if (raw.includes('{{')) {
      if (computed === 'fail') ctx.fail(path, 'headers given as computed JSON have no Flowloom equivalent (Flowloom takes a list)');
      return computedPairs(ctx, path, 'query');
    }
    raw = raw.slice(1);
  }
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return [];
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.fail(path, 'the JSON is not valid (n8n refuses it too)');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) ctx.fail(path, 'expected a JSON object');
  return Object.entries(parsed).map(([name, value]) => {
    if (typeof value === 'object' && value !== null)
      ctx.fail(path, `the value of '${name}' is not text, which Flowloom's list cannot send`);
    return { name: ctx.convert(name, path), value: ctx.convert(String(value ?? ''), path) };
  });
}

/** `banner:bg,avatar:data` (or one binary name, sent as `file`): the files of a multipart body. */
function multipartFiles(ctx: MapContext): { name: string; binaryProperty: string }[] {
  const list = ctx.literal<string>('binaryPropertyName', 'string', 'data');
  const entries = list.split(',').map((e) => e.trim());
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    if (at < 0 && entries.length > 1)
      ctx.fail('binaryPropertyName', 'several files must each be written as field:binary (n8n refuses it too)');
    return at < 0 ? { name: 'file', binaryProperty: entry } : { name: entry.slice(0, at), binaryProperty: entry.slice(at + 1) };
  });
}

/** The body: key-value pairs or JSON/raw text, sent as JSON, a form, multipart or raw. */
function body(ctx: MapContext, method: string, contentType: string): Record<string, unknown> {
  const withBody = ['PATCH', 'POST', 'PUT', 'DELETE'].includes(method);
  const asJson = ctx.literal<boolean>('jsonParameters', 'boolean', false);
  if (!withBody) {
    ctx.ignore('bodyParametersUi', 'bodyParametersJson', 'sendBinaryData', 'binaryPropertyName');
    return {};
  }
  if (asJson && method !== 'DELETE' && ctx.literal<boolean>('sendBinaryData', 'boolean', false)) {
    ctx.ignore('bodyParametersJson');
    if (contentType === 'raw') return { bodyType: 'binary', binaryProperty: ctx.literal<string>('binaryPropertyName', 'string', 'data') };
    if (contentType === 'multipart-form-data') return { bodyType: 'multipart', multipartFields: multipartFiles(ctx) };
    ctx.fail('sendBinaryData', 'a file is sent only with the body content type RAW/Custom or Form-Data Multipart (n8n refuses it too)');
  }
  ctx.ignore('sendBinaryData', 'binaryPropertyName');
  if (asJson) {
    ctx.ignore('bodyParametersUi');
    const raw = ctx.raw('bodyParametersJson');
    if (raw === undefined || raw === '' || raw === '=') return {};
    if (contentType === 'raw') return { bodyType: 'raw', rawBody: ctx.value('bodyParametersJson', '') };
    if (contentType !== 'json') ctx.fail('bodyParametersJson', `a JSON body sent as ${contentType} has no Flowloom equivalent`);
    if (typeof raw === 'string' && !raw.includes('{{')) {
      try {
        return { bodyType: 'json', jsonBody: JSON.parse(raw.startsWith('=') ? raw.slice(1) : raw) as unknown };
      } catch {
        ctx.fail('bodyParametersJson', 'the JSON body is not valid JSON (n8n refuses it too)');
      }
    }
    // JSON text with expressions in it: resolved for each item, then read as JSON, as n8n does.
    return { bodyType: 'json', jsonBody: ctx.value('bodyParametersJson', '') };
  }
  ctx.ignore('bodyParametersJson');
  const rows = ctx.rows('bodyParametersUi.parameter', ['name', 'value']).map((i) => `bodyParametersUi.parameter[${i}]`);
  if (rows.length === 0) return {};
  // n8n sends a form or multipart body only for PATCH, POST and PUT; a DELETE sends the fields as JSON.
  switch (method === 'DELETE' && contentType !== 'raw' ? 'json' : contentType) {
    case 'json': {
      const fields: Record<string, unknown> = {};
      for (const at of rows) fields[String(ctx.literal<string>(`${at}.name`, 'string', ''))] = ctx.value(`${at}.value`, '');
      return { bodyType: 'json', jsonBody: fields };
    }
    case 'form-urlencoded':
      return { bodyType: 'form', formFields: rows.map((at) => ({ name: ctx.value(`${at}.name`, ''), value: text(ctx, `${at}.value`) })) };
    case 'multipart-form-data':
      return {
        bodyType: 'multipart',
        multipartFields: rows.map((at) => ({ name: ctx.value(`${at}.name`, ''), value: text(ctx, `${at}.value`) })),
      };
    default:
      return ctx.fail('options.bodyContentType', 'body parameters listed one by one and sent raw have no Flowloom equivalent');
  }
}

/**
 * HTTP Request versions 1 and 2: the same request, with the parameters of
 * the time (`requestMethod`, `jsonParameters`, the `…Ui` and `…Json` lists,
 * `options.bodyContentType`), the Accept header and the hour-long timeout
 * they send by default, and their answers: JSON by default (an answer that is
 * not JSON fails), text under `data`, or a file in the binary property
 * `dataPropertyName` names.
 */
export function mapLegacyHttpRequest(ctx: MapContext): MappedNode {
  ctx.ignore('infoMessage');
  const method = ctx.choice('requestMethod', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], 'GET');
  const format = ctx.choice('responseFormat', ['json', 'string', 'file'], 'json');
  const contentType = ctx.choice('options.bodyContentType', ['json', 'raw', 'multipart-form-data', 'form-urlencoded'], 'json');
  const mimeType = ctx.literal<string>('options.bodyContentCustomMimeType', 'string', '');
  if (ctx.literal<boolean>('allowUnauthorizedCerts', 'boolean', false)) {
    ctx.warn('allowUnauthorizedCerts', 'certificates', 'n8n accepted invalid TLS certificates here; Flowloom always checks them');
  }
  let fileProperty: string | undefined;
  if (format === 'file') {
    // Put Output File in Field: the binary property the file is written to.
    fileProperty = ctx.literal<string>('dataPropertyName', 'string', 'data') || 'data';
    ctx.warn(
      'responseFormat',
      'response-format',
      "n8n kept the input item's fields and files beside the file it read; Flowloom's item holds the file alone",
    );
  }
  if (contentType === 'raw' && mimeType === '' && ['PATCH', 'POST', 'PUT'].includes(method)) {
    ctx.warn(
      'options.bodyContentType',
      'content-type',
      'n8n sent a raw body without a Content-Type here; Flowloom sends text/plain (or the file type)',
    );
  }
  const fullResponse = ctx.literal<boolean>('options.fullResponse', 'boolean', false);
  // The String format puts the text under `dataPropertyName`: beside the status and headers in a full response.
  let bodyField: string | undefined;
  if (format === 'string' && fullResponse) bodyField = ctx.literal<string>('dataPropertyName', 'string', 'data') || 'data';
  else if (format === 'string') ctx.onlyDefault('dataPropertyName', 'data');
  else ctx.ignore('dataPropertyName');
  if (format === 'string') {
    ctx.warn(
      'responseFormat',
      'response-format',
      "n8n's String format still read an answer that is JSON as data (an object under 'data'); Flowloom keeps the text of every answer",
    );
  }
  ctx.onlyDefault('options.proxy', '');
  ctx.onlyDefault('options.followRedirect', true);
  ctx.ignore('options.followAllRedirects', 'options.useQueryString');
  const asJson = ctx.literal<boolean>('jsonParameters', 'boolean', false);
  if (asJson) ctx.ignore('queryParametersUi', 'headerParametersUi');
  else ctx.ignore('queryParametersJson', 'headerParametersJson');
  const query = asJson ? jsonPairs(ctx, 'queryParametersJson', 'list') : uiPairs(ctx, 'queryParametersUi');
  const headers = asJson ? (jsonPairs(ctx, 'headerParametersJson', 'fail') as Pair[]) : uiPairs(ctx, 'headerParametersUi');
  const named = (name: string) => headers.some((h) => typeof h.name === 'string' && h.name.toLowerCase() === name);
  if (mimeType !== '' && ['PATCH', 'POST', 'PUT'].includes(method)) {
    for (let i = headers.length - 1; i >= 0; i--) {
      if (String(headers[i]!.name).toLowerCase() === 'content-type') headers.splice(i, 1);
    }
    headers.push({ name: 'Content-Type', value: mimeType });
  }
  if (!named('accept')) headers.push({ name: 'Accept', value: ACCEPT[format] });
  const batchSize = ctx.literal<number>('options.batchSize', 'number');
  const batchInterval = ctx.literal<number>('options.batchInterval', 'number');
  const batching = batchSize !== undefined && batchSize >= 0 && batchInterval !== undefined && batchInterval > 0;
  const timeout = ctx.raw('options.timeout');
  const parameters = compact({
    method,
    url: requestUrl(ctx),
    query,
    headers,
    ...body(ctx, method, contentType),
    responseFormat: { json: 'json', string: 'text', file: 'binary' }[format],
    fullResponse: fullResponse || undefined,
    bodyField: bodyField === 'body' ? undefined : bodyField,
    fileProperty: fileProperty === 'data' ? undefined : fileProperty,
    neverError: ctx.literal<boolean>('options.ignoreResponseCode', 'boolean', false) || undefined,
    splitArrays: ctx.literal<boolean>('options.splitIntoItems', 'boolean', false),
    timeoutMs:
      timeout === undefined
        ? DEFAULT_TIMEOUT_MS
        : typeof timeout === 'number' && timeout > 0
          ? Math.round(timeout)
          : ctx.value('options.timeout'),
    batchSize: batching ? Math.max(batchSize, 1) : undefined,
    batchIntervalMs: batching ? batchInterval : undefined,
  });
  const auth = credential(ctx);
  return { type: 'core.httpRequest', parameters, ...(auth ? { credential: auth } : {}) };
}
