import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import type { NodeContext } from '../../node-context.js';
import type { HttpResult } from '../send-request.js';
import type { GraphqlParams } from './graphql-properties.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The sentence a GraphQL `errors` entry reads as: the messages of a list
 * joined with commas, a text as it is, an object's `message`, anything else
 * as JSON (servers outside the specification answer all of these).
 */
export function graphqlErrorMessage(errors: unknown): string {
  if (Array.isArray(errors)) {
    const messages = errors.map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : '')).filter((m) => m !== '');
    return messages.length > 0 ? messages.join(', ') : 'errors without a message';
  }
  if (typeof errors === 'string') return errors;
  if (isRecord(errors) && typeof errors.message === 'string' && errors.message !== '') return errors.message;
  return JSON.stringify(errors);
}

/** Whether an answer's `errors` says something went wrong (an empty list says nothing did). */
const hasErrors = (errors: unknown): boolean =>
  errors !== undefined && errors !== null && errors !== false && errors !== '' && !(Array.isArray(errors) && errors.length === 0);

/**
 * The items of one answer. An answer holding GraphQL `errors` fails the node
 * with their messages, whatever its status and response format, even beside
 * partial `data` (both are in the error's details); an error status without
 * them fails with the status. JSON answers become the item (a list, one item
 * per element); text answers go into `dataField`.
 */
export function answerItems(ctx: NodeContext, p: GraphqlParams, url: string, result: HttpResult, itemIndex: number): Item[] {
  const text = typeof result.body === 'string' ? result.body : '';
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = JSON.parse(text) as unknown;
    isJson = true;
  } catch {
    // Read as text below, or refused when JSON is expected.
  }
  const where = ` (item ${itemIndex})`;
  if (isJson && isRecord(parsed) && hasErrors(parsed.errors)) {
    throw new NodeExecutionError(
      `Node '${ctx.node.name}': the GraphQL server answered with errors: ${graphqlErrorMessage(parsed.errors)}${where}.`,
      {
        code: 'GRAPHQL_ERRORS',
        retryable: false,
        details: { statusCode: result.statusCode, errors: parsed.errors, data: parsed.data ?? null, itemIndex },
      },
    );
  }
  if (result.statusCode >= 400) {
    const status = `${result.statusCode}${result.statusMessage ? ` ${result.statusMessage}` : ''}`;
    throw new NodeExecutionError(`Node '${ctx.node.name}': ${p.method} ${url} answered ${status}${where}.`, {
      code: 'HTTP_STATUS',
      retryable: result.statusCode === 429 || result.statusCode >= 500,
      details: { statusCode: result.statusCode, body: isJson ? parsed : text.slice(0, 1000), itemIndex },
    });
  }
  const pairedItem = { item: itemIndex };
  if (p.responseFormat === 'string') return [{ json: { [p.dataField]: text }, pairedItem }];
  if (!isJson) {
    throw new NodeExecutionError(
      `Node '${ctx.node.name}': ${p.endpoint} answered with a body that is not JSON${where}; ` +
        "set parameter 'responseFormat' to 'string' to read it as text.",
      { code: 'HTTP_RESPONSE_INVALID', retryable: false, details: { statusCode: result.statusCode, body: text.slice(0, 1000), itemIndex } },
    );
  }
  if (Array.isArray(parsed)) return parsed.map((v) => ({ json: isRecord(v) ? v : { value: v }, pairedItem }));
  return [{ json: isRecord(parsed) ? parsed : { value: parsed }, pairedItem }];
}
