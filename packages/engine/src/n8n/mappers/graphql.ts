import type { MapContext } from '../map-context.js';
import { V1_CREDENTIALS } from './http-request-legacy.js';
import { text } from './http-request-values.js';
import { compact, type MappedNode, type NodeMapping } from './mapping.js';

/** The node's authentication choices and the n8n credential type each one reads. */
const CREDENTIALS = { ...V1_CREDENTIALS, customAuth: 'httpCustomAuth' } as const;

function credential(ctx: MapContext): MappedNode['credential'] {
  const mode = ctx.choice('authentication', ['none', ...(Object.keys(CREDENTIALS) as (keyof typeof CREDENTIALS)[])], 'none');
  return mode === 'none' ? undefined : { slot: 'auth', n8nType: CREDENTIALS[mode] };
}

/**
 * The variables: n8n parses JSON text (an expression may give it) and sends
 * an object as it is. Literal text is read here, so an object reaches the
 * node; an expression stays one, and the node parses what it gives.
 */
function variables(ctx: MapContext): unknown {
  const raw = ctx.raw('variables');
  if (raw === undefined || raw === '' || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)) return undefined;
  if (typeof raw === 'string' && !raw.startsWith('=')) {
    if (raw.trim() === '') return undefined;
    try {
      return ctx.convert(JSON.parse(raw) as unknown, 'variables');
    } catch {
      ctx.fail('variables', 'the variables are not valid JSON');
    }
  }
  return ctx.value('variables');
}

/**
 * GraphQL versions 1 to 1.2 over HTTP: endpoint, method, request format (raw
 * GraphQL by default in version 1, JSON from 1.1), query, variables,
 * operation name, headers, response format and credential. Version 1.2's
 * WebSocket subscriptions have no equivalent.
 */
export const graphqlMapping: NodeMapping = {
  versions: [1, 1.1, 1.2],
  map(ctx) {
    ctx.onlyDefault('connectionMode', 'http');
    ctx.ignore(
      'websocketUrl',
      'websocketAllowUnauthorizedCerts',
      'websocketRequestFormat',
      'websocketQuery',
      'websocketOperationName',
      'websocketResponseFormat',
      'websocketVariables',
      'websocketHeaders',
      'connectionTimeout',
      'subscriptionTimeout',
      'websocketSubprotocol',
    );
    if (ctx.literal<boolean>('allowUnauthorizedCerts', 'boolean', false)) {
      ctx.warn('allowUnauthorizedCerts', 'certificates', 'n8n accepted invalid TLS certificates here; Flowloom always checks them');
    }
    const method = ctx.choice('requestMethod', ['POST', 'GET'], 'POST');
    const requestFormat = ctx.choice('requestFormat', ['graphql', 'json'], ctx.version >= 1.1 ? 'json' : 'graphql');
    const json = method === 'GET' || requestFormat === 'json';
    if (!json) ctx.ignore('variables', 'operationName');
    const responseFormat = ctx.choice('responseFormat', ['json', 'string'], 'json');
    if (responseFormat !== 'string') ctx.ignore('dataPropertyName');
    const auth = credential(ctx);
    const parameters = compact({
      endpoint: ctx.value('endpoint', ''),
      method,
      requestFormat: method === 'POST' ? requestFormat : undefined,
      query: ctx.value('query', ''),
      variables: json ? variables(ctx) : undefined,
      operationName: json && ctx.has('operationName') ? ctx.value('operationName') : undefined,
      headers: ctx.rows('headerParametersUi.parameter', ['name', 'value']).map((i) => ({
        name: ctx.value(`headerParametersUi.parameter[${i}].name`, ''),
        value: text(ctx, `headerParametersUi.parameter[${i}].value`),
      })),
      responseFormat,
      dataField: responseFormat === 'string' ? ctx.value('dataPropertyName', 'data') : undefined,
    });
    return { type: 'core.graphql', parameters, ...(auth ? { credential: auth } : {}) };
  },
};
