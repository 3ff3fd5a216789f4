import { z } from '@hono/zod-openapi';
import { addTeamMember, deleteTeam, findTeam, removeTeamMember, updateTeam } from '../members/directory-teams.js';
import { defineRoute, handle, json } from './define-route.js';
import { TeamInputSchema, TeamMemberParams, TeamSchema, TeamUpdateSchema } from './member-schemas.js';
import { errorResponses, IdParams, jsonResponse } from './schemas.js';
import type { ServerApp } from './server-context.js';

const tags = ['Teams'];

const listTeams = defineRoute({
  method: 'get',
  path: '/teams',
  operationId: 'listTeams',
  summary: 'List the tenant’s teams and their members',
  tags,
  permission: 'member:read',
  responses: { 200: jsonResponse('The teams.', z.object({ teams: z.array(TeamSchema) })), ...errorResponses() },
});

const createTeamRoute = defineRoute({
  method: 'post',
  path: '/teams',
  operationId: 'createTeam',
  summary: 'Create a team; names are unique in a tenant, whatever their case',
  tags,
  permission: 'member:manage',
  request: { body: { content: { 'application/json': { schema: TeamInputSchema } }, required: true } },
  responses: { 201: jsonResponse('The team.', TeamSchema), ...errorResponses(400, 409, 413) },
});

const getTeam = defineRoute({
  method: 'get',
  path: '/teams/{id}',
  operationId: 'getTeam',
  summary: 'Get a team',
  tags,
  permission: 'member:read',
  request: { params: IdParams },
  responses: { 200: jsonResponse('The team.', TeamSchema), ...errorResponses(404) },
});

const updateTeamRoute = defineRoute({
  method: 'patch',
  path: '/teams/{id}',
  operationId: 'updateTeam',
  summary: 'Rename a team or change its description',
  tags,
  permission: 'member:manage',
  request: { params: IdParams, body: { content: { 'application/json': { schema: TeamUpdateSchema } }, required: true } },
  responses: { 200: jsonResponse('The team.', TeamSchema), ...errorResponses(400, 404, 409, 413) },
});

const deleteTeamRoute = defineRoute({
  method: 'delete',
  path: '/teams/{id}',
  operationId: 'deleteTeam',
  summary: 'Delete a team; workspaces shared with it are no longer',
  tags,
  permission: 'member:manage',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses(404) },
});

const addTeamMemberRoute = defineRoute({
  method: 'put',
  path: '/teams/{id}/members/{userId}',
  operationId: 'addTeamMember',
  summary: 'Put a member of the tenant in a team (nothing changes if it is there already)',
  tags,
  permission: 'member:manage',
  request: { params: TeamMemberParams },
  responses: { 200: jsonResponse('The team.', TeamSchema), ...errorResponses(404) },
});

const removeTeamMemberRoute = defineRoute({
  method: 'delete',
  path: '/teams/{id}/members/{userId}',
  operationId: 'removeTeamMember',
  summary: 'Take a member out of a team (it stays a member of the tenant)',
  tags,
  permission: 'member:manage',
  request: { params: TeamMemberParams },
  responses: { 204: { description: 'Taken out.' }, ...errorResponses(404) },
});

/** Teams of the caller's tenant and who is in them. */
export function teamRoutes(app: ServerApp): void {
  handle(app, listTeams, async (c) => json({ teams: (await c.var.server.members.read(c.var.principal.tenantId)).teams }));

  handle(app, createTeamRoute, async (c) =>
    json(await c.var.server.members.createTeam(c.var.principal.tenantId, c.req.valid('json')), 201),
  );

  handle(app, getTeam, async (c) => json(findTeam(await c.var.server.members.read(c.var.principal.tenantId), c.req.valid('param').id)));

  handle(app, updateTeamRoute, async (c) => {
    const { members } = c.var.server;
    const { id } = c.req.valid('param');
    const { name, description } = c.req.valid('json');
    const at = members.at();
    return json(await members.change(c.var.principal.tenantId, (d) => updateTeam(d, { id, name, description, at })));
  });

  handle(app, deleteTeamRoute, async (c) => {
    const { members } = c.var.server;
    const { id } = c.req.valid('param');
    const at = members.at();
    await members.change(c.var.principal.tenantId, (d) => deleteTeam(d, { id, at }));
    return json(undefined, 204);
  });

  handle(app, addTeamMemberRoute, async (c) => {
    const { members } = c.var.server;
    const { id: teamId, userId } = c.req.valid('param');
    const at = members.at();
    return json(await members.change(c.var.principal.tenantId, (d) => addTeamMember(d, { teamId, userId, at })));
  });

  handle(app, removeTeamMemberRoute, async (c) => {
    const { members } = c.var.server;
    const { id: teamId, userId } = c.req.valid('param');
    const at = members.at();
    await members.change(c.var.principal.tenantId, (d) => removeTeamMember(d, { teamId, userId, at }));
    return json(undefined, 204);
  });
}
