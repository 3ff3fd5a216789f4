import type { MapContext } from '../map-context.js';
import { mapLegacyHttpRequest } from './http-request-legacy.js';
import { mapPagination } from './http-request-pagination.js';
import { authentication, computedPairs, requestUrl, text } from './http-request-values.js';
import { compact, type NodeMapping } from './mapping.js';

type Pair = { name: unknown; value: unknown };

/** `{ parameters: [{ name, value }] }` lists, or a JSON object (written literally, or computed: an expression giving the list). */
function pairs(ctx: MapContext, send: string, specify: string, list: string, json: string): Pair[] | string {
  if (!ctx.literal<boolean>(send, 'boolean', false)) {
    ctx.ignore(specify, list, json);
    return [];
  }
  const how = ctx.choice(specify, ['keypair', 'json'], 'keypair');
  if (how === 'json') {
    ctx.ignore(list);
    let raw = ctx.raw(json);
    if (typeof raw === 'string' && raw.startsWith('=')) {
      if (raw.includes('{{')) return computedPairs(ctx, json, json === 'jsonQuery' ? 'query' : 'headers');
      raw = raw.slice(1);
    }
    if (typeof raw !== 'string') ctx.fail(json, 'expected JSON text');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.fail(json, 'the JSON is not valid');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) ctx.fail(json, 'expected a JSON object');
    return Object.entries(parsed).map(([name, value]) => ({
      name,
      value: ctx.convert(typeof value === 'string' ? value : JSON.stringify(value), json),
    }));
  }
  ctx.ignore(json);
  return ctx
    .rows(`${list}.parameters`, ['name', 'value'])
    .map((i) => ({ name: ctx.value(`${list}.parameters[${i}].name`, ''), value: text(ctx, `${list}.parameters[${i}].value`) }));
}

/** The request body. */
function body(ctx: MapContext): Record<string, unknown> {
  if (!ctx.literal<boolean>('sendBody', 'boolean', false)) {
    ctx.ignore('contentType', 'specifyBody', 'bodyParameters', 'jsonBody', 'body', 'rawContentType', 'inputDataFieldName');
    return {};
  }
  const contentType = ctx.choice('contentType', ['json', 'form-urlencoded', 'multipart-form-data', 'raw', 'binaryData'], 'json');
  const list = () => {
    return ctx.rows('bodyParameters.parameters', ['name', 'value']).map((i) => `bodyParameters.parameters[${i}]`);
  };
  switch (contentType) {
    case 'json': {
      if (ctx.choice('specifyBody', ['keypair', 'json'], 'keypair') === 'json') {
        const raw = ctx.raw('jsonBody');
        if (typeof raw === 'string' && !raw.startsWith('=')) {
          try {
            return { bodyType: 'json', jsonBody: JSON.parse(raw) as unknown };
          } catch {
            ctx.fail('jsonBody', 'the JSON body is not valid JSON');
          }
        }
        return { bodyType: 'json', jsonBody: ctx.value('jsonBody', '') };
      }
      const fields: Record<string, unknown> = {};
      for (const at of list()) fields[String(ctx.literal<string>(`${at}.name`, 'string', ''))] = ctx.value(`${at}.value`, '');
      return { bodyType: 'json', jsonBody: fields };
    }
    case 'form-urlencoded':
      ctx.onlyDefault('specifyBody', 'keypair');
      return { bodyType: 'form', formFields: list().map((at) => ({ name: ctx.value(`${at}.name`, ''), value: text(ctx, `${at}.value`) })) };
    case 'multipart-form-data':
      return {
        bodyType: 'multipart',
        multipartFields: list().map((at) => {
          const file = ctx.choice(`${at}.parameterType`, ['formData', 'formBinaryData'], 'formData') === 'formBinaryData';
          return file
            ? { name: ctx.value(`${at}.name`, ''), binaryProperty: ctx.value(`${at}.inputDataFieldName`, 'data') }
            : { name: ctx.value(`${at}.name`, ''), value: text(ctx, `${at}.value`) };
        }),
      };
    case 'raw':
      return { bodyType: 'raw', rawBody: ctx.value('body', ''), rawContentType: ctx.value('rawContentType', '') };
    case 'binaryData':
      return { bodyType: 'binary', binaryProperty: ctx.value('inputDataFieldName', 'data') };
  }
}

/** Response, timeout and batching options. */
function options(ctx: MapContext): Record<string, unknown> {
  const at = 'options.response.response';
  const format = ctx.choice(`${at}.responseFormat`, ['autodetect', 'json', 'text', 'file'], 'autodetect');
  // The binary property of a file answer; the field of a text answer, which Flowloom names 'data'.
  const fileProperty = format === 'file' ? ctx.literal<string>(`${at}.outputPropertyName`, 'string', 'data') || 'data' : undefined;
  if (format !== 'file') ctx.onlyDefault(`${at}.outputPropertyName`, 'data');
  const neverError = ctx.literal<boolean>(`${at}.neverError`, 'boolean', false);
  ctx.onlyDefault('options.proxy', '');
  ctx.onlyDefault('options.redirect.redirect.followRedirects', true);
  ctx.ignore('options.redirect.redirect.maxRedirects', 'options.lowercaseHeaders', 'options.queryParameterArrays');
  if (ctx.literal<boolean>('options.allowUnauthorizedCerts', 'boolean', false)) {
    ctx.warn('options.allowUnauthorizedCerts', 'certificates', 'n8n accepted invalid TLS certificates here; Flowloom always checks them');
  }
  const timeout = ctx.raw('options.timeout');
  return compact({
    responseFormat: { autodetect: 'auto', json: 'json', text: 'text', file: 'binary' }[format],
    fileProperty: fileProperty === 'data' ? undefined : fileProperty,
    fullResponse: ctx.literal<boolean>(`${at}.fullResponse`, 'boolean', false) || undefined,
    neverError: neverError || undefined,
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? Math.round(timeout) : ctx.value('options.timeout'),
    batchSize: ctx.value('options.batching.batch.batchSize'),
    batchIntervalMs: ctx.value('options.batching.batch.batchInterval'),
    ...mapPagination(ctx, { neverError, format }),
  });
}

/**
 * HTTP Request v3 and v4 (same parameters): method, URL, query, headers,
 * body, response options and credential. A JSON array answer becomes one
 * item per element in both. Versions 1 and 2 are in `http-request-legacy.ts`.
 */
export const httpRequestMapping: NodeMapping = {
  versions: [1, 2, 3, 4, 4.1, 4.2],
  map(ctx) {
    if (ctx.version < 3) return mapLegacyHttpRequest(ctx);
    if (ctx.version === 3 && !ctx.has('options.redirect')) {
      ctx.warn(
        'options.redirect',
        'redirects',
        "n8n's HTTP Request version 3 followed no redirect unless told to (a redirect answer was an error); Flowloom follows them",
      );
    }
    ctx.ignore('curlImport', 'infoMessage', 'httpVariantWarning', 'preBuiltAgentsCalloutHttpRequest');
    const credential = authentication(ctx);
    const parameters = compact({
      method: ctx.choice('method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], 'GET'),
      url: requestUrl(ctx),
      query: pairs(ctx, 'sendQuery', 'specifyQuery', 'queryParameters', 'jsonQuery'),
      headers: pairs(ctx, 'sendHeaders', 'specifyHeaders', 'headerParameters', 'jsonHeaders'),
      ...body(ctx),
      ...options(ctx),
    });
    return { type: 'core.httpRequest', parameters, ...(credential ? { credential } : {}) };
  },
};
