import { z } from '@hono/zod-openapi';
import { PERMISSIONS, permissionsOf, type Permission } from '../auth/permissions.js';
import { ApiError, notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import { ApiKeyInputSchema, ApiKeySchema, errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp, ServerContext } from './server-context.js';

const tags = ['API keys'];

const listApiKeys = defineRoute({
  method: 'get',
  path: '/api-keys',
  operationId: 'listApiKeys',
  summary: 'List the tenant’s API keys (never the keys themselves)',
  tags,
  permission: 'member:manage',
  responses: { 200: jsonResponse('The keys.', z.object({ apiKeys: z.array(ApiKeySchema) })), ...errorResponses(404) },
});

const createApiKey = defineRoute({
  method: 'post',
  path: '/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key for the caller’s tenant; the key is shown in this answer only',
  tags,
  permission: 'member:manage',
  request: { body: { content: { 'application/json': { schema: ApiKeyInputSchema } }, required: true } },
  responses: {
    201: jsonResponse('The key, shown once, and its record.', z.object({ key: z.string(), apiKey: ApiKeySchema })),
    ...errorResponses(400, 404, 413),
  },
});

const revokeApiKey = defineRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key; the next request with it is refused',
  tags,
  permission: 'member:manage',
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked.' }, ...errorResponses(404) },
});

function apiKeysOf(server: ServerContext) {
  if (!server.apiKeys)
    throw new ApiError(404, 'API_KEYS_DISABLED', 'This server does not use API keys (createServer has no auth.apiKeys).');
  return server.apiKeys;
}

/** API keys of the caller's tenant. */
export function apiKeyRoutes(app: ServerApp): void {
  handle(app, listApiKeys, async (c) => json({ apiKeys: await apiKeysOf(c.var.server).list(c.var.principal.tenantId) }));

  handle(app, createApiKey, async (c) => {
    const server = c.var.server;
    const principal = c.var.principal;
    const apiKeys = apiKeysOf(server);
    const body = c.req.valid('json');
    const granted = permissionsOf(server.roles, body.role);
    if (!granted) {
      const roles = Object.keys(server.roles);
      throw new ApiError(400, 'ROLE_UNKNOWN', `There is no role '${body.role}'; use one of ${roles.join(', ')}.`, {
        details: { issues: [{ in: 'body', path: 'role', message: `must be one of ${roles.join(', ')}` }] },
      });
    }
    const unknown = (body.permissions ?? []).findIndex((p) => !(PERMISSIONS as readonly string[]).includes(p));
    if (unknown !== -1) {
      throw new ApiError(400, 'PERMISSION_UNKNOWN', `There is no permission '${body.permissions![unknown]}'.`, {
        details: { issues: [{ in: 'body', path: `permissions[${unknown}]`, message: `must be one of ${PERMISSIONS.join(', ')}` }] },
      });
    }
    const permissions = body.permissions as Permission[] | undefined;
    // Nobody hands out more than they hold: every permission the key would carry must be the caller's own.
    const wanted = permissions ? permissions.filter((p) => granted.has(p)) : [...granted];
    const missing = wanted.find((p) => !principal.permissions.has(p));
    if (missing) {
      throw new ApiError(
        403,
        'PERMISSION_DENIED',
        `A key with the role '${body.role}' would carry '${missing}', which the caller does not hold.`,
        {
          details: { permission: missing, role: principal.role },
        },
      );
    }
    const created = await apiKeys.create({
      tenantId: principal.tenantId,
      name: body.name,
      role: body.role,
      ...(permissions ? { permissions } : {}),
    });
    return json(created, 201, { 'cache-control': 'no-store' });
  });

  handle(app, revokeApiKey, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await apiKeysOf(c.var.server).revoke(c.var.principal.tenantId, id))) throw notFound('API key', id);
    return json(undefined, 204);
  });
}
