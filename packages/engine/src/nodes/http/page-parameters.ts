import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { Item } from '../../model/item.js';
import type { NodeContext } from '../node-context.js';
import type { HttpRequestParams } from './http-request-properties.js';
import { buildRequest, sendRequest, type HttpResult } from './send-request.js';

/** What the templates of this pagination see as `$json`: the last answer (empty before the first) and the pages fetched. */
interface PageScope {
  response: { body?: unknown; headers?: Record<string, string>; statusCode?: number };
  pageCount: number;
}

/** How many answers in a row may be the same before the pagination is taken to be stuck. */
const MAX_REPEATS = 2;

const parameterError = (ctx: NodeContext, parameter: string, message: string) =>
  new NodeExecutionError(`Node '${ctx.node.name}': parameter '${parameter}' ${message}`, { code: 'PARAMETER_INVALID', retryable: false });

async function evaluate(ctx: NodeContext, template: string, scope: PageScope, parameter: string, itemIndex: number): Promise<unknown> {
  try {
    return await ctx.evaluate(template, scope as unknown as Record<string, unknown>, itemIndex);
  } catch (error) {
    throw parameterError(ctx, parameter, `could not be evaluated (page ${scope.pageCount + 1}): ${(error as Error).message}`);
  }
}

/** A value for a query parameter or a header: text as it is, numbers and booleans as text, null as empty. */
function asText(ctx: NodeContext, value: unknown, parameter: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw parameterError(ctx, parameter, `gives ${Array.isArray(value) ? 'a list' : typeof value}, not a text, number or boolean.`);
}

/** The body as the templates see it: an empty JSON answer reads as an empty object. */
function bodyOf(result: HttpResult): unknown {
  const type = (result.headers['content-type'] ?? '').toLowerCase();
  return result.body === undefined && !result.binary && type.includes('application/json') ? {} : result.body;
}

/** Whether an answer counts as empty: an empty list, or a body that is empty text or nothing. */
const hasContent = (body: unknown): boolean => (Array.isArray(body) ? body.length > 0 : Boolean(body));

/**
 * Notices an API that answers the same page again and again (the parameters
 * do not move it on): the same length and the same ETag, or body, three times
 * after a first one ends the pagination with an error.
 */
function repeatGuard() {
  let previousLength = 0;
  let previousKey = '';
  let repeats = 0;
  return (result: HttpResult): boolean => {
    if (result.binary && !result.headers.etag) return false;
    const length = Number.parseInt(result.headers['content-length'] ?? '', 10) || 0;
    if (length === previousLength) {
      const key = result.headers.etag ?? (typeof result.body === 'string' ? result.body : (JSON.stringify(bodyOf(result)) ?? ''));
      repeats = key === previousKey ? repeats + 1 : 0;
      previousKey = key;
    } else repeats = 0;
    previousLength = length;
    return repeats > MAX_REPEATS;
  };
}

/**
 * Pagination that updates query parameters or headers before every request
 * (`pagination: 'parameters'`): each value is evaluated on the last answer and
 * the page count; after each page `continueExpression` (or, without one, a
 * body that is not empty) decides whether another is requested, up to
 * `maxPages`, `pageIntervalMs` apart. Answers with an error status end the
 * pagination quietly, unless another page is asked for: that fails.
 */
export async function requestPagesUpdatingParameters(
  ctx: NodeContext,
  p: HttpRequestParams,
  item: Item | undefined,
  itemIndex: number,
): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  const repeated = repeatGuard();
  const scope: PageScope = { response: {}, pageCount: 0 };
  const lenient = { ...p, neverError: true };
  for (;;) {
    const query: Record<string, string> = {};
    const headers: [string, string][] = [];
    for (const [i, parameter] of p.pageParameters.entries()) {
      const at = `pageParameters.${i}.value`;
      const value = await evaluate(ctx, parameter.value, scope, at, itemIndex);
      if (value === undefined) continue;
      if (parameter.in === 'query') query[parameter.name] = asText(ctx, value, at);
      else headers.push([parameter.name, asText(ctx, value, at)]);
    }
    const { url, init } = buildRequest(ctx, p, item, query);
    for (const [name, value] of headers) (init.headers as Headers).set(name, value);
    const result = await sendRequest(ctx, lenient, url, init);
    if (repeated(result)) {
      throw new NodeExecutionError(
        `Node '${ctx.node.name}': ${p.method} ${url} kept giving the same answer, so the pagination stopped; check 'continueExpression' and 'pageParameters'.`,
        { code: 'HTTP_PAGINATION_STUCK', retryable: false },
      );
    }
    results.push(result);
    scope.response = { body: bodyOf(result), headers: result.headers, statusCode: result.statusCode };
    scope.pageCount++;
    if (scope.pageCount >= p.maxPages) break;
    const more = p.continueExpression
      ? await evaluate(ctx, p.continueExpression, scope, 'continueExpression', itemIndex)
      : hasContent(scope.response.body);
    if (!more) break;
    if (p.pageIntervalMs > 0) await ctx.sleep(p.pageIntervalMs);
    if (result.statusCode < 200 || result.statusCode >= 300) {
      const body = typeof result.body === 'string' ? result.body.slice(0, 1000) : result.body;
      throw new NodeExecutionError(
        `Node '${ctx.node.name}': ${p.method} ${url} answered ${result.statusCode}${result.statusMessage ? ` ${result.statusMessage}` : ''}.`,
        {
          code: 'HTTP_STATUS',
          retryable: result.statusCode === 429 || result.statusCode >= 500,
          details: { statusCode: result.statusCode, body },
        },
      );
    }
  }
  return results;
}
