import { z } from '@hono/zod-openapi';
import type { Principal } from '../auth/permissions.js';
import { notFound } from '../errors/api.error.js';
import {
  deleteWorkspace,
  findWorkspace,
  placeItem,
  removeItem,
  updateWorkspace,
  workspacesOf,
  type WorkspaceItemKind,
} from '../members/directory-teams.js';
import type { TenantDirectory, WorkspaceRecord } from '../members/member-store.js';
import { seesEveryWorkspace } from '../members/members.js';
import { defineRoute, handle, json } from './define-route.js';
import {
  WorkspaceCredentialParams,
  WorkspaceInputSchema,
  WorkspaceSchema,
  WorkspaceUpdateSchema,
  WorkspaceWorkflowParams,
} from './member-schemas.js';
import { errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp, ServerEnv } from './server-context.js';

const tags = ['Workspaces'];

const listWorkspaces = defineRoute({
  method: 'get',
  path: '/workspaces',
  operationId: 'listWorkspaces',
  summary: 'List the workspaces the caller sees',
  description: 'A user of an embed token sees the workspaces shared with its teams; API keys and whoever manages members see them all.',
  tags,
  permission: 'member:read',
  responses: { 200: jsonResponse('The workspaces.', z.object({ workspaces: z.array(WorkspaceSchema) })), ...errorResponses() },
});

const createWorkspaceRoute = defineRoute({
  method: 'post',
  path: '/workspaces',
  operationId: 'createWorkspace',
  summary: 'Create a workspace shared with some teams',
  tags,
  permission: 'member:manage',
  request: { body: { content: { 'application/json': { schema: WorkspaceInputSchema } }, required: true } },
  responses: { 201: jsonResponse('The workspace.', WorkspaceSchema), ...errorResponses(400, 409, 413) },
});

const getWorkspace = defineRoute({
  method: 'get',
  path: '/workspaces/{id}',
  operationId: 'getWorkspace',
  summary: 'Get a workspace the caller sees',
  tags,
  permission: 'member:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The workspace.', WorkspaceSchema), ...errorResponses(404) },
});

const updateWorkspaceRoute = defineRoute({
  method: 'patch',
  path: '/workspaces/{id}',
  operationId: 'updateWorkspace',
  summary: 'Rename a workspace or change the teams it is shared with',
  tags,
  permission: 'member:manage',
  request: { params: IdParams, body: { content: { 'application/json': { schema: WorkspaceUpdateSchema } }, required: true } },
  responses: { 200: jsonResponse('The workspace.', WorkspaceSchema), ...errorResponses(400, 404, 409, 413) },
});

const deleteWorkspaceRoute = defineRoute({
  method: 'delete',
  path: '/workspaces/{id}',
  operationId: 'deleteWorkspace',
  summary: 'Delete an empty workspace',
  tags,
  permission: 'member:manage',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses(404, 409) },
});

function itemRoutes<P extends z.ZodObject>(kind: WorkspaceItemKind, plural: string, param: string, params: P) {
  const Kind = kind[0]!.toUpperCase() + kind.slice(1);
  return {
    place: defineRoute({
      method: 'put',
      path: `/workspaces/{id}/${plural}/{${param}}`,
      operationId: `placeWorkspace${Kind}`,
      summary: `Put a ${kind} in a workspace (taking it out of any other): only the workspace’s teams see it`,
      tags,
      permission: 'member:manage',
      request: { params },
      responses: { 200: jsonResponse('The workspace.', WorkspaceSchema), ...errorResponses(404) },
    }),
    remove: defineRoute({
      method: 'delete',
      path: `/workspaces/{id}/${plural}/{${param}}`,
      operationId: `removeWorkspace${Kind}`,
      summary: `Take a ${kind} out of a workspace: the whole tenant sees it again`,
      tags,
      permission: 'member:manage',
      request: { params },
      responses: { 204: { description: 'Taken out.' }, ...errorResponses(404) },
    }),
  };
}

