import { z } from '@hono/zod-openapi';
import { notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { errorResponses, jsonResponse, VariableInputSchema, VariableSchema } from './schemas.js';
import type { ServerApp } from './server-context.js';

const tags = ['Variables'];

const KeyParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'must be letters, digits and _ (not first a digit), up to 100 characters')
    .openapi({ param: { name: 'key', in: 'path' } }),
});
const ScopeQuery = z
  .object({
    workflowId: z.string().min(1).optional().openapi({ description: 'A workflow’s own variables; leave out for the tenant’s.' }),
  })
  .strict();

const listVariables = defineRoute({
  method: 'get',
  path: '/variables',
  operationId: 'listVariables',
  summary: 'List the tenant’s variables, or one workflow’s',
  tags,
  permission: 'variable:read',
  request: { query: ScopeQuery },
  responses: { 200: jsonResponse('The variables.', z.object({ variables: z.array(VariableSchema) })), ...errorResponses(400) },
});

const getVariable = defineRoute({
  method: 'get',
  path: '/variables/{key}',
  operationId: 'getVariable',
  summary: 'Get a variable',
  tags,
  permission: 'variable:read',
  request: { params: KeyParams, query: ScopeQuery },
  responses: { 200: jsonResponse('The variable.', VariableSchema), ...errorResponses(400, 404) },
});

const setVariable = defineRoute({
  method: 'put',
  path: '/variables/{key}',
  operationId: 'setVariable',
  summary: 'Create or replace a variable',
  tags,
  permission: 'variable:write',
  request: {
    params: KeyParams,
    query: ScopeQuery,
    body: { content: { 'application/json': { schema: VariableInputSchema } }, required: true },
  },
  responses: { 200: jsonResponse('The variable as stored.', VariableSchema), ...errorResponses(400, 413) },
});

const deleteVariable = defineRoute({
  method: 'delete',
  path: '/variables/{key}',
  operationId: 'deleteVariable',
  summary: 'Delete a variable',
  tags,
  permission: 'variable:write',
  request: { params: KeyParams, query: ScopeQuery },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 404) },
});

/** Variables (`$vars`) of the tenant and of its workflows. */
export function variableRoutes(app: ServerApp): void {
  handle(app, listVariables, async (c) => {
    const { workflowId } = c.req.valid('query');
    const variables = await c.var.server.engine.variables.list({
      tenantId: c.var.principal.tenantId,
      ...(workflowId ? { workflowId } : {}),
    });
    return json({ variables });
  });

  handle(app, getVariable, async (c) => {
    const { key } = c.req.valid('param');
    const { workflowId } = c.req.valid('query');
    const variable = await c.var.server.engine.variables.get(key, {
      tenantId: c.var.principal.tenantId,
      ...(workflowId ? { workflowId } : {}),
    });
    if (!variable) throw notFound('variable', key);
    return json(variable);
  });

  handle(app, setVariable, async (c) => {
    const { key } = c.req.valid('param');
    const { workflowId } = c.req.valid('query');
    const { value, type } = c.req.valid('json');
    const variable = await c.var.server.engine.variables.set(key, value, {
      tenantId: c.var.principal.tenantId,
      ...(workflowId ? { workflowId } : {}),
      ...(type ? { type } : {}),
    });
    return json(variable);
  });

  handle(app, deleteVariable, async (c) => {
    const { key } = c.req.valid('param');
    const { workflowId } = c.req.valid('query');
    const deleted = await c.var.server.engine.variables.delete(key, {
      tenantId: c.var.principal.tenantId,
      ...(workflowId ? { workflowId } : {}),
    });
    if (!deleted) throw notFound('variable', key);
    return json(undefined, 204);
  });
}
