import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import type { NodeContext } from '../../node-context.js';
import { httpRequestProperties } from '../http-request-properties.js';
import { sendRequest } from '../send-request.js';
import { answerItems } from './graphql-answer.js';
import { graphqlProperties, type GraphqlParams } from './graphql-properties.js';

/** The variables as an object: JSON text is parsed, nothing gives `{}`. */
function variablesOf(ctx: NodeContext, value: unknown, itemIndex: number): Record<string, unknown> {
  const refuse = (problem: string) =>
    new NodeExecutionError(`Node '${ctx.node.name}': parameter 'variables' ${problem} (item ${itemIndex}).`, {
      code: 'PARAMETER_INVALID',
      retryable: false,
      details: { parameter: 'variables', itemIndex },
    });
  let v = value;
  if (typeof v === 'string') {
    if (v.trim() === '') return {};
    try {
      v = JSON.parse(v) as unknown;
    } catch (error) {
      throw refuse(`is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw refuse(`must be a JSON object of variables, got ${Array.isArray(v) ? 'a list' : typeof v}`);
  return v as Record<string, unknown>;
}

/**
 * The request for one item, as GraphQL over HTTP describes it: a POST of
 * `{ query, variables, operationName }` as JSON (variables `{}` and
 * operationName null when not given), a POST of the query alone as
 * `application/graphql`, or a GET with the query (and variables and
 * operation name, when given) in the query string. The node's headers come
 * last, so they may replace the content type and Accept.
 */
export function graphqlRequest(ctx: NodeContext, p: GraphqlParams, itemIndex: number): { url: string; init: RequestInit } {
  const url = new URL(p.endpoint);
  const headers = new Headers({ accept: 'application/json' });
  const init: RequestInit = { method: p.method, headers };
  const operationName = p.operationName?.trim() ? p.operationName.trim() : null;
  if (p.method === 'GET') {
    const variables = variablesOf(ctx, p.variables, itemIndex);
    url.searchParams.set('query', p.query);
    if (Object.keys(variables).length > 0) url.searchParams.set('variables', JSON.stringify(variables));
    if (operationName) url.searchParams.set('operationName', operationName);
  } else if (p.requestFormat === 'graphql') {
    headers.set('content-type', 'application/graphql');
    init.body = p.query;
  } else {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify({ query: p.query, variables: variablesOf(ctx, p.variables, itemIndex), operationName });
  }
  for (const h of p.headers) headers.set(h.name, h.value);
  return { url: url.href, init };
}

/**
 * Sends a GraphQL query or mutation per input item and outputs the answer.
 * The request goes the HTTP Request node's way (the engine's network policy,
 * the credential in slot `auth`, timeout and retries); an answer holding
 * GraphQL errors fails the node with their messages.
 */
export const graphql = defineNode({
  type: 'core.graphql',
  version: 1,
  displayName: 'GraphQL',
  description: 'Sends a GraphQL query or mutation per item and outputs the answer.',
  group: 'integration',
  icon: 'share-2',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'auth', type: 'httpAuth', required: false }],
  properties: graphqlProperties,
  async execute(ctx) {
    const count = Math.max(ctx.input().length, 1);
    const out: Item[] = [];
    for (let i = 0; i < count; i++) {
      const p = ctx.params(i);
      const { url, init } = graphqlRequest(ctx, p, i);
      // The text is read here, so an error status's body is seen for its GraphQL errors.
      const http = httpRequestProperties.parse({
        method: p.method,
        url: p.endpoint,
        responseFormat: 'text',
        neverError: true,
        timeoutMs: p.timeoutMs,
        maxRetries: p.maxRetries,
      });
      out.push(...answerItems(ctx, p, url, await sendRequest(ctx, http, url, init), i));
    }
    return out;
  },
});