const workflowItems = itemRoutes('workflow', 'workflows', 'workflowId', WorkspaceWorkflowParams);
const credentialItems = itemRoutes('credential', 'credentials', 'credentialId', WorkspaceCredentialParams);

/** The workspace as the caller may see it, or a 404 as if it did not exist. */
function visibleWorkspace(directory: TenantDirectory, principal: Principal, id: string): WorkspaceRecord {
  const workspace = findWorkspace(directory, id);
  if (!seesEveryWorkspace(principal) && !workspacesOf(directory, principal.userId!).includes(workspace)) throw notFound('workspace', id);
  return workspace;
}

async function place(
  { server, principal }: ServerEnv['Variables'],
  kind: WorkspaceItemKind,
  workspaceId: string,
  itemId: string,
): Promise<WorkspaceRecord> {
  const { tenantId } = principal;
  findWorkspace(await server.members.read(tenantId), workspaceId);
  const exists =
    kind === 'workflow'
      ? (await server.engine.storage.workflows.get(tenantId, itemId)) !== undefined
      : (await server.engine.credentials.get(itemId, { tenantId })) !== undefined;
  if (!exists) throw notFound(kind, itemId);
  const at = server.members.at();
  return server.members.change(tenantId, (d) => placeItem(d, { workspaceId, kind, itemId, at }));
}

async function remove({ server, principal }: ServerEnv['Variables'], kind: WorkspaceItemKind, workspaceId: string, itemId: string) {
  const at = server.members.at();
  await server.members.change(principal.tenantId, (d) => removeItem(d, { workspaceId, kind, itemId, at }));
}

/** Workspaces of the caller's tenant: which teams see which workflows and credentials. */
export function workspaceRoutes(app: ServerApp): void {
  handle(app, listWorkspaces, async (c) => {
    const { principal } = c.var;
    const directory = await c.var.server.members.read(principal.tenantId);
    const workspaces = seesEveryWorkspace(principal) ? directory.workspaces : workspacesOf(directory, principal.userId!);
    return json({ workspaces });
  });

  handle(app, createWorkspaceRoute, async (c) =>
    json(await c.var.server.members.createWorkspace(c.var.principal.tenantId, c.req.valid('json')), 201),
  );

  handle(app, getWorkspace, async (c) => {
    const { principal } = c.var;
    return json(visibleWorkspace(await c.var.server.members.read(principal.tenantId), principal, c.req.valid('param').id));
  });

  handle(app, updateWorkspaceRoute, async (c) => {
    const { members } = c.var.server;
    const { id } = c.req.valid('param');
    const { name, teamIds } = c.req.valid('json');
    const at = members.at();
    return json(await members.change(c.var.principal.tenantId, (d) => updateWorkspace(d, { id, name, teamIds, at })));
  });

  handle(app, deleteWorkspaceRoute, async (c) => {
    const { id } = c.req.valid('param');
    await c.var.server.members.change(c.var.principal.tenantId, (d) => deleteWorkspace(d, id));
    return json(undefined, 204);
  });

  handle(app, workflowItems.place, async (c) => {
    const { id, workflowId } = c.req.valid('param');
    return json(await place(c.var, 'workflow', id, workflowId));
  });
  handle(app, workflowItems.remove, async (c) => {
    const { id, workflowId } = c.req.valid('param');
    await remove(c.var, 'workflow', id, workflowId);
    return json(undefined, 204);
  });
  handle(app, credentialItems.place, async (c) => {
    const { id, credentialId } = c.req.valid('param');
    return json(await place(c.var, 'credential', id, credentialId));
  });
  handle(app, credentialItems.remove, async (c) => {
    const { id, credentialId } = c.req.valid('param');
    await remove(c.var, 'credential', id, credentialId);
    return json(undefined, 204);
  });
}
