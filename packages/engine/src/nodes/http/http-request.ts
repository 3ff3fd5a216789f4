import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';
import type { NodeContext } from '../node-context.js';
import { httpRequestProperties, type HttpRequestParams } from './http-request-properties.js';
import { requestPagesUpdatingParameters } from './page-parameters.js';
import { nextFromLink, valueAtPath, type NextPage } from './paginate.js';
import { buildRequest, sendRequest, type HttpResult } from './send-request.js';

function resultItems(p: HttpRequestParams, result: HttpResult, itemIndex: number, body: unknown = result.body): Item[] {
  const pairedItem = { item: itemIndex };
  if (p.fullResponse) {
    // As Node's HTTP client gives them: every cookie set, in a list.
    const headers = result.cookies.length > 0 ? { ...result.headers, 'set-cookie': result.cookies } : result.headers;
    const json = { statusCode: result.statusCode, statusMessage: result.statusMessage, headers, [p.bodyField]: body ?? null };
    return [{ json, ...(result.binary ? { binary: { [p.fileProperty]: result.binary } } : {}), pairedItem }];
  }
  if (result.binary) return [{ json: {}, binary: { [p.fileProperty]: result.binary }, pairedItem }];
  if (Array.isArray(body) && p.splitArrays) {
    return body.map((v) => ({ json: isRecord(v) ? v : { value: v }, pairedItem }));
  }
  if (isRecord(body)) return [{ json: body, pairedItem }];
  return [{ json: body === undefined ? {} : { data: body }, pairedItem }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function paramError(ctx: NodeContext, parameter: string, message: string): NodeExecutionError {
  return new NodeExecutionError(`Node '${ctx.node.name}': parameter '${parameter}' ${message}`, {
    code: 'PARAMETER_INVALID',
    retryable: false,
  });
}

/**
 * Evaluates a pagination expression on an answer with the engine's
 * expressions (JSONata; a plain path such as `body.next` is one). When the
 * host turned expressions off, the expression is read as a dotted path.
 */
async function responseValue(
  ctx: NodeContext,
  result: HttpResult,
  expression: string,
  parameter: string,
  itemIndex: number,
): Promise<unknown> {
  const template = `{{ ${expression} }}`;
  let value: unknown;
  try {
    value = await ctx.evaluate(template, { body: result.body ?? null, headers: result.headers, statusCode: result.statusCode }, itemIndex);
  } catch (error) {
    throw paramError(ctx, parameter, `could not be evaluated on the answer: ${(error as Error).message}`);
  }
  return value === template ? valueAtPath(result, expression) : value;
}

/** Requests every page for one item and returns the output items. */
async function requestItem(ctx: NodeContext, p: HttpRequestParams, item: Item | undefined, itemIndex: number): Promise<Item[]> {
  if (p.pagination === 'off') {
    const { url, init } = buildRequest(ctx, p, item);
    return resultItems(p, await sendRequest(ctx, p, url, init), itemIndex);
  }
  if (p.pagination === 'parameters') {
    return (await requestPagesUpdatingParameters(ctx, p, item, itemIndex)).flatMap((result) => resultItems(p, result, itemIndex));
  }
  if (p.pagination === 'cursor' && !p.cursorExpression) throw paramError(ctx, 'cursorExpression', 'is required for cursor pagination.');
  if (p.pagination === 'nextUrl' && !p.nextUrlExpression) {
    throw paramError(ctx, 'nextUrlExpression', 'is required for next-URL pagination.');
  }
  const out: Item[] = [];
  let next: NextPage =
    p.pagination === 'pageNumber'
      ? { query: { [p.pageParam]: String(p.firstPage) } }
      : p.pagination === 'offset'
        ? { query: { [p.offsetParam]: '0', [p.limitParam]: String(p.pageSize) } }
        : { query: {} };
  for (let page = 0; next && page < p.maxPages; page++) {
    const target = next as { query?: Record<string, string>; url?: string };
    const { url, init }: { url: string; init: RequestInit } = buildRequest(ctx, p, item, target.query ?? {}, target.url);
    const result = await sendRequest(ctx, p, url, init);
    const on = (expression: string, parameter: string) => responseValue(ctx, result, expression, parameter, itemIndex);
    const results = p.resultsExpression ? await on(p.resultsExpression, 'resultsExpression') : result.body;
    if (p.resultsExpression && results !== undefined && results !== null && !Array.isArray(results)) {
      throw paramError(ctx, 'resultsExpression', `gives ${typeof results}, not a list, for the answer of ${url}.`);
    }
    const count = Array.isArray(results) ? results.length : undefined;
    out.push(...resultItems(p, result, itemIndex, p.resultsExpression ? (results ?? []) : result.body));
    next = undefined;
    if (count === 0) break;
    if (p.completeExpression && (await on(p.completeExpression, 'completeExpression')) === true) break;
    if (p.pagination === 'pageNumber' || p.pagination === 'offset') {
      if (count !== undefined && count < p.pageSize && p.pagination === 'offset') break;
      next =
        p.pagination === 'pageNumber'
          ? { query: { [p.pageParam]: String(p.firstPage + page + 1) } }
          : { query: { [p.offsetParam]: String((page + 1) * p.pageSize), [p.limitParam]: String(p.pageSize) } };
    } else if (p.pagination === 'cursor') {
      const cursor = await on(p.cursorExpression!, 'cursorExpression');
      if (cursor !== undefined && cursor !== null && cursor !== '') next = { query: { [p.cursorParam]: String(cursor) } };
    } else {
      const raw = await on(p.nextUrlExpression!, 'nextUrlExpression');
      const target = typeof raw === 'string' ? nextFromLink(raw) : '';
      if (target) next = { url: new URL(target, url).href };
    }
  }
  return out;
}

/**
 * Sends an HTTP request per input item: method, URL, query, headers and a
 * JSON, form, multipart, raw or binary body; signs it with the credential in
 * slot `auth` when one is chosen; reads JSON, text or a file; retries 429 and
 * 5xx answers honouring Retry-After; follows pagination; paces batches.
 */
export const httpRequest = defineNode({
  type: 'core.httpRequest',
  version: 1,
  displayName: 'HTTP Request',
  description: 'Calls any HTTP API: sends a request per item and outputs the response.',
  group: 'integration',
  icon: 'globe',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'auth', type: 'httpAuth', required: false }],
  properties: httpRequestProperties,
  async execute(ctx) {
    const items = ctx.input();
    const out: Item[] = [];
    const count = Math.max(items.length, 1);
    const first = ctx.params(0);
    const batch = first.batchSize > 0 ? first.batchSize : 1;
    for (let start = 0; start < count; start += batch) {
      if (start > 0 && first.batchSize > 0 && first.batchIntervalMs > 0) await ctx.sleep(first.batchIntervalMs);
      const indexes = Array.from({ length: Math.min(batch, count - start) }, (_, k) => start + k);
      const results = await Promise.all(indexes.map((i) => requestItem(ctx, ctx.params(i), items[i], i)));
      for (const r of results) out.push(...r);
    }
    return out;
  },
});
