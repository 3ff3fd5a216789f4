import { z } from '@hono/zod-openapi';
import type { Principal } from '../auth/permissions.js';
import { ApiError, notFound } from '../errors/api.error.js';
import { defineRoute, handle, json } from './define-route.js';
import {
  CredentialDraftSchema,
  CredentialInputSchema,
  CredentialSchema,
  CredentialTestSchema,
  CredentialUpdateSchema,
  errorResponses,
  IdParams,
  jsonResponse,
} from './schemas.js';
import type { ServerApp, ServerContext } from './server-context.js';

const tags = ['Credentials'];

const listCredentials = defineRoute({
  method: 'get',
  path: '/credentials',
  operationId: 'listCredentials',
  summary: 'List the caller’s credentials, secrets masked',
  tags,
  permission: 'credential:read',
  responses: { 200: jsonResponse('The credentials.', z.object({ credentials: z.array(CredentialSchema) })), ...errorResponses() },
});

const createCredential = defineRoute({
  method: 'post',
  path: '/credentials',
  operationId: 'createCredential',
  summary: 'Create a credential; its data is encrypted and never returned',
  tags,
  permission: 'credential:write',
  request: { body: { content: { 'application/json': { schema: CredentialInputSchema } }, required: true } },
  responses: { 201: jsonResponse('The credential, secrets masked.', CredentialSchema), ...errorResponses(400, 409, 413) },
});

const getCredential = defineRoute({
  method: 'get',
  path: '/credentials/{id}',
  operationId: 'getCredential',
  summary: 'Get a credential, secrets masked',
  tags,
  permission: 'credential:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The credential.', CredentialSchema), ...errorResponses(404) },
});

const updateCredential = defineRoute({
  method: 'patch',
  path: '/credentials/{id}',
  operationId: 'updateCredential',
  summary: 'Change a credential’s name, data or sharing',
  tags,
  permission: 'credential:write',
  request: { params: IdParams, body: { content: { 'application/json': { schema: CredentialUpdateSchema } }, required: true } },
  responses: { 200: jsonResponse('The credential, secrets masked.', CredentialSchema), ...errorResponses(400, 404, 413) },
});

const deleteCredential = defineRoute({
  method: 'delete',
  path: '/credentials/{id}',
  operationId: 'deleteCredential',
  summary: 'Delete a credential',
  tags,
  permission: 'credential:write',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses(404) },
});

const testCredential = defineRoute({
  method: 'post',
  path: '/credentials/{id}/test',
  operationId: 'testCredential',
  summary: 'Send the credential type’s test request with it',
  tags,
  permission: 'credential:use',
  request: { params: IdParams },
  responses: { 200: jsonResponse('Whether the service accepted it.', CredentialTestSchema), ...errorResponses(404) },
});

const testCredentialDraft = defineRoute({
  method: 'post',
  path: '/credentials/test',
  operationId: 'testCredentialDraft',
  summary: 'Test a credential form’s values before they are saved',
  description:
    'Validates the values against the credential type (400 naming each field) and sends the type’s test request with them. Nothing is stored. With `id`, the values edit that credential: secret fields left out or sent masked keep their saved values.',
  tags,
  permission: 'credential:write',
  request: { body: { content: { 'application/json': { schema: CredentialDraftSchema } }, required: true } },
  responses: { 200: jsonResponse('Whether the service accepted them.', CredentialTestSchema), ...errorResponses(400, 404) },
});

const credentialLastUsed = defineRoute({
  method: 'get',
  path: '/credentials/{id}/last-used',
  operationId: 'getCredentialLastUsed',
  summary: 'When a credential was last used, from its audit trail',
  tags,
  permission: 'credential:read',
  request: { params: IdParams },
  responses: {
    200: jsonResponse(
      'The time of its last use (a request, a test or a read by a node), or null when it was never used.',
      z.object({ lastUsedAt: z.string().nullable() }),
    ),
    ...errorResponses(404),
  },
});

/** The credential of the caller's tenant, or a 404 when there is none or it is in a workspace the caller does not see. */
async function existing(server: ServerContext, principal: Principal, id: string) {
  const credential = await server.engine.credentials.get(id, { tenantId: principal.tenantId });
  if (!credential) throw notFound('credential', id);
  await server.members.checkVisible(principal, 'credential', id);
  return credential;
}

/** Credentials through the engine's credentials manager: reads are masked, secrets never leave the server. */
export function credentialRoutes(app: ServerApp): void {
  handle(app, listCredentials, async (c) => {
    const hidden = await c.var.server.members.hiddenFrom(c.var.principal, 'credential');
    const credentials = await c.var.server.engine.credentials.list({ tenantId: c.var.principal.tenantId });
    return json({ credentials: credentials.filter((credential) => !hidden.has(credential.id)) });
  });

  handle(app, createCredential, async (c) => {
    const body = c.req.valid('json');
    const credentials = c.var.server.engine.credentials;
    // An unknown type is the caller's mistake, named with its field, before anything is encrypted.
    if (!credentials.types.list().some((t) => t.name === body.type)) {
      const known = credentials.types.list().map((t) => t.name);
      throw new ApiError(400, 'CREDENTIAL_TYPE_UNKNOWN', `There is no credential type '${body.type}'; use one of ${known.join(', ')}.`, {
        details: { issues: [{ in: 'body', path: 'type', message: `must be one of ${known.join(', ')}` }] },
      });
    }
    return json(await credentials.create(body, { tenantId: c.var.principal.tenantId }), 201);
  });

  handle(app, getCredential, async (c) => json(await existing(c.var.server, c.var.principal, c.req.valid('param').id)));

  handle(app, updateCredential, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await existing(server, c.var.principal, id);
    return json(await server.engine.credentials.update(id, c.req.valid('json'), { tenantId }));
  });

  handle(app, deleteCredential, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await existing(server, c.var.principal, id);
    await server.engine.credentials.delete(id, { tenantId });
    await server.members.forget(tenantId, 'credential', id);
    return json(undefined, 204);
  });

  handle(app, testCredentialDraft, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id, ...draft } = c.req.valid('json');
    if (id !== undefined) await existing(server, c.var.principal, id);
    return json(await server.engine.credentials.testDraft(draft, { tenantId, ...(id !== undefined ? { id } : {}) }));
  });

  handle(app, credentialLastUsed, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await existing(server, c.var.principal, id);
    const [latest] = await server.engine.credentials.auditTrail({ credentialId: id, limit: 1, tenantId });
    return json({ lastUsedAt: latest?.at ?? null });
  });

  handle(app, testCredential, async (c) => {
    const server = c.var.server;
    const { tenantId } = c.var.principal;
    const { id } = c.req.valid('param');
    await existing(server, c.var.principal, id);
    return json(await server.engine.credentials.test(id, { tenantId }));
  });
}
